/**
 * Finance exports over HTTP (docs/operations.md "Exports"): balances.csv streams every customer,
 * none cut off at a page; `format=nl` is what Dutch Excel opens in columns.
 */
import { commandId, newId, startHarness, type Harness } from '../support/http-harness';

describe('finance exports over HTTP', () => {
  let api: Harness;
  beforeAll(async () => {
    api = await startHarness();
  });
  afterAll(async () => {
    await api.close();
  });

  // 1,200 customers are registered over HTTP, each sealed with its own key: minutes on a shared machine.
  async function post(route: string, body: Record<string, unknown>) {
    const res = await api.request('POST', route, { role: 'backoffice', body: { commandId: commandId(), ...body } });
    if (res.status !== 201) throw new Error(`POST ${route}: got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  it('balances.csv with 1,200 customers has 1,200 data rows; format=nl uses ; and euros with decimal commas', async () => {
    const prefix = newId('bulk');
    const ids = Array.from({ length: 1_200 }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);
    for (let i = 0; i < ids.length; i += 20)
      await Promise.all(
        ids
          .slice(i, i + 20)
          .map((customerId) =>
            post('/customers', { customerId, kind: 'consumer', name: 'Klant', email: 'klant@example.nl' }),
          ),
      );
    // One customer with an invoice of 1,210.00, for the amounts.
    const customerId = newId('cust');
    const learnerId = newId('learner');
    const offeringId = newId('off');
    await post('/customers', { customerId, kind: 'business', name: 'Jansen B.V.', email: 'info@jansen.example' });
    await post('/learners', { learnerId, name: 'P. de Boer', email: 'p@example.nl' });
    await post('/offerings', {
      offeringId,
      title: 'Veilig werken',
      rulebookId: 'plusport',
      kind: 'classroom',
      startsAt: '2026-05-02T09:00:00+02:00',
      components: [{ kind: 'classroom', priceCents: 100_000 }],
    });
    await post('/enrolments', {
      enrolmentId: newId('enr'),
      offeringId,
      learnerId,
      customerId,
      registeredAt: '2026-02-02T10:00:00+01:00',
    });

    const csv = await api.request('GET', '/exports/balances.csv?asOf=2026-03-01', { role: 'finance' });
    expect(csv.status).toBe(200);
    const lines = String(csv.body).trim().split('\r\n');
    expect(lines[0]!.startsWith('customerId,customerKind,asOf,invoicedCents')).toBe(true);
    expect(lines.slice(1).filter((line) => line.startsWith(`${prefix}-`))).toHaveLength(1_200);
    expect(lines).toHaveLength(1 + 1_201);
    expect(csv.headers.get('x-next-cursor')).toBeNull();

    const nl = await fetch(`${api.baseUrl}/exports/balances.csv?asOf=2026-03-01&format=nl`, {
      headers: { authorization: 'Bearer test-finance-key-0123456789abc' },
    });
    const bytes = Buffer.from(await nl.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const nlLines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(nlLines[0]!.split(';').slice(0, 4)).toEqual(['customerId', 'customerKind', 'asOf', 'invoicedEur']);
    const row = nlLines.find((line) => line.startsWith(`${customerId};`))!.split(';');
    expect(row.slice(0, 4)).toEqual([customerId, 'business', '2026-03-01', '1.210,00']);
    expect(nlLines).toHaveLength(1 + 1_201);

    const page = await api.request('GET', '/exports/balances.csv?asOf=2026-03-01&limit=100', { role: 'finance' });
    expect(String(page.body).trim().split('\r\n')).toHaveLength(101);
    expect(page.headers.get('x-next-cursor')).toEqual(expect.any(String));
    expect((await api.request('GET', '/exports/balances.csv?format=xlsx', { role: 'finance' })).status).toBe(400);
  }, 300_000);
});
