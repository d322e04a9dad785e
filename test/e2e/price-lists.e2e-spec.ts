/**
 * SPOT-3.3 over HTTP: the board's yearly price list published as a new version of the spot-lms
 * rulebook (POST /rulebooks/{id}/versions), the registry answering the version in force at a
 * business date, licences priced by it, its decisions verifying after a restart, and the refusals
 * (4xx naming the field or the rule, nothing appended).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { commandId, startHarness, type Harness } from '../support/http-harness';

let api: Harness;
// Its own directory: the restart at the end opens the same log again.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-price-lists-'));

beforeAll(async () => {
  api = await startHarness({ dataDir });
});
afterAll(async () => {
  await api?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const publish = (body: Record<string, unknown>, rulebookId = 'spot-lms') =>
  api.request('POST', `/rulebooks/${rulebookId}/versions`, { role: 'backoffice', body });

const priceList2027 = (id = commandId()) => ({
  commandId: id,
  version: '2027-01-01',
  effectiveFrom: '2027-01-01',
  publishedAt: '2026-11-20T10:00:00+01:00',
  priceLevel: '2027',
  lowRateCents: 3_200,
  highRateCents: 4_800,
});

const versionsStream = async (): Promise<number> => {
  const res = await api.request('GET', '/streams/rulebook-versions-spot-lms/events', { role: 'auditor' });
  return res.status === 404 ? 0 : res.body.events.length;
};

const inForce = async (at: string): Promise<string> => {
  const res = await api.request('GET', `/rulebooks/spot-lms?at=${encodeURIComponent(at)}`, { role: 'auditor' });
  expect(res.status).toBe(200);
  return res.body.inForce.version;
};

async function registerLicence(participantId: string, registeredAt: string) {
  const participant = await api.request('POST', '/participants', {
    role: 'backoffice',
    body: { commandId: commandId(), participantId, name: `Member ${participantId}`, registeredAt },
  });
  expect(participant.status).toBe(201);
  const learnerId = `${participantId}-learner`;
  const learner = await api.request('POST', '/learners', {
    role: 'backoffice',
    body: {
      commandId: commandId(),
      learnerId,
      name: 'Sanne Jansen',
      email: 'sanne@example.nl',
      employerId: participantId,
    },
  });
  expect(learner.status).toBe(201);
  const licence = await api.request('POST', `/participants/${participantId}/licences`, {
    role: 'backoffice',
    body: { commandId: commandId(), licenceId: `${participantId}-lic`, learnerId, registeredAt },
  });
  expect(licence.status).toBe(201);
  return licence.body;
}

describe('SPOT-3.3 a yearly price list published as a rulebook version', () => {
  let published: { status: number; body: any };
  const publishId = commandId();

  it('SPOT-3.3: publishing the 2027 list records a recomputable decision citing SPOT-3.3', async () => {
    published = await publish(priceList2027(publishId));
    expect(published.status).toBe(201);
    expect(published.body.events.map((e: { type: string }) => e.type)).toEqual(['RulebookVersionPublished']);
    expect(published.body.events[0].data).toMatchObject({
      rulebookId: 'spot-lms',
      version: '2027-01-01',
      effectiveFrom: '2027-01-01',
      basedOn: '2020-01-01',
      details: { lowRateCents: 3_200, highRateCents: 4_800, priceLevel: '2027' },
    });
    expect(published.body.decision).toMatchObject({
      kind: 'price-list-publication',
      ruleIds: ['SPOT-3.3'],
      rulebook: { id: 'spot-lms', version: '2020-01-01' },
      inputs: { lowRateCents: 3_200, highRateCents: 4_800, previousLowRateCents: 3_000, previousHighRateCents: 4_500 },
    });
    const verified = await api.request('POST', `/decisions/${published.body.decision.decisionId}/verify`, {
      role: 'auditor',
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ matches: true });
  });

  it('SPOT-3.3: the registry answers the version in force at the business date', async () => {
    expect(await inForce('2026-12-31')).toBe('2020-01-01');
    expect(await inForce('2027-01-01')).toBe('2027-01-01');
    expect(await inForce('2027-06-30T12:00:00+02:00')).toBe('2027-01-01');
    const list = await api.request('GET', '/rulebooks', { role: 'auditor' });
    const spot = list.body.find((r: { id: string }) => r.id === 'spot-lms');
    expect(spot.versions.map((v: { version: string }) => v.version)).toEqual(['2020-01-01', '2027-01-01']);
  });

  it('SPOT-3.3: a resend returns the first response and appends nothing', async () => {
    const again = await publish(priceList2027(publishId));
    expect(again.body).toEqual(published.body);
    expect(await versionsStream()).toBe(1);
  });

  it('SPOT-3.1 / SPOT-3.3: a licence registered in 2027 is priced by the 2027 list, one in 2026 by the old one', async () => {
    const in2027 = await registerLicence('spot-prices-2027', '2027-02-01T10:00:00+01:00');
    expect(in2027.decisions[0]).toMatchObject({
      kind: 'licence-registration',
      feeCents: 3_200,
      rulebook: { id: 'spot-lms', version: '2027-01-01' },
    });
    const in2026 = await registerLicence('spot-prices-2026', '2026-12-01T10:00:00+01:00');
    expect(in2026.decisions[0]).toMatchObject({ feeCents: 3_000, rulebook: { version: '2020-01-01' } });
  });

  it('SPOT-3.3: a list cannot take effect before it is published (422 naming the rule, nothing appended)', async () => {
    const res = await publish({
      ...priceList2027(),
      version: '2028-01-01',
      effectiveFrom: '2028-01-01',
      publishedAt: '2028-02-01T10:00:00+01:00',
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: 'PRICE_LIST_BACKDATED', ruleId: 'SPOT-3.3' });
    expect(await versionsStream()).toBe(1);
  });

  it('a version must take effect after the latest one, and its name is not reused (409, nothing appended)', async () => {
    const earlier = await publish({ ...priceList2027(), version: '2026-12', effectiveFrom: '2026-12-01' });
    expect(earlier.status).toBe(409);
    expect(earlier.body.error).toBe('VERSION_NOT_AFTER_LATEST');
    const reused = await publish({ ...priceList2027(), effectiveFrom: '2028-01-01' });
    expect(reused.status).toBe(409);
    expect(reused.body.error).toBe('RULEBOOK_VERSION_EXISTS');
    expect(await versionsStream()).toBe(1);
  });

  it('bad input is a 400 naming the field; a rulebook without publishing is a 422; an unknown one a 404', async () => {
    const { highRateCents: _omitted, ...withoutHigh } = priceList2027();
    const missing = await publish({ ...withoutHigh, version: '2028-01-01', effectiveFrom: '2028-01-01' });
    expect(missing.status).toBe(400);
    expect(missing.body.fields[0].field).toBe('highRateCents');
    const foreign = await publish({ ...priceList2027(), version: '2028-01-01', effectiveFrom: '2028-01-01', tier: 3 });
    expect(foreign.status).toBe(400);
    expect(foreign.body.fields[0].field).toBe('tier');
    const badDate = await publish({ ...priceList2027(), effectiveFrom: '2028-02-30' });
    expect(badDate.status).toBe(400);
    expect(await versionsStream()).toBe(1);
    const { lowRateCents: _low, highRateCents: _high, priceLevel: _level, ...withoutDetails } = priceList2027();
    const plusport = await publish(
      { ...withoutDetails, version: '2028-01-01', effectiveFrom: '2028-01-01' },
      'plusport',
    );
    expect(plusport.status).toBe(422);
    expect(plusport.body.error).toBe('VERSION_PUBLISHING_NOT_COVERED');
    const plusportPrices = await publish(
      { ...priceList2027(), version: '2028-01-01', effectiveFrom: '2028-01-01' },
      'plusport',
    );
    expect(plusportPrices.status).toBe(400);
    expect(['priceLevel', 'lowRateCents', 'highRateCents']).toContain(plusportPrices.body.fields[0].field);
    const unknown = await publish(priceList2027(), 'nobody');
    expect(unknown.status).toBe(404);
  });

  it('SPOT-3.3: after a restart the published version is registered again and every decision verifies', async () => {
    await api.close();
    api = await startHarness({ dataDir });
    expect(await inForce('2027-03-01')).toBe('2027-01-01');
    const verify = await api.request('POST', '/decisions/verify', { role: 'auditor', body: {} });
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ complete: true, mismatches: [] });
    expect(verify.body.byKind['spot-lms/price-list-publication']).toEqual({ checked: 1, matched: 1 });
    expect(verify.body.byKind['spot-lms/licence-registration'].matched).toBe(2);
    expect(verify.body.checked).toBe(verify.body.matched);
  });
});
