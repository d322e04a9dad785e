/**
 * Checks that read the whole log (projection verification, recomputing every decision, the hash
 * chain) run one at a time per server: eight at once raised write latency from about 40 ms to
 * about 1 s. A second caller gets 409 WHOLE_LOG_CHECK_RUNNING naming the check under way, at once,
 * instead of queueing behind it.
 */
import { ConflictException, Injectable } from '@nestjs/common';

@Injectable()
export class WholeLogChecks {
  private running: { check: string; startedAt: string } | undefined;

  async runAlone<T>(check: string, work: () => Promise<T>): Promise<T> {
    if (this.running)
      throw new ConflictException({
        error: 'WHOLE_LOG_CHECK_RUNNING',
        message: `${this.running.check} is running since ${this.running.startedAt}; whole-log checks run one at a time: retry when it has finished`,
        details: { running: this.running.check, startedAt: this.running.startedAt },
      });
    this.running = { check, startedAt: new Date().toISOString() };
    try {
      return await work();
    } finally {
      this.running = undefined;
    }
  }
}
