/**
 * Who am I (GET /me), how to sign in (GET /sign-in-options) and the console's search (GET /search)
 * over HTTP: names found by every word, case and accents aside, only by roles that may read them,
 * page by page with nothing cut off silently; erased people not found; invoices by number and
 * payment reference; and no name in clear anywhere in the data directory (read store included).
 */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { commandId, newId, readAllBytes, startHarness, type Harness, type TestRole } from '../support/http-harness';

describe('who am I and search over HTTP', () => {
  let api: Harness;
  /** A surname no other test uses, so a search finds only this test's people. */
  const surname = `Vermeulen${randomUUID().slice(0, 6)}`;
  const customers: string[] = [];
  let learnerId: string;
  let erasedCustomerId: string;
  let invoice: { invoiceId: string; invoiceNumber: string; paymentReference: string };

  async function post(route: string, body: Record<string, unknown>, role: TestRole = 'backoffice') {
    const res = await api.request('POST', route, { role, body: { commandId: commandId(), ...body } });
    if (res.status !== 201 && res.status !== 200)
      throw new Error(`POST ${route}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
  const search = (query: string, role: TestRole = 'backoffice') => api.request('GET', `/search?${query}`, { role });

  beforeAll(async () => {
    api = await startHarness();
    for (const name of [`Éva ${surname}`, `Jan ${surname}`, `Kees ${surname}-Bakker`]) {
      const customerId = newId('cust');
      customers.push(customerId);
      await post('/customers', { customerId, kind: 'consumer', name, email: 'x@example.nl' });
    }
    learnerId = newId('learner');
    await post('/learners', { learnerId, name: `Eva ${surname}`, email: 'l@example.nl' });
    erasedCustomerId = newId('cust');
    await post('/customers', {
      customerId: erasedCustomerId,
      kind: 'consumer',
      name: `Eva ${surname}`,
      email: 'e@x.nl',
    });
    await post(`/customers/${erasedCustomerId}/erasure`, {}, 'admin');

    const offeringId = newId('off');
    await post('/offerings', {
      offeringId,
      title: 'Veilig werken',
      rulebookId: 'plusport',
      kind: 'classroom',
      startsAt: '2026-05-02T09:00:00+02:00',
      components: [{ kind: 'classroom', priceCents: 100_000 }],
    });
    const registered = await post('/enrolments', {
      enrolmentId: newId('enr'),
      offeringId,
      learnerId,
      customerId: customers[0],
      registeredAt: '2026-02-02T10:00:00+01:00',
    });
    expect((await api.request('POST', '/invoice-numbering/runs', { role: 'admin', body: {} })).status).toBe(200);
    invoice = (await api.request('GET', `/invoices/${registered.invoice.invoiceId}`, { role: 'finance' })).body;
  });
  afterAll(async () => {
    await api?.close();
  });

  it('GET /me names the caller, their roles, how they authenticated and what they may do', async () => {
    const finance = await api.request('GET', '/me', { role: 'finance' });
    expect(finance.status).toBe(200);
    expect(finance.body).toEqual({
      userId: 'svc-test-finance',
      displayName: 'test-finance',
      kind: 'service',
      roles: ['finance'],
      authMethod: 'configured-key',
      may: {
        commands: false,
        customerNames: true,
        learnerNames: false,
        enrolments: true,
        licences: true,
        financeRead: true,
        bankStatements: true,
        audit: false,
      },
    });
    // A personal user: the display name recorded for them, authenticated by their own key.
    const created = await post(
      '/admin/users',
      { userId: 'anna.de.vries', displayName: 'Anna de Vries', roles: ['backoffice'] },
      'admin',
    );
    const anna = await fetch(`${api.baseUrl}/me`, { headers: { authorization: `Bearer ${created.apiKey}` } });
    expect(await anna.json()).toMatchObject({
      userId: 'anna.de.vries',
      displayName: 'Anna de Vries',
      kind: 'person',
      roles: ['backoffice'],
      authMethod: 'api-key',
      may: { commands: true, learnerNames: true, financeRead: false, audit: false },
    });
    expect((await api.request('GET', '/me', { role: null })).status).toBe(401);
  });

  it('GET /sign-in-options is public and offers single sign-on only when configured', async () => {
    const res = await api.request('GET', '/sign-in-options', { role: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ apiKey: true, sso: null });
  });

  it('finds customers and learners by every word of a name, ignoring case and accents; erased people not', async () => {
    const res = await search(`q=${encodeURIComponent(`eva ${surname.toUpperCase()}`)}`);
    expect(res.status).toBe(200);
    expect(res.body.names).toEqual({ customers: true, learners: true });
    expect(res.body.people).toEqual([
      { kind: 'customer', id: customers[0], name: `Éva ${surname}`, registeredAt: expect.any(String) },
      { kind: 'learner', id: learnerId, name: `Eva ${surname}`, registeredAt: expect.any(String) },
    ]);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.examined).toBeGreaterThanOrEqual(4);
    // Finance may read customers' names, not learners'.
    const finance = await search(`q=${encodeURIComponent(surname)}`, 'finance');
    expect(finance.body.names).toEqual({ customers: true, learners: false });
    expect(finance.body.people.map((p: { id: string }) => p.id)).toEqual(customers);
  });

  it('pages with a cursor: each page at most limit people, together every match exactly once', async () => {
    const found: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `q=${encodeURIComponent(surname)}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await search(query);
      expect(page.status).toBe(200);
      expect(page.body.people.length).toBeLessThanOrEqual(1);
      found.push(...page.body.people.map((p: { id: string }) => p.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(found).toEqual([...customers, learnerId]);
    expect(pages).toBeGreaterThanOrEqual(4);
  });

  it('finds an invoice by its number and by its payment reference, for roles that read invoices', async () => {
    const byNumber = await search(`q=${encodeURIComponent(invoice.invoiceNumber.toLowerCase())}`, 'finance');
    expect(byNumber.body.invoices).toEqual([
      expect.objectContaining({ invoiceId: invoice.invoiceId, invoiceNumber: invoice.invoiceNumber }),
    ]);
    const byReference = await search(`q=${invoice.paymentReference}`, 'auditor');
    expect(byReference.body.invoices.map((i: { invoiceId: string }) => i.invoiceId)).toEqual([invoice.invoiceId]);
    // The back office reads no invoices (GET /invoices/{id} is finance and audit), so it finds none.
    expect((await search(`q=${encodeURIComponent(invoice.invoiceNumber)}`, 'backoffice')).body.invoices).toEqual([]);
  });

  it('refuses bad input naming the field', async () => {
    for (const [query, field] of [
      ['q=a', 'q'],
      ['', 'q'],
      [`q=${surname}&limit=101`, 'limit'],
      [`q=${surname}&cursor=not-a-cursor`, 'cursor'],
    ] as const) {
      const res = await search(query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(JSON.stringify(res.body).toLowerCase()).toContain(field);
    }
  });

  it('no name reaches the read store: the directory holds ids only', async () => {
    // The log and key store hold names sealed; no file of the data directory holds one in clear.
    expect((await search(`q=${surname}`)).body.people.length).toBe(4);
    expect(readAllBytes(path.join(api.dataDir)).includes(Buffer.from(surname))).toBe(false);
  });
});
