/**
 * The foundation over HTTP against the embedded store: auth, validation, error mapping,
 * idempotency by command id (also across a restart), personal data encrypted at rest.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { commandId, newId, readAllBytes, startHarness, type Harness } from '../support/http-harness';

describe('admin API foundation', () => {
  let api: Harness;
  beforeAll(async () => {
    api = await startHarness();
  });
  afterAll(async () => {
    await api.close();
  });

  const customerBody = (overrides: Record<string, unknown> = {}) => ({
    commandId: commandId(),
    customerId: newId('cust'),
    kind: 'consumer',
    name: 'Annelies de Vries-Bakker',
    email: `annelies.${Math.random().toString(36).slice(2, 8)}@example.nl`,
    registeredAt: '2026-03-02T10:00:00+01:00',
    ...overrides,
  });

  it('GET /health answers 200 without a key and names the storage engines', async () => {
    const res = await api.request('GET', '/health', { role: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', storage: { events: 'sqlite', readModels: 'sqlite' } });
  });

  it('serves OpenAPI: Swagger UI at /docs and the JSON document at /docs-json', async () => {
    const ui = await api.request('GET', '/docs', { role: null });
    expect(ui.status).toBe(200);
    expect(String(ui.body)).toContain('swagger');
    const json = await api.request('GET', '/docs-json', { role: null });
    expect(json.status).toBe(200);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining(['/customers', '/learners', '/rulebooks', '/streams/{streamId}/events', '/health']),
    );
  });

  it('refuses a command without a key (401), with an unknown key (401) and with the wrong role (403)', async () => {
    const noKey = await api.request('POST', '/customers', { role: null, body: customerBody() });
    expect(noKey.status).toBe(401);
    const unknownKey = await api.request('POST', '/customers', {
      role: null,
      body: customerBody(),
      headers: { authorization: 'Bearer not-a-key-of-this-ledger' },
    });
    expect(unknownKey.status).toBe(401);
    const finance = await api.request('POST', '/customers', { role: 'finance', body: customerBody() });
    expect(finance.status).toBe(403);
    expect(finance.body.error).toBe('FORBIDDEN');
    const backofficeReadsAudit = await api.request('GET', '/streams/customer-x/events', { role: 'backoffice' });
    expect(backofficeReadsAudit.status).toBe(403);
  });

  it('registers a customer: 201 with streamId, position and the recorded event', async () => {
    const body = customerBody({ kind: 'business' });
    const res = await api.request('POST', '/customers', { role: 'backoffice', body });
    expect(res.status).toBe(201);
    expect(res.body.streamId).toBe(`customer-${body.customerId}`);
    expect(typeof res.body.position).toBe('number');
    expect(res.body.events).toHaveLength(1);
    expect(res.body.events[0]).toMatchObject({
      type: 'CustomerRegistered',
      revision: 0,
      data: { customerId: body.customerId, kind: 'business', name: body.name },
    });
  });

  it('the same commandId with the same body returns the first response and appends nothing', async () => {
    const body = customerBody();
    const first = await api.request('POST', '/customers', { role: 'backoffice', body });
    const second = await api.request('POST', '/customers', { role: 'backoffice', body });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    const stream = await api.request('GET', `/streams/customer-${body.customerId}/events`, { role: 'auditor' });
    expect(stream.body.events).toHaveLength(1);
    expect(stream.body.events[0].commandId).toBe(body.commandId);
  });

  it('the same commandId with a different body is 409 and appends nothing', async () => {
    const body = customerBody();
    expect((await api.request('POST', '/customers', { role: 'backoffice', body })).status).toBe(201);
    const other = { ...body, customerId: newId('cust') };
    const res = await api.request('POST', '/customers', { role: 'backoffice', body: other });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('COMMAND_ID_CONFLICT');
    expect((await api.request('GET', `/streams/customer-${other.customerId}/events`, { role: 'auditor' })).status).toBe(
      404,
    );
  });

  it('concurrent resends of one command append exactly one event', async () => {
    const body = customerBody();
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => api.request('POST', '/customers', { role: 'backoffice', body })),
    );
    expect(responses.map((r) => r.status)).toEqual(new Array(8).fill(201));
    const stream = await api.request('GET', `/streams/customer-${body.customerId}/events`, { role: 'auditor' });
    expect(stream.body.events).toHaveLength(1);
  });

  it('registering an existing customer id under a new command id is 409 CUSTOMER_ALREADY_EXISTS', async () => {
    const body = customerBody();
    await api.request('POST', '/customers', { role: 'backoffice', body });
    const res = await api.request('POST', '/customers', {
      role: 'backoffice',
      body: { ...body, commandId: commandId() },
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('CUSTOMER_ALREADY_EXISTS');
  });

  it.each([
    [
      'a missing field',
      (b: Record<string, unknown>) => {
        delete b.email;
        return b;
      },
      'email',
    ],
    ['an unknown field', (b: Record<string, unknown>) => ({ ...b, discountCents: 100 }), 'discountCents'],
    ['a wrong type', (b: Record<string, unknown>) => ({ ...b, kind: 7 }), 'kind'],
    ['a bad enum value', (b: Record<string, unknown>) => ({ ...b, kind: 'reseller' }), 'kind'],
    [
      'an impossible date',
      (b: Record<string, unknown>) => ({ ...b, registeredAt: '2026-02-30T10:00:00+01:00' }),
      'registeredAt',
    ],
    [
      'an instant without offset',
      (b: Record<string, unknown>) => ({ ...b, registeredAt: '2026-03-02T10:00:00' }),
      'registeredAt',
    ],
    ['a non-UUID command id', (b: Record<string, unknown>) => ({ ...b, commandId: 'abc' }), 'commandId'],
    [
      'an id with injection characters',
      (b: Record<string, unknown>) => ({ ...b, customerId: "x'; DROP TABLE events;--" }),
      'customerId',
    ],
  ])('bad input (%s) is 400 naming the field, and nothing is appended', async (_what, mutate, field) => {
    const body = mutate(customerBody()) as Record<string, unknown>;
    const res = await api.request('POST', '/customers', { role: 'backoffice', body });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('VALIDATION_FAILED');
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
    if (typeof body.customerId === 'string' && /^[\w.:-]+$/.test(body.customerId)) {
      expect(
        (await api.request('GET', `/streams/customer-${body.customerId}/events`, { role: 'auditor' })).status,
      ).toBe(404);
    }
  });

  it('malformed JSON is 400, a huge body 413, never 500', async () => {
    const malformed = await api.request('POST', '/customers', { role: 'backoffice', rawBody: '{"commandId": ' });
    expect(malformed.status).toBe(400);
    const huge = await api.request('POST', '/customers', {
      role: 'backoffice',
      body: customerBody({ name: 'x'.repeat(1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    const notAnObject = await api.request('POST', '/customers', { role: 'backoffice', rawBody: '[1,2,3]' });
    expect(notAnObject.status).toBe(400);
  });

  it('answers 415 naming the content-type for a body that is not JSON (form, text), and appends nothing', async () => {
    const customerId = newId('cust');
    const bodies = [
      {
        type: 'application/x-www-form-urlencoded',
        rawBody: `commandId=${commandId()}&customerId=${customerId}&kind=consumer&name=A&email=a%40example.nl`,
      },
      { type: 'text/plain', rawBody: JSON.stringify(customerBody({ customerId })) },
    ];
    for (const { type, rawBody } of bodies) {
      const response = await api.request('POST', '/customers', {
        role: 'backoffice',
        rawBody,
        headers: { 'content-type': type },
      });
      expect(response.status).toBe(415);
      expect(response.body).toMatchObject({ error: 'UNSUPPORTED_MEDIA_TYPE', fields: [{ field: 'content-type' }] });
    }
    expect((await api.request('GET', `/streams/customer-${customerId}/events`, { role: 'auditor' })).status).toBe(404);
  });

  it('registers a learner with an employer', async () => {
    const learnerId = newId('lrn');
    const res = await api.request('POST', '/learners', {
      role: 'backoffice',
      body: {
        commandId: commandId(),
        learnerId,
        name: 'Pieter Jansen',
        email: 'pieter.jansen@example.nl',
        employerId: 'cust-employer-1',
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.events[0]).toMatchObject({
      type: 'LearnerRegistered',
      data: { learnerId, employerId: 'cust-employer-1', displayName: 'Pieter Jansen' },
    });
  });

  it('GET /rulebooks lists the five rulebooks with their versions', async () => {
    const res = await api.request('GET', '/rulebooks', { role: 'finance' });
    expect(res.status).toBe(200);
    expect(res.body.map((r: { id: string }) => r.id).sort()).toEqual([
      'excellus',
      'loi',
      'plusport',
      'spot-lms',
      'vli',
    ]);
    for (const rulebook of res.body)
      expect(rulebook.versions[0]).toEqual(
        expect.objectContaining({
          version: expect.any(String),
          effectiveFrom: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        }),
      );
  });

  it('the stream endpoint shows every event with its envelope: actor, command id, business and record time', async () => {
    const body = customerBody();
    await api.request('POST', '/customers', { role: 'backoffice', body });
    const res = await api.request('GET', `/streams/customer-${body.customerId}/events`, { role: 'auditor' });
    expect(res.status).toBe(200);
    expect(res.body.events[0]).toMatchObject({
      type: 'CustomerRegistered',
      revision: 0,
      commandId: body.commandId,
      occurredAt: body.registeredAt,
      actor: {
        userId: 'svc-test-backoffice',
        kind: 'service',
        authMethod: 'configured-key',
        origin: 'api',
        displayName: 'test-backoffice',
      },
      recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      schemaVersion: 1,
    });
  });
});

describe('personal data and restarts', () => {
  it("a stored event's raw bytes contain neither the customer's name nor e-mail", async () => {
    const api = await startHarness();
    try {
      const name = 'Geertruida Zwanenburg-Oosterhout';
      const email = 'geertruida.zwanenburg@example.nl';
      const res = await api.request('POST', '/customers', {
        role: 'backoffice',
        body: { commandId: commandId(), customerId: newId('cust'), kind: 'consumer', name, email },
      });
      expect(res.status).toBe(201);
      expect(res.body.events[0].data.name).toBe(name);
      const bytes = readAllBytes(api.dataDir);
      expect(bytes.length).toBeGreaterThan(0);
      expect(bytes.includes(Buffer.from(name))).toBe(false);
      expect(bytes.includes(Buffer.from(email))).toBe(false);
      expect(bytes.includes(Buffer.from('CustomerRegistered'))).toBe(true);
    } finally {
      await api.close();
    }
  });

  it('a resent command id after a restart returns the first response and appends nothing', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-restart-'));
    const body = {
      commandId: commandId(),
      customerId: newId('cust'),
      kind: 'business',
      name: 'Bouwbedrijf Noord B.V.',
      email: 'admin@bouwnoord.example',
    };
    try {
      const first = await startHarness({ dataDir });
      const firstResponse = await first.request('POST', '/customers', { role: 'backoffice', body });
      await first.close();
      const second = await startHarness({ dataDir });
      const again = await second.request('POST', '/customers', { role: 'backoffice', body });
      const conflicting = await second.request('POST', '/customers', {
        role: 'backoffice',
        body: { ...body, kind: 'consumer' },
      });
      const stream = await second.request('GET', `/streams/customer-${body.customerId}/events`, { role: 'auditor' });
      await second.close();
      expect(again.status).toBe(201);
      expect(again.body).toEqual(firstResponse.body);
      expect(conflicting.status).toBe(409);
      expect(stream.body.events).toHaveLength(1);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to start in production without LEDGER_API_KEYS; development keys are kept in the data directory across restarts', () => {
    const { loadConfig } = jest.requireActual('@ledger/application') as typeof import('@ledger/application');
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/LEDGER_API_KEYS must be set in production/);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-dev-keys-'));
    try {
      const dev = loadConfig({ NODE_ENV: 'development', LEDGER_DATA_DIR: dataDir });
      expect(dev.generatedDevKeys.map((k) => k.role)).toEqual(['backoffice', 'finance', 'auditor', 'admin']);
      const restarted = loadConfig({ NODE_ENV: 'development', LEDGER_DATA_DIR: dataDir });
      expect(restarted.generatedDevKeys).toEqual(dev.generatedDevKeys);
      expect(fs.statSync(path.join(dataDir, 'dev-api-keys.json')).mode & 0o077).toBe(0);
      const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-dev-keys-'));
      expect(loadConfig({ NODE_ENV: 'development', LEDGER_DATA_DIR: elsewhere }).generatedDevKeys).not.toEqual(
        dev.generatedDevKeys,
      );
      fs.rmSync(elsewhere, { recursive: true, force: true });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('listens on loopback unless production or HOST says otherwise, and refuses a HOST that is no host', () => {
    const { loadConfig } = jest.requireActual('@ledger/application') as typeof import('@ledger/application');
    const keys = { LEDGER_API_KEYS: 'admin:a-key-of-sixteen-chars' };
    expect(loadConfig({ NODE_ENV: 'development', ...keys }).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'production', ...keys }).host).toBe('0.0.0.0');
    expect(loadConfig({ NODE_ENV: 'development', HOST: '0.0.0.0', ...keys }).host).toBe('0.0.0.0');
    expect(() => loadConfig({ NODE_ENV: 'development', HOST: 'http://example.nl/', ...keys })).toThrow(
      /HOST must be a host name/,
    );
  });
});
