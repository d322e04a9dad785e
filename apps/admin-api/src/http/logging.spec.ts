/**
 * The structured log without request context in AsyncLocalStorage (D52): a line per request with
 * Fastify's id, a 500's error on that line, and Nest's Logger calls with their context.
 */
import { Logger } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import Fastify, { type FastifyInstance } from 'fastify';
import { PinoNestLogger, createLedgerLogger, failedWith, logRequests } from './logging';

type Line = Record<string, unknown> & { level: number; msg?: string };

function capture(level = 'info') {
  const lines: Line[] = [];
  const logger = createLedgerLogger(level, { write: (line) => void lines.push(JSON.parse(line) as Line) });
  return { logger, lines };
}

describe('request log lines', () => {
  let fastify: FastifyInstance;
  let lines: Line[];

  beforeEach(async () => {
    const captured = capture();
    lines = captured.lines;
    fastify = Fastify({ genReqId: () => 'req-1' });
    logRequests(fastify, captured.logger);
    fastify.get('/ok', async () => ({ ok: true }));
    fastify.get('/fails', async (_request, reply) => {
      failedWith(reply.raw, new Error('disk gone'));
      return reply.status(500).send({ error: 'INTERNAL' });
    });
    await fastify.ready();
  });

  afterEach(() => fastify.close());

  it('logs one line per request with its id, method, redacted URL, status and time', async () => {
    await fastify.inject({ method: 'GET', url: '/ok?api_key=secret-value', headers: { authorization: 'Bearer x' } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { id: 'req-1', method: 'GET', url: '/ok?api_key=[redacted]' },
      res: { statusCode: 200 },
    });
    expect(typeof lines[0]!['responseTime']).toBe('number');
    expect(JSON.stringify(lines)).not.toContain('secret-value');
    expect(JSON.stringify(lines)).not.toContain('Bearer');
  });

  it("puts a 500's error and stack on the request's own line", async () => {
    await fastify.inject({ method: 'GET', url: '/fails' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, req: { id: 'req-1' }, res: { statusCode: 500 } });
    expect((lines[0]!['err'] as { message: string; stack: string }).message).toBe('disk gone');
    expect((lines[0]!['err'] as { stack: string }).stack).toContain('logging.spec.ts');
  });

  it('enters no AsyncLocalStorage (on Node 20 that turns on promise hooks for the whole process)', async () => {
    const entered = jest.spyOn(AsyncLocalStorage.prototype, 'run');
    try {
      await fastify.inject({ method: 'GET', url: '/ok' });
      expect(entered).not.toHaveBeenCalled();
    } finally {
      entered.mockRestore();
    }
  });
});

describe('PinoNestLogger', () => {
  it("writes Nest's Logger calls with their context, a stack on errors, and respects the level", () => {
    const { logger, lines } = capture('info');
    Logger.overrideLogger(new PinoNestLogger(logger));
    try {
      const log = new Logger('Scheduler');
      log.warn('run skipped');
      log.error('run failed', 'Error: run failed\n    at here');
      log.debug('not written at info');
    } finally {
      Logger.overrideLogger(true);
    }
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, context: 'Scheduler', msg: 'run skipped' }),
      expect.objectContaining({
        level: 50,
        context: 'Scheduler',
        msg: 'run failed',
        stack: 'Error: run failed\n    at here',
      }),
    ]);
  });
});
