/**
 * The demo data set (scripts/demo.ts) through the real API: it loads across the five rulebooks,
 * loading it again appends nothing, and every decision in it recomputes to the same result.
 */
import { loadDemo, type DemoCall } from '../../scripts/demo';
import { startHarness, type Harness } from '../support/http-harness';

describe('demo data set', () => {
  let api: Harness;
  let call: DemoCall;
  beforeAll(async () => {
    api = await startHarness();
    call = (method, path, body) => api.request(method, path, { role: 'admin', body });
  });
  afterAll(async () => {
    await api.close();
  });

  it('loads customers, learners, offerings and enrolments of four rulebooks and a SPOT participant, with decisions', async () => {
    const summary = await loadDemo(call);
    expect(summary).toMatchObject({
      customers: 5,
      learners: 6,
      offerings: 10,
      enrolments: 13,
      participants: 1,
      licences: 24,
    });
    expect(summary.decisions.length).toBeGreaterThanOrEqual(15);
    const rulebooks = new Set<string>();
    for (const decisionId of summary.decisions) {
      const decision = await api.request('GET', `/decisions/${decisionId}`, { role: 'auditor' });
      expect(decision.status).toBe(200);
      rulebooks.add(decision.body.rulebook.id);
    }
    expect([...rulebooks].sort()).toEqual(['excellus', 'loi', 'plusport', 'vli']);
    const licences = await api.request('GET', '/participants/spot-demo-zorggroep/licences', { role: 'finance' });
    expect(licences.body).toMatchObject({ activeCount: 24, tier: 'low', rateCents: 3000 });
    const owed = await api.request('GET', '/refunds?status=owed', { role: 'finance' });
    expect(owed.body.length).toBeGreaterThan(0);
  });

  it('loading it a second time appends nothing (idempotent command ids)', async () => {
    const before = await api.request('GET', '/admin/projections', { role: 'admin' });
    await loadDemo(call);
    const after = await api.request('GET', '/admin/projections', { role: 'admin' });
    expect(after.body[0].headPosition).toBe(before.body[0].headPosition);
  });

  it('every decision in the demo data recomputes to the recorded result (verify all)', async () => {
    const verified = await api.request('POST', '/decisions/verify', { role: 'auditor', body: {} });
    expect(verified.status).toBe(200);
    expect(verified.body.mismatches).toEqual([]);
    expect(verified.body.checked).toBeGreaterThan(20);
    expect(verified.body.matched).toBe(verified.body.checked);
  });
});
