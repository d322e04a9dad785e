import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { ProjectionRunner } from '@ledger/read-store';
import { Roles } from '../auth/roles';
import { Doc } from '../http/openapi';
import { METRICS, PROJECTION_RUNNER } from '../tokens';
import { METRICS_CONTENT_TYPE, type LedgerMetrics } from './ledger-metrics';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(METRICS) private readonly metrics: LedgerMetrics,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  @Doc({
    summary: 'Prometheus metrics',
    description:
      'Command latency by command type, group-commit batch sizes, projection lag and positions, dead letters, scheduler runs, and the process, in the Prometheus text exposition format. For a key with the metrics role (a scraper) or admin. Appends nothing.',
    errors: [],
    response: { type: 'string', description: 'Prometheus text exposition format' },
    responseDescription: 'The metrics',
  })
  @Get()
  @Roles('metrics')
  @ApiProduces('text/plain')
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    this.metrics.recordProjections(await this.runner.status());
    void reply.header('content-type', METRICS_CONTENT_TYPE);
    return this.metrics.registry.metrics();
  }
}
