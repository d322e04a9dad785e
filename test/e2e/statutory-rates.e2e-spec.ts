/**
 * Statutory interest rates as data over HTTP (docs/operations.md "Statutory interest rates"): the
 * built-in tables run to 2026-06-30; an admin records the rate of the next half-year as an event
 * and balances use it from then on, naming the event as the rate's version (INT-I4 before it).
 */
import { commandId, newId, startHarness, type Harness } from '../support/http-harness';

describe('statutory interest rates over HTTP', () => {
  let api: Harness;
  beforeAll(async () => {
    api = await startHarness();
  });
  afterAll(async () => {
    await api.close();
  });

  async function post(
    route: string,
    body: Record<string, unknown>,
    expected = 201,
    role: 'admin' | 'backoffice' = 'backoffice',
  ) {
    const res = await api.request('POST', route, { role, body: { commandId: commandId(), ...body } });
    if (res.status !== expected)
      throw new Error(`POST ${route}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
  const rateStreamLength = async (): Promise<number> => {
    const res = await api.request('GET', '/streams/statutory-interest-rates/events', { role: 'auditor' });
    return res.status === 404 ? 0 : res.body.events.length;
  };
  const balance = async (customerId: string, asOf: string) =>
    (await api.request('GET', `/customers/${customerId}/balance?asOf=${asOf}&invoices=false`, { role: 'finance' }))
      .body;

  it('INT-I4: a business balance on 2026-07-15 is rate-unknown from 2026-07-01 until the admin records 10.15 %; then ok, citing the recorded event', async () => {
    const customerId = newId('cust');
    const learnerId = newId('learner');
    const offeringId = newId('off');
    await post('/customers', {
      customerId,
      kind: 'business',
      name: 'Jansen B.V.',
      email: 'info@jansen.example',
      registeredAt: '2026-01-05T10:00:00+01:00',
    });
    await post('/learners', {
      learnerId,
      name: 'P. de Boer',
      email: 'p@example.nl',
      registeredAt: '2026-01-05T10:00:00+01:00',
    });
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

    const before = await balance(customerId, '2026-07-15');
    expect(before).toMatchObject({ interestStatus: 'rate-unknown', interestRateUnknownFrom: '2026-07-01' });
    expect(before.interestCents).toBeGreaterThan(0);

    // Refused, and nothing appended: a rate inside the built-in table, one after a gap, a day that starts no half-year.
    const length = await rateStreamLength();
    const refused = async (body: Record<string, unknown>, status: number, error: string | RegExp) => {
      const res = await api.request('POST', '/admin/statutory-rates', {
        role: 'admin',
        body: {
          commandId: commandId(),
          customerKind: 'business',
          rateBasisPoints: 1_015,
          source: 'Staatscourant 2026 (test)',
          ...body,
        },
      });
      expect(res.status).toBe(status);
      expect(JSON.stringify(res.body)).toMatch(error);
    };
    await refused({ effectiveFrom: '2026-01-01' }, 422, 'RATE_IN_BUILT_IN_TABLE');
    await refused({ effectiveFrom: '2027-01-01' }, 422, 'RATE_LEAVES_GAP');
    await refused({ effectiveFrom: '2026-08-01' }, 400, /effectiveFrom/);
    await refused({ effectiveFrom: '2026-07-01', rateBasisPoints: 10.5 }, 400, /rateBasisPoints/);
    const backoffice = await api.request('POST', '/admin/statutory-rates', {
      role: 'backoffice',
      body: {
        commandId: commandId(),
        customerKind: 'business',
        effectiveFrom: '2026-07-01',
        rateBasisPoints: 1_015,
        source: 'Staatscourant 2026 (test)',
      },
    });
    expect(backoffice.status).toBe(403);
    expect(await rateStreamLength()).toBe(length);

    const recorded = await post(
      '/admin/statutory-rates',
      {
        customerKind: 'business',
        effectiveFrom: '2026-07-01',
        rateBasisPoints: 1_015,
        source: 'Staatscourant 2026 (test)',
      },
      201,
      'admin',
    );
    const eventId = recorded.events[0].eventId;
    expect(eventId).toEqual(expect.any(String));

    const after = await balance(customerId, '2026-07-15');
    expect(after).toMatchObject({ interestStatus: 'ok', interestRateUnknownFrom: null });
    // 14 more days on the invoice's principal at 10.15 %: more interest than was known before.
    expect(after.interestCents).toBeGreaterThan(before.interestCents);
    expect(after.interestRates).toContainEqual(
      expect.objectContaining({
        effectiveFrom: '2026-07-01',
        rateBasisPoints: 1_015,
        origin: 'recorded',
        recordedEventId: eventId,
      }),
    );
    const tables = await api.request('GET', '/admin/statutory-rates', { role: 'finance' });
    const business = tables.body.find((t: { customerKind: string }) => t.customerKind === 'business');
    expect(business.knownUntil).toBe('2026-12-31');
    expect(business.version).toContain(eventId);

    // The same rate again changes nothing.
    await post(
      '/admin/statutory-rates',
      {
        customerKind: 'business',
        effectiveFrom: '2026-07-01',
        rateBasisPoints: 1_015,
        source: 'Staatscourant 2026 (test)',
      },
      201,
      'admin',
    );
    expect(await rateStreamLength()).toBe(length + 1);
  });
});
