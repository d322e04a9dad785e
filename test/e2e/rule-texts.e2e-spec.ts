/**
 * Rule texts for auditors over HTTP (docs/api.md "Rule texts"): a rule in the project's words with its
 * Dutch article quoted and its interpretations' reasoning, the rulebook's rule list, interpretations
 * with every version, 404 naming the id, and decisions linking every rule id to its text.
 */
import { commandId, newId, startHarness, type Harness, type TestRole } from '../support/http-harness';

describe('rule texts over HTTP', () => {
  let api: Harness;
  beforeAll(async () => {
    api = await startHarness();
  });
  afterAll(async () => {
    await api.close();
  });

  const get = (route: string, role: TestRole | null = 'auditor') => api.request('GET', route, { role });

  it('PP-15.5-CLS: the rule in the project words, art. 15.5 with its Dutch sentence, and the interpretations with their reasoning', async () => {
    const res = await get('/rulebooks/plusport/rules/PP-15.5-CLS');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ruleId: 'PP-15.5-CLS',
      rulebookId: 'plusport',
      shared: false,
      ledgerDecision: true,
      article: { ref: expect.stringContaining('art. 15.5'), seedFile: '001_f99e99e77f183328.txt' },
      href: '/rulebooks/plusport/rules/PP-15.5-CLS',
    });
    expect(res.body.text).toMatch(/11 or more working days before it costs nothing/);
    expect(res.body.article.quoteNl).toContain('5 werkdagen of korter voor de Klassikale Training* 100%');
    expect(res.body.interpretationIds).toEqual(expect.arrayContaining(['PP-I5', 'CAL-I1', 'MONEY-I1']));
    const money = res.body.interpretations.find((i: { id: string }) => i.id === 'MONEY-I1');
    expect(money.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(money.versions[1]).toMatchObject({ adoptedOn: '2026-12-03', catalogueRevision: 2 });
    expect(money.versions[1].reasoning.length).toBeGreaterThan(20);
  });

  it('every role may read rule texts; without a key it is 401', async () => {
    for (const role of ['backoffice', 'finance', 'auditor', 'admin'] as const) {
      expect((await get('/rulebooks/vli/rules/VLI-2.3', role)).status).toBe(200);
    }
    expect((await get('/rulebooks/vli/rules/VLI-2.3', null)).status).toBe(401);
    expect((await get('/interpretations/PP-I19', null)).status).toBe(401);
  });

  it('404 names the unknown rule, rulebook or interpretation; a rule of another rulebook is unknown; bad ids are 400', async () => {
    const rule = await get('/rulebooks/plusport/rules/PP-99.9');
    expect(rule.status).toBe(404);
    expect(rule.body).toMatchObject({
      error: 'RULE_NOT_FOUND',
      details: { rulebookId: 'plusport', ruleId: 'PP-99.9' },
    });
    expect(rule.body.message).toContain('PP-99.9');
    const elsewhere = await get('/rulebooks/vli/rules/PP-15.5-CLS');
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.message).toContain('PP-15.5-CLS');
    const book = await get('/rulebooks/acme/rules/PP-15.5-CLS');
    expect(book.status).toBe(404);
    expect(book.body).toMatchObject({ error: 'RULEBOOK_NOT_FOUND', message: expect.stringContaining('acme') });
    expect((await get('/rulebooks/acme/rules')).status).toBe(404);
    const unknown = await get('/interpretations/PP-I999');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({
      error: 'INTERPRETATION_NOT_FOUND',
      message: expect.stringContaining('PP-I999'),
    });
    const bad = await get(`/rulebooks/plusport/rules/${encodeURIComponent('<script>')}`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.fields)).toContain('ruleId');
  });

  it('the catalogue ids with a slash or an asterisk, statutes shared by every rulebook, and seed rules that are no ledger decision', async () => {
    const combined = await get(`/rulebooks/spot-lms/rules/${encodeURIComponent('SPOT-3.4 / 4.1')}`);
    expect(combined.status).toBe(200);
    expect(combined.body).toMatchObject({ ruleId: 'SPOT-3.4', aliases: ['SPOT-3.4 / 4.1'] });
    expect((await get(`/rulebooks/excellus/rules/${encodeURIComponent('EXC-4.1*')}`)).body.ruleId).toBe('EXC-4.1*');
    const wik = await get(`/rulebooks/excellus/rules/${encodeURIComponent('BW-6:96-6')}`);
    expect(wik.body).toMatchObject({ ruleId: 'BW-6:96-6', rulebookId: null, shared: true });
    expect(wik.body.article).toMatchObject({ ref: 'art. 6:96 lid 6 BW', quoteNl: null });
    const cap = await get('/rulebooks/loi/rules/LOI-15.1');
    expect(cap.body).toMatchObject({ ledgerDecision: false, reason: expect.stringMatching(/damage/) });
    expect(cap.body.article.quoteNl).toContain('beperkt tot maximaal het door de Klant betaalde lesgeld');
  });

  it('GET /rulebooks/{id}/rules lists the rulebook rules, then the shared ones', async () => {
    const res = await get('/rulebooks/excellus/rules', 'backoffice');
    expect(res.status).toBe(200);
    const ids = res.body.rules.map((r: { ruleId: string }) => r.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['EXC-4.1', 'EXC-4.2', 'EXC-4.3', 'EXC-14', 'WIK-2']));
    expect(ids).not.toContain('PP-15.5-CLS');
    expect(res.body.rules.find((r: { ruleId: string }) => r.ruleId === 'EXC-4.2')).toEqual({
      ruleId: 'EXC-4.2',
      title: expect.any(String),
      shared: false,
      ledgerDecision: true,
      href: '/rulebooks/excellus/rules/EXC-4.2',
    });
  });

  it('GET /interpretations/{id}: the rev-2 corrections with their old and new reading, and the decision kinds they touch', async () => {
    const res = await get('/interpretations/PP-I19', 'finance');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: 'PP-I19',
      rulebookId: 'plusport',
      currentVersion: 2,
      touches: [{ rulebookId: 'plusport', decisionKinds: expect.arrayContaining(['cancellation-fee']) }],
    });
    expect(res.body.versions[0].reading).toMatch(/PP-I2/);
    expect(res.body.versions[1].reading).toMatch(/extra service with no cancellation cost/);
    const exc = await get('/interpretations/EXC-I3');
    expect(exc.body.versions[0].reading).toMatch(/consumers only/);
    const list = await get('/interpretations');
    expect(list.body.interpretations.map((i: { id: string }) => i.id)).toEqual(
      expect.arrayContaining(['CAL-I1', 'PP-I18', 'EXC-I4', 'MONEY-I1', 'FIN-I14', 'LOI-I1']),
    );
    const excellus = await get('/interpretations?rulebookId=excellus');
    expect(excellus.body.interpretations.map((i: { id: string }) => i.id)).toEqual([
      'EXC-I1',
      'EXC-I2',
      'EXC-I3',
      'EXC-I4',
    ]);
    expect(excellus.body.interpretations[2]).toMatchObject({
      currentVersion: 2,
      reading: expect.stringMatching(/alike/),
    });
    const shared = await get('/interpretations?rulebookId=shared');
    expect(shared.body.interpretations.every((i: { rulebookId: string | null }) => i.rulebookId === null)).toBe(true);
    expect(shared.body.interpretations.map((i: { id: string }) => i.id)).toContain('MONEY-I1');
    const bad = await get('/interpretations?rulebookId=acme');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.fields)).toContain('rulebookId');
  });

  it('GET /decisions/{id} links every rule id and interpretation id of a recorded decision to its text, and each link answers', async () => {
    const post = async (route: string, body: Record<string, unknown>) => {
      const res = await api.request('POST', route, { role: 'backoffice', body: { commandId: commandId(), ...body } });
      expect([200, 201]).toContain(res.status);
      return res.body;
    };
    const [customerId, learnerId, offeringId, enrolmentId] = [newId('cust'), newId('lrn'), newId('off'), newId('enr')];
    await post('/customers', { customerId, kind: 'consumer', name: 'A. Auditor', email: 'a@example.nl' });
    await post('/learners', { learnerId, name: 'L. Leerling', email: 'l@example.nl' });
    await post('/offerings', {
      offeringId,
      rulebookId: 'plusport',
      kind: 'package-exam',
      title: 'VCA Basis',
      startsAt: '2026-04-20T09:00:00+02:00',
      components: [
        { kind: 'e-learning', priceCents: 10_000 },
        { kind: 'exam', priceCents: 20_000 },
      ],
    });
    await post('/enrolments', {
      enrolmentId,
      offeringId,
      learnerId,
      customerId,
      registeredAt: '2026-03-02T10:00:00+01:00',
    });
    const cancelled = await post(`/enrolments/${enrolmentId}/cancellations`, {
      requestedAt: '2026-04-08T10:00:00+02:00',
      reason: 'regular',
    });
    const decisionId = cancelled.decision.decisionId;

    const view = await get(`/decisions/${decisionId}`);
    expect(view.status).toBe(200);
    expect(view.body.ruleIds).toEqual(['PP-15.5-EL', 'PP-15.5-EX']);
    expect(view.body.ruleLinks).toEqual([
      { ruleId: 'PP-15.5-EL', href: '/rulebooks/plusport/rules/PP-15.5-EL' },
      { ruleId: 'PP-15.5-EX', href: '/rulebooks/plusport/rules/PP-15.5-EX' },
    ]);
    expect(view.body.interpretationLinks.map((l: { interpretationId: string }) => l.interpretationId)).toEqual(
      view.body.interpretationIds,
    );
    for (const link of [...view.body.ruleLinks, ...view.body.interpretationLinks]) {
      const text = await get(link.href);
      expect([link.href, text.status]).toEqual([link.href, 200]);
    }
    const listed = await get(`/decisions?streamId=${encodeURIComponent(view.body.event.streamId)}`);
    const item = listed.body.items.find((d: { decisionId: string }) => d.decisionId === decisionId);
    expect(item.ruleLinks).toEqual(view.body.ruleLinks);
  });
});
