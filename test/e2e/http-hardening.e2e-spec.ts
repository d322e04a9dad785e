/**
 * The HTTP layer as an outside probe met it (issue 16): command ids in another case, lax instants
 * and JSON, missing security headers, trickling bodies, piled-up whole-log checks, rate limits,
 * /docs in production, health and metrics.
 */
import * as net from 'node:net';
import { loadConfig } from '@ledger/application';
import { commandId, newId, startHarness, TEST_KEYS, type Harness } from '../support/http-harness';

const METRICS_KEY = 'test-metrics-key-0123456789abc';
const KEYS_WITH_METRICS = [...Object.entries(TEST_KEYS), ['metrics', METRICS_KEY]]
  .map(([role, key]) => `${role}:${key}`)
  .join(',');

const customer = (overrides: Record<string, unknown> = {}) => ({
  commandId: commandId(),
  customerId: newId('cust'),
  kind: 'consumer',
  name: 'Wilhelmina Hardening',
  email: 'w.hardening@example.nl',
  registeredAt: '2026-03-02T10:00:00+01:00',
  ...overrides,
});

async function logHead(api: Harness): Promise<number> {
  const health = await api.request('GET', '/health', { role: null });
  return health.body.checks.chain.headPosition;
}

describe('HTTP hardening', () => {
  let api: Harness;
  beforeAll(async () => {
    api = await startHarness({ env: { LEDGER_API_KEYS: KEYS_WITH_METRICS } });
  });
  afterAll(async () => api.close());

  it('a command id resent in upper case is the same command: the first response, nothing appended', async () => {
    const body = customer({ commandId: commandId() });
    const first = await api.request('POST', '/customers', { role: 'backoffice', body });
    expect(first.status).toBe(201);
    const upper = await api.request('POST', '/customers', {
      role: 'backoffice',
      body: { ...body, commandId: body.commandId.toUpperCase() },
    });
    expect(upper.status).toBe(201);
    expect(upper.body).toEqual(first.body);
    const stream = await api.request('GET', `/streams/customer-${body.customerId}/events`, { role: 'auditor' });
    expect(stream.body.events).toHaveLength(1);
    expect(stream.body.events[0].commandId).toBe(body.commandId);
  });

  it.each([
    ['T24:00', '2026-03-01T24:00:00+01:00'],
    ['an offset without a colon', '2026-03-01T10:00:00+0100'],
    ['an instant without seconds', '2026-03-01T10:00+01:00'],
  ])('refuses %s with 400 naming the field, and appends nothing', async (_what, registeredAt) => {
    const before = await logHead(api);
    const res = await api.request('POST', '/customers', { role: 'backoffice', body: customer({ registeredAt }) });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('VALIDATION_FAILED');
    expect(res.body.fields).toEqual([
      { field: 'registeredAt', messages: [expect.stringContaining('YYYY-MM-DDTHH:MM:SS')] },
    ]);
    expect(await logHead(api)).toBe(before);
  });

  it.each([
    ['a duplicate key', '{"customerId":"c-dup-1","customerId":"c-dup-2"}', 'customerId'],
    ['a key named prototype', '{"prototype":{"x":1}}', 'prototype'],
    ['a key named __proto__', '{"__proto__":{"admin":true}}', '__proto__'],
    ['a key named constructor', '{"constructor":{"prototype":{"x":1}}}', 'constructor'],
  ])('refuses a body with %s with 400 naming the key, and appends nothing', async (_what, extra, field) => {
    const before = await logHead(api);
    const valid = JSON.stringify(customer({ customerId: undefined }));
    const rawBody = `${valid.slice(0, -1)},${extra.slice(1)}`;
    const res = await api.request('POST', '/customers', { role: 'backoffice', rawBody });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field, messages: [expect.stringContaining(field)] }]);
    expect(res.body.message).toContain(field);
    expect(await logHead(api)).toBe(before);
  });

  it('sends security headers, and no-store on answers with personal data', async () => {
    const body = customer();
    await api.request('POST', '/customers', { role: 'backoffice', body });
    for (const route of [`/customers/${body.customerId}`, `/streams/customer-${body.customerId}/events`]) {
      const res = await api.request('GET', route, { role: 'auditor' });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });

  it('keeps Swagger UI working under the content security policy, and names the key scheme', async () => {
    const page = await api.request('GET', '/docs', { role: null });
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    const html = String(page.body);
    // Every script is a file of its own (allowed by script-src 'self'); none is inline.
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toMatch(/src="/);
    for (const asset of [...html.matchAll(/(?:src|href)="\.\/(docs\/[^"]+)"/g)].map((match) => match[1]!)) {
      expect((await api.request('GET', `/${asset}`, { role: null })).status).toBe(200);
    }
    const json = await api.request('GET', '/docs-json', { role: null });
    expect(json.body.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'API key or OIDC access token',
    });
  });

  it('runs one whole-log check at a time: the others get 409 naming the one under way', async () => {
    for (let batch = 0; batch < 6; batch++)
      await Promise.all(
        Array.from({ length: 25 }, () => api.request('POST', '/customers', { role: 'backoffice', body: customer() })),
      );
    const calls = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        index % 2 === 0
          ? api.request('POST', '/admin/projections/verify', { role: 'auditor', body: {} })
          : api.request('GET', '/audit/chain', { role: 'auditor' }),
      ),
    );
    const statuses = calls.map((call) => call.status);
    expect(statuses.every((status) => status === 200 || status === 409)).toBe(true);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(1);
    const refused = calls.filter((call) => call.status === 409);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused[0]!.body).toMatchObject({
      error: 'WHOLE_LOG_CHECK_RUNNING',
      message: expect.stringMatching(/POST \/admin\/projections\/verify|GET \/audit\/chain/),
    });
    // Once it has finished, the next one runs.
    expect((await api.request('GET', '/audit/chain', { role: 'auditor' })).status).toBe(200);
  });

  it('/health reports readiness: the log head against its anchor, projection lag and dead letters', async () => {
    const res = await api.request('GET', '/health', { role: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      storage: { events: 'sqlite', readModels: 'sqlite' },
      checks: {
        eventStore: { status: 'up' },
        readStore: { status: 'up' },
        chain: { status: 'up', kept: true, anchor: { position: expect.any(Number) } },
        projections: { status: 'up', deadLetters: 0, projections: { invoices: { lag: expect.any(Number) } } },
      },
    });
    expect(res.body.checks.chain.anchor.position).toBe(res.body.checks.chain.headPosition);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('/metrics exposes command latency, batch sizes, projection lag, scheduler runs and dead letters', async () => {
    await api.request('POST', '/customers', { role: 'backoffice', body: customer() });
    await api.runScheduler('2026-03-03T00:00:00+01:00');
    expect((await api.request('GET', '/metrics', { role: null })).status).toBe(401);
    expect((await api.request('GET', '/metrics', { role: 'backoffice' })).status).toBe(403);
    const scrape = await fetch(`${api.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_KEY}` } });
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toContain('text/plain');
    const text = await scrape.text();
    expect(text).toMatch(/^ledger_command_duration_seconds_count\{command="RegisterCustomer",outcome="ok"\} \d+$/m);
    expect(text).toMatch(/^ledger_command_duration_seconds_bucket\{le="0\.05",command="RegisterCustomer"/m);
    expect(text).toMatch(/^ledger_append_batch_events_count \d+$/m);
    expect(text).toMatch(/^ledger_projection_lag\{projection="invoices"\} \d+$/m);
    expect(text).toMatch(/^ledger_scheduler_runs_total\{trigger="api",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^ledger_dead_letters\{projection="decision_log"\} 0$/m);
    expect(text).toMatch(/^ledger_log_head_position \d+$/m);
    // The metrics key reads metrics and nothing else.
    const other = await fetch(`${api.baseUrl}/admin/projections`, {
      headers: { authorization: `Bearer ${METRICS_KEY}` },
    });
    expect(other.status).toBe(403);
  });
});

describe('HTTP limits and switches', () => {
  it('closes a connection whose body trickles in, once the request timeout has passed', async () => {
    const api = await startHarness({ env: { LEDGER_REQUEST_TIMEOUT_MS: '1000' } });
    try {
      const { port } = new URL(api.baseUrl);
      const outcome = await new Promise<{ closedAfterMs: number; answer: string }>((resolve, reject) => {
        const started = Date.now();
        let answer = '';
        const socket = net.connect(Number(port), '127.0.0.1', () => {
          socket.write(
            `POST /customers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TEST_KEYS.backoffice}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`,
          );
        });
        const trickle = setInterval(() => socket.write(' '), 100);
        const giveUp = setTimeout(() => {
          clearInterval(trickle);
          socket.destroy();
          reject(new Error('the trickling connection was still open after 15 s'));
        }, 15_000);
        socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
        socket.on('error', () => undefined);
        socket.on('close', () => {
          clearInterval(trickle);
          clearTimeout(giveUp);
          resolve({ closedAfterMs: Date.now() - started, answer });
        });
      });
      expect(outcome.answer).toMatch(/^HTTP\/1\.1 408/);
      expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(1000);
      // The server still answers everyone else.
      expect((await api.request('GET', '/health', { role: null })).status).toBe(200);
    } finally {
      await api.close();
    }
  });

  it('limits requests per API key (429 naming the limit), each key with its own budget', async () => {
    const api = await startHarness({ env: { LEDGER_RATE_LIMIT_MAX: '5' } });
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 6; index++)
        statuses.push((await api.request('GET', '/admin/projections', { role: 'admin' })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const limited = await api.request('GET', '/admin/projections', { role: 'admin' });
      expect(limited.body).toMatchObject({ error: 'RATE_LIMITED', message: expect.stringContaining('5 requests') });
      expect((await api.request('GET', '/decisions', { role: 'auditor' })).status).toBe(200);
    } finally {
      await api.close();
    }
  });

  it('serves no /docs with LEDGER_DOCS=off, and none by default in production', async () => {
    const api = await startHarness({ env: { LEDGER_DOCS: 'off' } });
    try {
      expect((await api.request('GET', '/docs', { role: null })).status).toBe(404);
      expect((await api.request('GET', '/docs-json', { role: null })).status).toBe(404);
    } finally {
      await api.close();
    }
    const keys = { LEDGER_API_KEYS: 'admin:a-key-of-sixteen-chars' };
    expect(loadConfig({ NODE_ENV: 'production', ...keys }).docs).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', LEDGER_DOCS: 'on', ...keys }).docs).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', ...keys }).docs).toBe(true);
    expect(() => loadConfig({ NODE_ENV: 'development', LEDGER_DOCS: 'maybe', ...keys })).toThrow(
      /LEDGER_DOCS must be on or off/,
    );
  });
});
