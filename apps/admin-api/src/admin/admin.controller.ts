import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Scheduler } from '@ledger/application';
import type { ProjectionHost } from '@ledger/read-store';
import { AdminOnly, AuditRoles } from '../auth/roles';
import { IsInstant } from '../http/validators';
import type { LedgerMetrics } from '../metrics/ledger-metrics';
import { METRICS, PROJECTION_RUNNER, SCHEDULER } from '../tokens';
import { Doc, objectOf } from '../http/openapi';

export class RunSchedulerDto {
  @ApiProperty({
    description: 'Business time up to which every due deadline is fired',
    example: '2026-03-20T00:00:00+01:00',
  })
  @IsInstant()
  until!: string;
}

@ApiTags('operations')
@Controller('admin')
export class AdminController {
  constructor(
    @Inject(SCHEDULER) private readonly scheduler: Scheduler,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionHost,
    @Inject(METRICS) private readonly metrics: LedgerMetrics,
  ) {}

  /** Fires every deadline due up to `until`, exactly as the wall-clock scheduler would; idempotent. */
  @Doc({
    summary: 'Run the scheduler',
    description:
      'Fires every deadline due up to `until` (evidence windows, refund terms, reminders, licence renewals), exactly as the wall-clock scheduler would; idempotent. Appends what the deadlines decide.',
    errors: [400, 503],
    response: objectOf('until, the deadlines fired, and whether the run got to the end of what was due', {
      until: { type: 'string' },
      fired: { type: 'array', items: { type: 'object' } },
      complete: {
        type: 'boolean',
        description:
          'false when the run stopped at its bound (10,000 deadlines, or 50 passes over deadlines the firings kept scheduling): run it again for the rest',
      },
    }),
  })
  @Post('scheduler/run')
  @HttpCode(200)
  @AdminOnly()
  async runScheduler(@Body() body: RunSchedulerDto) {
    const { fired, complete } = await this.metrics.timeSchedulerRun('api', () => this.scheduler.runUntil(body.until));
    return { until: body.until, fired, complete };
  }

  /** Every projection with its version, position, lag and dead letters. */
  @Doc({
    summary: 'List projections',
    description:
      'Every projection with its version, position, lag, state and dead letters (auditors read it in the console too). Appends nothing.',
    errors: [503],
    response: { type: 'array', items: objectOf('name, version, position, headPosition, lag, state, deadLetters') },
  })
  @Get('projections')
  @AuditRoles()
  async projections() {
    return this.runner.status();
  }
}
