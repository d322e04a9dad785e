import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { ProjectionHost } from '@ledger/read-store';
import { Roles } from '../auth/roles';
import { Doc } from '../http/openapi';
import { METRICS, PROJECTION_RUNNER } from '../tokens';
import { METRICS_CONTENT_TYPE, type LedgerMetrics } from './ledger-metrics';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(METRICS) private readonly metrics: LedgerMetrics,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionHost,
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
    // While the projection thread starts again after a crash (D53) its figures are not read; the
    // rest of the scrape still answers, and /health says not ready.
    const statuses = await this.runner.status().catch(() => undefined);
    if (statuses !== undefined) this.metrics.recordProjections(statuses);
    void reply.header('content-type', METRICS_CONTENT_TYPE);
    return this.metrics.registry.metrics();
  }
}
