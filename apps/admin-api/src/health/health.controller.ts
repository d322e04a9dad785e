import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import type { LedgerConfig, Storage } from '@ledger/application';
import type { ProjectionHost, ProjectionStatus } from '@ledger/read-store';
import { Public } from '../auth/roles';
import { Doc, objectOf } from '../http/openapi';
import { LEDGER_CONFIG, PROJECTION_RUNNER, STORAGE } from '../tokens';

/**
 * Readiness: 200 while the ledger can take commands and answer reads correctly, 503 with the failing
 * checks otherwise (docs/operations.md "Health"). No auth and no personal data: positions, counts,
 * states and the chain head only.
 */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionHost,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  @Doc({
    summary: 'Readiness of the ledger',
    description:
      'Event store and read store reachable, the log head matching its anchor, every projection within LEDGER_HEALTH_MAX_LAG positions of the log and none ahead of it; dead letters are reported. 503 with `error` NOT_READY and `checks` naming what failed. No personal data. Appends nothing.',
    errors: [429, 503],
    response: objectOf('Ready: `status` ok, the storage engines, and every check'),
    responseDescription: 'Ready',
  })
  @Get()
  @Public()
  async check() {
    let result: HealthCheckResult;
    try {
      result = await this.health.check([
        () => this.ping('eventStore', () => this.storage.eventStore.ping()),
        () => this.ping('readStore', () => this.storage.readStore.ping()),
        () => this.chain(),
        () => this.projections(),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const failed = error.getResponse() as HealthCheckResult;
      throw new ServiceUnavailableException({
        error: 'NOT_READY',
        message: `Not ready: ${Object.entries(failed.error ?? {})
          .map(([name, check]) => `${name} (${String(check?.['message'] ?? 'down')})`)
          .join(', ')}`,
        status: failed.status,
        storage: this.storage.engines,
        checks: failed.details,
      });
    }
    return { status: result.status, storage: this.storage.engines, checks: result.details };
  }

  private async ping(key: string, ping: () => Promise<void>): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      await ping();
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: `unreachable: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  /** The log's head against the anchor kept outside it: one look-up, not the whole chain. */
  private async chain(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('chain');
    if (!this.storage.chain)
      return indicator.up({ kept: false, headPosition: await this.storage.engine.headPosition() });
    const check = this.storage.chain.checkAnchor();
    const anchor = check.anchor ? { position: check.anchor.position, hash: check.anchor.hash } : null;
    return check.ok
      ? indicator.up({ kept: true, headPosition: check.headPosition, anchor })
      : indicator.down({ message: check.message, headPosition: check.headPosition, anchor });
  }

  /** Behind by more than the configured lag, or ahead of the log (another copy's read models): not ready. */
  private async projections(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('projections');
    let statuses: ProjectionStatus[];
    try {
      statuses = await this.runner.status();
    } catch (error) {
      // The projection thread is starting again after a crash (D53): not ready until it is back.
      return indicator.down({ message: `projection status unavailable: ${(error as Error).message}` });
    }
    const headPosition = statuses[0]?.headPosition ?? -1;
    const maxLag = this.config.healthMaxLag;
    const ahead = statuses.filter((status) => status.position > status.headPosition).map((status) => status.name);
    const behind = statuses.filter((status) => status.lag > maxLag).map((status) => status.name);
    const deadLetters = statuses.reduce((total, status) => total + status.deadLetters, 0);
    const details = {
      headPosition,
      maxLag,
      lag: Math.max(0, ...statuses.map((status) => status.lag)),
      deadLetters,
      projections: Object.fromEntries(
        statuses.map((status) => [
          status.name,
          { position: status.position, lag: status.lag, state: status.state, deadLetters: status.deadLetters },
        ]),
      ),
    };
    if (ahead.length > 0)
      return indicator.down({
        message: `read models ahead of the log's head ${headPosition}: ${ahead.join(', ')}`,
        ...details,
      });
    if (behind.length > 0)
      return indicator.down({
        message: `more than ${maxLag} positions behind the log: ${behind.join(', ')}`,
        ...details,
      });
    return indicator.up(details);
  }
}
