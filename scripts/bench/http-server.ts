/**
 * A server for the HTTP benchmark, run as a child process of http.ts (which sends it load with
 * autocannon from another process). Reports its port over IPC.
 *
 *   http-server.ts hello             NestJS hello world (GET /hello) on the same Fastify adapter
 *   http-server.ts ledger <data dir> the admin API as main.ts builds it (embedded store, durable
 *                                    appends, projections running in-process, request logs at the
 *                                    configured LOG_LEVEL to a discarded stdout)
 */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { percentile, round } from './lib';

export const BENCH_KEYS = {
  backoffice: 'bench-backoffice-key-0123456789',
  admin: 'bench-admin-key-0123456789abcdef',
} as const;

@Controller()
class HelloController {
  @Get('hello')
  hello(): { hello: string } {
    return { hello: 'world' };
  }
}

@Module({ controllers: [HelloController] })
class HelloModule {}

async function helloApp(): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: 262_144,
    genReqId: () => randomUUID(),
    routerOptions: { maxParamLength: 200 },
  });
  return NestFactory.create<NestFastifyApplication>(HelloModule, adapter, { logger: false });
}

async function ledgerApp(dataDir: string): Promise<NestFastifyApplication> {
  const { loadConfig } = await import('@ledger/application');
  const { createAdminApi } = await import('../../apps/admin-api/src/app.factory');
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    LEDGER_DATA_DIR: dataDir,
    LEDGER_API_KEYS: Object.entries(BENCH_KEYS)
      .map(([role, key]) => `${role}:${key}`)
      .join(','),
    LEDGER_SCHEDULER_INTERVAL_MS: '0',
    // The benchmark measures capacity: no per-key budget in the way.
    LEDGER_RATE_LIMIT_MAX: process.env['LEDGER_RATE_LIMIT_MAX'] ?? '0',
    LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'info',
  });
  return createAdminApi({ config });
}

/** What the server measured itself: request received to response sent, for POST requests. */
export interface ServerLatency {
  requests: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Most latencies kept between two reports (a 5 s run at 64 connections makes a few thousand). */
const MAX_LATENCIES = 1_000_000;

/**
 * The latency inside the server, next to the client's: the client's also holds the time a
 * request waits before the server reads it, and the load generator's own delays on a shared core.
 */
function measureLatency(server: Server): () => ServerLatency {
  let latenciesMs: number[] = [];
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'POST') return;
    const receivedAt = performance.now();
    response.once('finish', () => {
      if (latenciesMs.length < MAX_LATENCIES) latenciesMs.push(performance.now() - receivedAt);
    });
  });
  return () => {
    const sorted = latenciesMs.sort((a, b) => a - b);
    latenciesMs = [];
    return {
      requests: sorted.length,
      p50Ms: round(percentile(sorted, 0.5), 1),
      p99Ms: round(percentile(sorted, 0.99), 1),
      maxMs: round(percentile(sorted, 1), 1),
    };
  };
}

async function main(): Promise<void> {
  const [kind, dataDir] = process.argv.slice(2);
  const app = kind === 'hello' ? await helloApp() : await ledgerApp(dataDir ?? '');
  await app.listen({ port: Number(process.env['BENCH_SERVER_PORT'] ?? 0), host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as { port: number };
  const takeLatency = measureLatency(app.getHttpServer());
  process.send?.({ port });
  process.on('message', (message: unknown) => {
    if (message === 'stop') void app.close().then(() => process.exit(0));
    // The POST latencies since the last report, then forgets them.
    if (message === 'latency') process.send?.({ latency: takeLatency() });
  });
  process.on('disconnect', () => void app.close().then(() => process.exit(0)));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
