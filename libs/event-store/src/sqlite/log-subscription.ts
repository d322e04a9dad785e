import { setImmediate as nextMacrotask } from 'node:timers/promises';
import type { AllSubscription, LogPosition, RecordedEvent } from '../event-store.port';

/** What a subscription needs from its store: a bounded page of `$all`, and whether the store is closing. */
export interface LogPageSource {
  readPageAfter(position: LogPosition): RecordedEvent[];
  isClosing(): boolean;
  forget(subscription: LogSubscription): void;
}

/**
 * A catch-up subscription to `$all`. It pages from the checkpoint (one bounded page in memory at a
 * time) and, once caught up, sleeps until the store wakes it after a commit in this process or the
 * poll interval passes (commits by other processes). Positions become visible only in commit order
 * and without gaps, so "everything after the last position seen" never skips or reorders an event.
 */
export class LogSubscription implements AllSubscription {
  private closed = false;
  private readonly wakeup = new Wakeup();
  private readonly iterator: AsyncGenerator<RecordedEvent, void, undefined>;

  constructor(
    private readonly source: LogPageSource,
    private readonly afterPosition: LogPosition,
    private readonly pollIntervalMs: number,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.iterator = this.iterate();
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.iterator;
  }

  /** Called by the store after every commit; cheap, and harmless when nothing new is there. */
  wake(): void {
    this.wakeup.wake();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeup.wake();
    // Waits for an in-flight read to finish, then ends the generator so `for await` sees done.
    await this.iterator.return(undefined);
    this.source.forget(this);
  }

  private get stopped(): boolean {
    return this.closed || this.source.isClosing() || this.signal?.aborted === true;
  }

  private async *iterate(): AsyncGenerator<RecordedEvent, void, undefined> {
    let checkpoint = this.afterPosition;
    try {
      while (!this.stopped) {
        const page = this.source.readPageAfter(checkpoint);
        if (page.length === 0) {
          // No await between the empty read and arming the sleep, so a wake cannot slip through.
          await this.wakeup.sleep(this.pollIntervalMs, this.signal);
          continue;
        }
        for (const event of page) {
          if (event.position <= checkpoint) {
            throw new Error(`Subscription invariant broken: position ${event.position} after ${checkpoint}`);
          }
          if (this.stopped) return;
          yield event;
          checkpoint = event.position;
        }
        // A long catch-up must not starve timers and I/O (group commits run on setImmediate).
        await nextMacrotask();
      }
    } finally {
      this.source.forget(this);
    }
  }
}

/** One sleeper at a time; a wake that arrives while nobody sleeps makes the next sleep return at once. */
class Wakeup {
  private sleeper: (() => void) | undefined;
  private pendingWake = false;

  wake(): void {
    if (this.sleeper) this.sleeper();
    else this.pendingWake = true;
  }

  sleep(timeoutMs: number, signal: AbortSignal | undefined): Promise<void> {
    if (this.pendingWake || signal?.aborted) {
      this.pendingWake = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', finish);
        this.sleeper = undefined;
        resolve();
      };
      const timer = setTimeout(finish, timeoutMs);
      signal?.addEventListener('abort', finish, { once: true });
      this.sleeper = finish;
    });
  }
}
