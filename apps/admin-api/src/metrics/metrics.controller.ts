import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { ProjectionRunner } from '@ledger/read-store';
import { Roles } from '../auth/roles';
import { METRICS, PROJECTION_RUNNER } from '../tokens';
import { METRICS_CONTENT_TYPE, type LedgerMetrics } from './ledger-metrics';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(METRICS) private readonly metrics: LedgerMetrics,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  @Get()
  @Roles('metrics')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'Command latency by command type, group-commit batch sizes, projection lag and positions, dead letters, scheduler runs, and the process. For a key with the metrics role (a scraper) or admin.',
  })
  @ApiOkResponse({ description: 'Prometheus text exposition format' })
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    this.metrics.recordProjections(await this.runner.status());
    void reply.header('content-type', METRICS_CONTENT_TYPE);
    return this.metrics.registry.metrics();
  }
}
