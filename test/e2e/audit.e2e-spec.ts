/**
 * Issue 7 over HTTP: the decision log and its verification, projection rebuild/verify, the hash
 * chain, erasure (GDPR art. 17 / VLI-5.2) and LearnerRegistered v1 -> v2 upcasting, against the
 * real API on the embedded store.
 */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { CommandPipeline, systemClock, type Storage } from '@ledger/application';
import { LedgerEventStore } from '@ledger/event-store';
import {
  customerDecider,
  learnerDecider,
  PARTICIPANT_SNAPSHOT,
  participantDecider,
  personalDataPolicy,
} from '@ledger/domain';
import { createRulebookRegistry } from '@ledger/regulations';
import { commandId, newId, readAllBytes, startHarness, type Harness } from '../support/http-harness';
import {
  eventually,
  openSideStorage,
  recordDecisions,
  sampleDecisions,
  type RecordedFixtureDecision,
} from './audit.fixtures';

/** A plusport classroom enrolment through the API, cancelled `cancelledAt` (a real decision event and invoice). */
async function enrolAndCancel(
  api: Harness,
  customerId: string,
  learnerId: string,
  cancelledAt: string,
  priceCents = 45_000,
): Promise<{ enrolmentId: string; decisionId: string }> {
  const offeringId = newId('off');
  const enrolmentId = newId('enr');
  const offering = await api.request('POST', '/offerings', {
    role: 'backoffice',
    body: {
      commandId: commandId(),
      offeringId,
      rulebookId: 'plusport',
      kind: 'classroom',
      title: 'VCA basis',
      startsAt: '2026-03-20T09:00:00+01:00',
      components: [{ kind: 'classroom', priceCents }],
    },
  });
  expect(offering.status).toBe(201);
  const enrolment = await api.request('POST', '/enrolments', {
    role: 'backoffice',
    body: {
      commandId: commandId(),
      enrolmentId,
      offeringId,
      learnerId,
      customerId,
      registeredAt: '2026-03-02T10:00:00+01:00',
    },
  });
  expect(enrolment.status).toBe(201);
  const cancellation = await api.request('POST', `/enrolments/${enrolmentId}/cancellations`, {
    role: 'backoffice',
    body: { commandId: commandId(), requestedAt: cancelledAt, reason: 'regular' },
  });
  expect(cancellation.status).toBe(201);
  return { enrolmentId, decisionId: cancellation.body.decision.decisionId };
}

describe('audit: decisions', () => {
  let api: Harness;
  let side: Storage;
  let recorded: RecordedFixtureDecision[];
  let wrong: RecordedFixtureDecision;

  beforeAll(async () => {
    api = await startHarness();
    side = await openSideStorage(api.dataDir);
    recorded = await recordDecisions(side, sampleDecisions());
    // A decision recorded with an amount its own inputs do not give (a bug, or an edit at write time).
    const [fee] = sampleDecisions();
    [wrong] = await recordDecisions(side, [{ ...fee!, feeCents: (fee!.feeCents ?? 0) + 100 }]);
  });
  afterAll(async () => {
    await side.close();
    await api.close();
  });

  it('GET /decisions/{id}: the decision object with the event that carries it (stream, revision, position, business and record time, actor)', async () => {
    const target = recorded[0]!;
    const res = await api.request('GET', `/decisions/${target.decisionId}`, { role: 'auditor' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      decisionId: target.decisionId,
      kind: 'cancellation-fee',
      rulebook: { id: 'plusport', version: target.decision.rulebook.version },
      ruleIds: target.decision.ruleIds,
      feeCents: target.decision.feeCents,
      refundCents: target.decision.refundCents,
      inputs: target.decision.inputs,
      event: {
        eventId: target.decisionId,
        type: 'RulebookDecisionRecorded',
        streamId: target.streamId,
        revision: target.revision,
        position: target.position,
        occurredAt: '2026-03-10T10:00:00+01:00',
        actor: {
          userId: 'svc-fixture',
          kind: 'service',
          authMethod: 'internal',
          origin: 'cli',
          displayName: 'fixture',
        },
      },
    });
    expect(typeof res.body.event.recordedAt).toBe('string');
    expect(res.body.decision.decisionId).toBe(target.decisionId);
  });

  it('GET /decisions/{id}: 404 for an unknown id, 400 naming decisionId for a malformed one, 403 for backoffice', async () => {
    expect((await api.request('GET', `/decisions/${randomUUID()}`, { role: 'auditor' })).status).toBe(404);
    const malformed = await api.request('GET', '/decisions/not-a-uuid', { role: 'auditor' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.fields).toEqual([expect.objectContaining({ field: 'decisionId' })]);
    expect((await api.request('GET', `/decisions/${recorded[0]!.decisionId}`, { role: 'backoffice' })).status).toBe(
      403,
    );
    expect(
      (await api.request('POST', `/decisions/${recorded[0]!.decisionId}/verify`, { role: 'finance' })).status,
    ).toBe(403);
  });

  it('POST /decisions/{id}/verify: every recorded decision recomputes to itself from its inputs and rulebook version', async () => {
    for (const target of recorded) {
      const res = await api.request('POST', `/decisions/${target.decisionId}/verify`, { role: 'auditor' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ decisionId: target.decisionId, matches: true, differences: [] });
      const { decisionId, ...recordedWithoutId } = res.body.recorded;
      expect(decisionId).toBe(target.decisionId);
      expect(res.body.recomputed).toEqual(recordedWithoutId);
    }
  });

  it('POST /decisions/{id}/verify: a decision whose recorded fee its inputs do not give does not match, and the difference names feeCents', async () => {
    const res = await api.request('POST', `/decisions/${wrong.decisionId}/verify`, { role: 'auditor' });
    expect(res.status).toBe(200);
    expect(res.body.matches).toBe(false);
    expect(res.body.differences).toEqual([
      { field: 'feeCents', recorded: wrong.decision.feeCents, recomputed: wrong.decision.feeCents! - 100 },
    ]);
  });

  it('POST /decisions/verify recomputes the whole log: all match except the one recorded wrong', async () => {
    const res = await api.request('POST', '/decisions/verify', { role: 'auditor', body: {} });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ checked: recorded.length + 1, matched: recorded.length, complete: true });
    expect(res.body.mismatches.map((m: { decisionId: string }) => m.decisionId)).toEqual([wrong.decisionId]);
    const bad = await api.request('POST', '/decisions/verify', { role: 'auditor', body: { maxEvents: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([expect.objectContaining({ field: 'maxEvents' })]);
  });

  it('a realistic data set through the API (customers, learners, enrolments, cancellations at every band): every decision recomputes the same', async () => {
    const customerId = newId('cust');
    const learnerId = newId('learner');
    expect(
      (
        await api.request('POST', '/customers', {
          role: 'backoffice',
          body: {
            commandId: commandId(),
            customerId,
            kind: 'business',
            name: 'Bouwbedrijf Veldhuis BV',
            email: 'opleidingen@veldhuis.example.nl',
            registeredAt: '2026-03-01T10:00:00+01:00',
          },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api.request('POST', '/learners', {
          role: 'backoffice',
          body: {
            commandId: commandId(),
            learnerId,
            name: 'Jan Veldhuis',
            email: 'jan@veldhuis.example.nl',
            employerId: customerId,
          },
        })
      ).status,
    ).toBe(201);
    const cancellations = [];
    for (const [index, at] of [
      '2026-03-03T10:00:00+01:00',
      '2026-03-06T10:00:00+01:00',
      '2026-03-10T10:00:00+01:00',
      '2026-03-17T10:00:00+01:00',
      '2026-03-19T16:00:00+01:00',
    ].entries()) {
      cancellations.push(await enrolAndCancel(api, customerId, learnerId, at, 30_000 + index * 5_000));
    }
    for (const { decisionId } of cancellations) {
      const verified = await api.request('POST', `/decisions/${decisionId}/verify`, { role: 'auditor' });
      expect(verified.body).toMatchObject({ matches: true, recorded: { kind: 'cancellation-fee' } });
    }
    const all = await api.request('POST', '/decisions/verify', { role: 'auditor', body: {} });
    expect(all.body.complete).toBe(true);
    // Everything but the one decision recorded wrong on purpose, and at least one per cancellation.
    expect(all.body.checked - all.body.matched).toBe(1);
    expect(all.body.checked).toBeGreaterThanOrEqual(recorded.length + 1 + cancellations.length);
    expect(Object.keys(all.body.byKind)).toEqual(expect.arrayContaining(['plusport/cancellation-fee']));
  });

  it('GET /decisions lists the log by kind and by rulebook, in log order', async () => {
    const fees = await api.request('GET', '/decisions?kind=cancellation-fee&rulebookId=plusport&limit=3', {
      role: 'auditor',
    });
    expect(fees.status).toBe(200);
    expect(fees.body.items.map((d: { decisionId: string }) => d.decisionId)).toEqual([
      recorded[0]!.decisionId,
      recorded[1]!.decisionId,
      wrong.decisionId,
    ]);
    expect(fees.body.items[0].event).toMatchObject({
      streamId: recorded[0]!.streamId,
      position: recorded[0]!.position,
    });
    const bad = await api.request('GET', '/decisions?limit=5000', { role: 'auditor' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([expect.objectContaining({ field: 'limit' })]);
  });
});

// Twice: with the projections in the server's thread (the tests' default) and in a worker thread
// (the default of a server, D53), where rebuild, verify, leases and waits go across threads.
describe.each([
  ['in the server thread', 'off'],
  ['in a worker thread', 'on'],
])('audit: projections (%s), hash chain, erasure, upcasting', (_where, projectionsThread) => {
  let api: Harness;
  let side: Storage;
  beforeAll(async () => {
    api = await startHarness({ env: { LEDGER_PROJECTIONS_THREAD: projectionsThread } });
    side = await openSideStorage(api.dataDir);
  });
  afterAll(async () => {
    await side.close();
    await api.close();
  });

  it('POST /admin/projections/{name}/rebuild builds a new slot and switches; verify then matches a from-zero rebuild', async () => {
    const [decision] = await recordDecisions(side, sampleDecisions().slice(0, 3));
    const rebuilt = await api.request('POST', '/admin/projections/decision_log/rebuild', { role: 'admin', body: {} });
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body).toMatchObject({
      name: 'decision_log',
      fromGeneration: 0,
      generation: 1,
      slot: 'decision_log_g1',
    });
    expect((await api.request('GET', `/decisions/${decision!.decisionId}`, { role: 'auditor' })).status).toBe(200);
    const status = await api.request('GET', '/admin/projections', { role: 'admin' });
    expect(status.body.find((p: { name: string }) => p.name === 'decision_log')).toMatchObject({
      slot: 'decision_log_g1',
      lag: 0,
    });

    const verify = await api.request('POST', '/admin/projections/verify', { role: 'auditor', body: {} });
    expect(verify.status).toBe(200);
    expect(verify.body.ok).toBe(true);
    const log = verify.body.projections.find((p: { name: string }) => p.name === 'decision_log');
    expect(log).toMatchObject({ slot: 'decision_log_g1', matches: true });
    expect(log.live.documents).toBe(3);

    // In the background: 202 at once, a second request meanwhile is 409, and the switch shows in GET /admin/projections.
    const background = await api.request('POST', '/admin/projections/decision_log/rebuild', {
      role: 'admin',
      body: { wait: false },
    });
    expect(background.status).toBe(202);
    expect(background.body).toMatchObject({ name: 'decision_log', accepted: true });
    const clash = await api.request('POST', '/admin/projections/decision_log/rebuild', { role: 'admin', body: {} });
    expect([200, 409]).toContain(clash.status);
    if (clash.status === 409) expect(clash.body.error).toBe('REBUILD_IN_PROGRESS');
    const switched = await eventually(async () => {
      const list = await api.request('GET', '/admin/projections', { role: 'admin' });
      const entry = list.body.find((p: { name: string }) => p.name === 'decision_log');
      return entry.rebuild === undefined && entry.slot !== 'decision_log_g1' ? entry : undefined;
    });
    expect(switched.slot).toMatch(/^decision_log_g[23]$/);
    expect((await api.request('GET', `/decisions/${decision!.decisionId}`, { role: 'auditor' })).status).toBe(200);
  });

  it('rebuild: 404 for an unknown projection, 400 naming the field for a malformed name or body, 403 for an auditor', async () => {
    expect((await api.request('POST', '/admin/projections/nope/rebuild', { role: 'admin', body: {} })).status).toBe(
      404,
    );
    const badName = await api.request('POST', '/admin/projections/bad$name/rebuild', { role: 'admin', body: {} });
    expect(badName.status).toBe(400);
    expect(badName.body.fields).toEqual([expect.objectContaining({ field: 'name' })]);
    const badBody = await api.request('POST', '/admin/projections/decision_log/rebuild', {
      role: 'admin',
      body: { wait: 'soon' },
    });
    expect(badBody.status).toBe(400);
    expect(badBody.body.fields).toEqual([expect.objectContaining({ field: 'wait' })]);
    expect(
      (await api.request('POST', '/admin/projections/decision_log/rebuild', { role: 'auditor', body: {} })).status,
    ).toBe(403);
    expect(
      (await api.request('POST', '/admin/projections/verify', { role: 'auditor', body: { names: ['nope'] } })).status,
    ).toBe(404);
  });

  it('erasure: afterwards no plaintext name or e-mail anywhere in the data directory (snapshots included), personal fields read "[erased]", decisions and the chain still verify', async () => {
    const learnerId = newId('learner');
    const customerId = newId('cust');
    const participantId = newId('spot');
    const participantName = `Zorggroep Vlietlanden-${randomUUID().slice(0, 6)}`;
    const learnerName = `Wilhelmina Verkerk-${randomUUID().slice(0, 6)}`;
    const learnerEmail = `w.verkerk.${randomUUID().slice(0, 6)}@example.nl`;
    const customerName = `Hendrika Zuiderduin-${randomUUID().slice(0, 6)}`;
    const customerEmail = `h.zuiderduin.${randomUUID().slice(0, 6)}@example.nl`;
    expect(
      (
        await api.request('POST', '/learners', {
          role: 'backoffice',
          body: {
            commandId: commandId(),
            learnerId,
            name: learnerName,
            givenName: 'Wilhelmina',
            email: learnerEmail,
            registeredAt: '2026-03-02T10:00:00+01:00',
          },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api.request('POST', '/customers', {
          role: 'backoffice',
          body: {
            commandId: commandId(),
            customerId,
            kind: 'consumer',
            name: customerName,
            email: customerEmail,
            registeredAt: '2026-03-02T10:00:00+01:00',
          },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api.request('POST', '/participants', {
          role: 'backoffice',
          body: {
            commandId: commandId(),
            participantId,
            name: participantName,
            registeredAt: '2026-03-02T10:00:00+01:00',
          },
        })
      ).status,
    ).toBe(201);
    // Snapshots of the subjects' aggregates, taken before and after the erasure (docs/decisions.md D24).
    const snapshots = new CommandPipeline(side.eventStore, createRulebookRegistry(), systemClock, {
      snapshotEveryEvents: 1,
    });
    const snapshotSubjects = async () => {
      await snapshots.loadState(learnerDecider, `learner-${learnerId}`);
      await snapshots.loadState(customerDecider, `customer-${customerId}`);
      await snapshots.loadState(participantDecider, `participant-${participantId}`);
    };
    await snapshotSubjects();
    const decisions = await recordDecisions(side, sampleDecisions());
    const cancelled = await enrolAndCancel(api, customerId, learnerId, '2026-03-10T10:00:00+01:00');
    const before = await api.request('GET', `/learners/${learnerId}`, { role: 'backoffice' });
    expect(before.body).toMatchObject({
      displayName: learnerName,
      givenName: 'Wilhelmina',
      email: learnerEmail,
      status: 'registered',
    });
    const balanceBefore = await api.request('GET', `/customers/${customerId}/balance`, { role: 'finance' });
    expect(balanceBefore.status).toBe(200);
    expect(balanceBefore.body.invoicedCents).toBeGreaterThan(0);

    const erasure = { commandId: commandId(), requestedAt: '2026-04-01T09:00:00+02:00' };
    const erased = await api.request('POST', `/learners/${learnerId}/erasure`, { role: 'admin', body: erasure });
    expect(erased.status).toBe(200);
    expect(erased.body.events).toEqual([
      expect.objectContaining({
        type: 'LearnerPersonalDataErased',
        data: { learnerId, erasedAt: erasure.requestedAt, reason: 'request', ruleIds: ['GDPR-17'] },
      }),
    ]);
    // The same command again: the same response, nothing appended.
    expect(
      (await api.request('POST', `/learners/${learnerId}/erasure`, { role: 'admin', body: erasure })).body,
    ).toEqual(erased.body);
    expect(
      (
        await api.request('POST', `/customers/${customerId}/erasure`, {
          role: 'admin',
          body: { commandId: commandId() },
        })
      ).status,
    ).toBe(200);

    // API: every read path shows "[erased]".
    expect((await api.request('GET', `/learners/${learnerId}`, { role: 'auditor' })).body).toMatchObject({
      displayName: '[erased]',
      givenName: '[erased]',
      email: '[erased]',
      status: 'erased',
    });
    expect((await api.request('GET', `/customers/${customerId}`, { role: 'auditor' })).body).toMatchObject({
      name: '[erased]',
      email: '[erased]',
      status: 'erased',
    });
    const stream = await api.request('GET', `/streams/learner-${learnerId}/events`, { role: 'auditor' });
    expect(stream.body.events[0].data).toMatchObject({ learnerId, email: '[erased]', displayName: '[erased]' });
    expect(JSON.stringify(stream.body)).not.toContain(learnerName);

    await snapshotSubjects();
    expect(await side.eventStore.snapshots!.readSnapshot(`learner-${learnerId}`, 'learner@1')).toMatchObject({
      revision: 1,
    });
    expect(await side.eventStore.snapshots!.readSnapshot(`customer-${customerId}`, 'customer@1')).toMatchObject({
      revision: 1,
    });
    expect(
      await side.eventStore.snapshots!.readSnapshot(
        `participant-${participantId}`,
        `${PARTICIPANT_SNAPSHOT.name}@${PARTICIPANT_SNAPSHOT.version}`,
      ),
    ).toBeDefined();

    // Projections rebuilt after the erasure, then the whole data directory scanned for plaintext.
    for (const projection of (await api.request('GET', '/admin/projections', { role: 'admin' })).body as Array<{
      name: string;
    }>) {
      expect(
        (await api.request('POST', `/admin/projections/${projection.name}/rebuild`, { role: 'admin', body: {} }))
          .status,
      ).toBe(200);
    }
    const bytes = readAllBytes(api.dataDir);
    for (const secret of [learnerName, learnerEmail, customerName, customerEmail, 'Wilhelmina', participantName]) {
      expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
    }

    // Amounts, decisions and the chain are untouched.
    const balanceAfter = await api.request('GET', `/customers/${customerId}/balance`, { role: 'finance' });
    expect(balanceAfter.status).toBe(balanceBefore.status);
    expect(balanceAfter.body).toEqual(balanceBefore.body);
    for (const decision of [...decisions, cancelled]) {
      expect(
        (await api.request('POST', `/decisions/${decision.decisionId}/verify`, { role: 'auditor' })).body.matches,
      ).toBe(true);
    }
    expect((await api.request('GET', '/audit/chain', { role: 'auditor' })).body).toMatchObject({ ok: true });
    // An erased subject takes no new personal data, and erasing an unknown learner is 404.
    expect(
      (
        await api.request('POST', `/learners/${newId('learner')}/erasure`, {
          role: 'admin',
          body: { commandId: commandId() },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api.request('POST', `/learners/${learnerId}/erasure`, {
          role: 'backoffice',
          body: { commandId: commandId() },
        })
      ).status,
    ).toBe(403);
    const badBody = await api.request('POST', `/learners/${learnerId}/erasure`, {
      role: 'admin',
      body: { commandId: 'x', requestedAt: 'yesterday' },
    });
    expect(badBody.status).toBe(400);
    expect(badBody.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['commandId', 'requestedAt']);
  });

  it('upcasting: a LearnerRegistered stored in the v1 shape ({ name }) reads as v2 ({ displayName, givenName, familyName }), also after erasure', async () => {
    const learnerId = newId('learner');
    // What the code before v2 wrote: the v1 shape, personal fields sealed, schemaVersion 1, written straight to the engine.
    const oldCode = new LedgerEventStore(side.engine, { keyStore: side.keyStore, personalData: personalDataPolicy });
    await oldCode.append(
      `learner-${learnerId}`,
      [
        {
          type: 'LearnerRegistered',
          data: {
            learnerId,
            name: 'Geertruida Old-Shape',
            email: 'g.old@example.nl',
            employerId: null,
            registeredAt: '2025-06-01T10:00:00+02:00',
          },
          metadata: { schemaVersion: 1, occurredAt: '2025-06-01T10:00:00+02:00' },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    const raw = (await side.engine.readStream(`learner-${learnerId}`))[0]!;
    expect(raw.metadata.schemaVersion).toBe(1);
    expect(Object.keys(raw.data).sort()).toEqual(['email', 'employerId', 'learnerId', 'name', 'registeredAt']);

    const view = await eventually(async () => {
      const res = await api.request('GET', `/learners/${learnerId}`, { role: 'backoffice' });
      return res.status === 200 ? res.body : undefined;
    });
    expect(view).toMatchObject({
      learnerId,
      displayName: 'Geertruida Old-Shape',
      givenName: null,
      familyName: null,
      email: 'g.old@example.nl',
    });
    expect(view).not.toHaveProperty('name');
    // Through the store opened with the upcasters (as the CLI and, once wired, the server do).
    const upcast = (await side.eventStore.readStream(`learner-${learnerId}`))[0]!;
    expect(upcast.metadata.schemaVersion).toBe(2);
    expect(upcast.data).toEqual({
      learnerId,
      displayName: 'Geertruida Old-Shape',
      givenName: null,
      familyName: null,
      email: 'g.old@example.nl',
      employerId: null,
      registeredAt: '2025-06-01T10:00:00+02:00',
    });

    expect(
      (await api.request('POST', `/learners/${learnerId}/erasure`, { role: 'admin', body: { commandId: commandId() } }))
        .status,
    ).toBe(200);
    expect((await api.request('GET', `/learners/${learnerId}`, { role: 'auditor' })).body).toMatchObject({
      displayName: '[erased]',
      email: '[erased]',
    });
  });

  it('hash chain: intact, then altering one stored event makes GET /audit/chain and POST /admin/chain/verify name that event', async () => {
    await recordDecisions(side, sampleDecisions().slice(0, 2));
    const intact = await api.request('POST', '/admin/chain/verify', { role: 'auditor' });
    expect(intact.status).toBe(200);
    expect(intact.body).toMatchObject({ available: true, engine: 'sqlite', ok: true });
    expect(intact.body.checked).toBe(intact.body.headPosition + 1);

    const [victim] = await recordDecisions(side, sampleDecisions().slice(0, 1));
    await recordDecisions(side, sampleDecisions().slice(1, 2));
    // Someone with file access bypasses the immutability triggers and lowers a fee.
    const db = new Database(path.join(api.dataDir, 'events.sqlite'));
    try {
      db.exec('DROP TRIGGER events_are_immutable_update');
      const row = db.prepare('SELECT data FROM events WHERE event_id = ?').get(victim!.decisionId) as { data: string };
      const altered = row.data.replace(
        `"feeCents":${victim!.decision.feeCents}`,
        `"feeCents":${victim!.decision.feeCents! - 1}`,
      );
      expect(altered).not.toBe(row.data);
      db.prepare('UPDATE events SET data = ? WHERE event_id = ?').run(altered, victim!.decisionId);
    } finally {
      db.close();
    }
    for (const [method, route] of [
      ['GET', '/audit/chain'],
      ['POST', '/admin/chain/verify'],
    ] as const) {
      const res = await api.request(method, route, { role: 'auditor' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        ok: false,
        checked: victim!.position,
        firstBadEvent: {
          position: victim!.position,
          eventId: victim!.decisionId,
          streamId: victim!.streamId,
          revision: 0,
          type: 'RulebookDecisionRecorded',
        },
      });
    }
    expect((await api.request('GET', '/audit/chain', { role: 'backoffice' })).status).toBe(403);
  });
});

describe('audit: as of a business time and as known at a record time', () => {
  let api: Harness;
  beforeAll(async () => {
    api = await startHarness();
  });
  afterAll(async () => {
    await api.close();
  });

  it('GET /enrolments/{id} and GET /customers/{id}/balance answer asOf (business time) and knownAt (record time)', async () => {
    const customerId = newId('cust');
    const learnerId = newId('learner');
    await api.request('POST', '/customers', {
      role: 'backoffice',
      body: {
        commandId: commandId(),
        customerId,
        kind: 'consumer',
        name: 'Tijs Tijdreiziger',
        email: 'tijs@example.nl',
        registeredAt: '2026-03-01T10:00:00+01:00',
      },
    });
    await api.request('POST', '/learners', {
      role: 'backoffice',
      body: { commandId: commandId(), learnerId, name: 'Tijs Tijdreiziger', email: 'tijs@example.nl' },
    });
    const offeringId = newId('off');
    const enrolmentId = newId('enr');
    expect(
      (
        await api.request('POST', '/offerings', {
          role: 'backoffice',
          body: {
            commandId: commandId(),
            offeringId,
            rulebookId: 'plusport',
            kind: 'classroom',
            title: 'BHV',
            startsAt: '2026-03-20T09:00:00+01:00',
            components: [{ kind: 'classroom', priceCents: 45_000 }],
          },
        })
      ).status,
    ).toBe(201);
    const beforeEnrolmentRecorded = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(
      (
        await api.request('POST', '/enrolments', {
          role: 'backoffice',
          body: {
            commandId: commandId(),
            enrolmentId,
            offeringId,
            learnerId,
            customerId,
            registeredAt: '2026-03-02T10:00:00+01:00',
          },
        })
      ).status,
    ).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const beforeCancellationRecorded = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(
      (
        await api.request('POST', `/enrolments/${enrolmentId}/cancellations`, {
          role: 'backoffice',
          body: { commandId: commandId(), requestedAt: '2026-03-10T10:00:00+01:00', reason: 'regular' },
        })
      ).status,
    ).toBe(201);

    const now = await api.request('GET', `/enrolments/${enrolmentId}`, { role: 'auditor' });
    const businessBefore = await api.request('GET', `/enrolments/${enrolmentId}?asOf=2026-03-05T00:00:00%2B01:00`, {
      role: 'auditor',
    });
    const knownBefore = await api.request(
      'GET',
      `/enrolments/${enrolmentId}?knownAt=${encodeURIComponent(beforeCancellationRecorded)}`,
      { role: 'auditor' },
    );
    expect(now.status).toBe(200);
    expect(businessBefore.status).toBe(200);
    expect(knownBefore.status).toBe(200);
    expect(now.body.status).toMatch(/cancel/i);
    expect(businessBefore.body.status).not.toMatch(/cancel/i);
    expect(knownBefore.body.status).toBe(businessBefore.body.status);
    expect(
      (
        await api.request('GET', `/enrolments/${enrolmentId}?knownAt=${encodeURIComponent(beforeEnrolmentRecorded)}`, {
          role: 'auditor',
        })
      ).status,
    ).toBe(404);
    expect((await api.request('GET', `/enrolments/${enrolmentId}?asOf=someday`, { role: 'auditor' })).status).toBe(400);

    const invoiced = await api.request('GET', `/customers/${customerId}/balance?asOf=2026-03-05`, { role: 'finance' });
    expect(invoiced.body.invoicedCents).toBeGreaterThan(0);
    expect(
      (await api.request('GET', `/customers/${customerId}/balance?asOf=2026-03-01`, { role: 'finance' })).body
        .invoicedCents,
    ).toBe(0);
    expect(
      (
        await api.request(
          'GET',
          `/customers/${customerId}/balance?asOf=2026-03-05&knownAt=${encodeURIComponent(beforeEnrolmentRecorded)}`,
          { role: 'finance' },
        )
      ).body.invoicedCents,
    ).toBe(0);
  });
});
