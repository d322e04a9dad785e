import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Scheduler } from '@ledger/application';
import type { ProjectionRunner } from '@ledger/read-store';
import { AdminOnly, AuditRoles } from '../auth/roles';
import { IsInstant } from '../http/validators';
import type { LedgerMetrics } from '../metrics/ledger-metrics';
import { METRICS, PROJECTION_RUNNER, SCHEDULER } from '../tokens';

export class RunSchedulerDto {
  @ApiProperty({
    description: 'Business time up to which every due deadline is fired',
    example: '2026-03-20T00:00:00+01:00',
  })
  @IsInstant()
  until!: string;
}

@ApiTags('operations')
@ApiBearerAuth()
@Controller('admin')
export class AdminController {
  constructor(
    @Inject(SCHEDULER) private readonly scheduler: Scheduler,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(METRICS) private readonly metrics: LedgerMetrics,
  ) {}

  /** Fires every deadline due up to `until`, exactly as the wall-clock scheduler would; idempotent. */
  @Post('scheduler/run')
  @HttpCode(200)
  @AdminOnly()
  async runScheduler(@Body() body: RunSchedulerDto) {
    const fired = await this.metrics.timeSchedulerRun('api', () => this.scheduler.runUntil(body.until));
    return { until: body.until, fired };
  }

  /** Every projection with its version, position, lag and dead letters (auditors read it in the console too). */
  @Get('projections')
  @AuditRoles()
  async projections() {
    return this.runner.status();
  }
}
