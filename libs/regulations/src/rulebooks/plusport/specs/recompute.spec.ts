import fc from 'fast-check';
import { RulebookRegistry } from '../../../rulebook';
import type { Decision, JsonValue } from '../../../decision';
import { TERMIJNENWET_CALENDAR } from '../../../calendar';
import {
  PLUSPORT_2024,
  PLUSPORT_DATA_2024,
  PLUSPORT_DECISION_KINDS,
  createPlusportVersion,
  decidePlusportAttendance,
  decidePlusportCancellation,
  decidePlusportCancellationEvidence,
  decidePlusportCertificate,
  decidePlusportColleagueSwap,
  decidePlusportComplaint,
  decidePlusportDelivery,
  decidePlusportDeliveryDeadline,
  decidePlusportDeliveryMissed,
  decidePlusportForceMajeureNewDate,
  decidePlusportNonPaymentDissolution,
  decidePlusportExamResult,
  decidePlusportForceMajeureRefund,
  decidePlusportInvoiceDueDate,
  decidePlusportLatePayment,
  decidePlusportPriceChange,
  decidePlusportProviderCancellation,
  decidePlusportReschedule,
  decidePlusportSuspension,
  plusportVersions,
} from '../index';
import type { PlusportCancellationInput, PlusportData } from '../index';

const rb = PLUSPORT_2024;
const registry = new RulebookRegistry();
for (const v of plusportVersions) registry.register(v);

const illness: PlusportCancellationInput = {
  registeredAt: '2026-03-02T10:00:00+01:00',
  requestedAt: '2026-03-17T10:00:00+01:00',
  startsAt: '2026-03-20T09:00:00+01:00',
  components: [
    { kind: 'e-learning', priceCents: 10_000 },
    { kind: 'exam', priceCents: 15_000 },
  ],
  paidCents: 30_250,
  reason: 'illness',
  eLearningStarted: true,
};

/** One recorded decision of every kind, made through the typed functions. */
const samples: Record<string, Decision> = {
  'cancellation-fee': decidePlusportCancellation(rb, {
    registeredAt: '2026-01-05',
    requestedAt: '2026-03-10T10:00:00+01:00',
    startsAt: '2026-03-20T09:00:00+01:00',
    components: [
      { kind: 'classroom', priceCents: 45_000 },
      { kind: 'textbook', priceCents: 3_000 },
    ],
    paidCents: 58_080,
    reason: 'regular',
    textbookReturnedUnused: true,
    customTerms: { quoteRef: 'Q-1', cancellationBands: { exam: [{ minWorkingDaysBefore: 0, feeBasisPoints: 0 }] } },
  }),
  'cancellation-evidence': decidePlusportCancellationEvidence(rb, {
    cancellation: illness,
    decidedAt: '2026-03-25T00:00:00+01:00',
  }),
  reschedule: decidePlusportReschedule(rb, {
    component: 'practical-session',
    componentPriceCents: 35_000,
    startsAt: '2026-03-23T09:00:00+01:00',
    requestedAt: '2026-03-16T10:00:00+01:00',
    newStartsAt: '2026-04-20T09:00:00+02:00',
    invoiceTotalCents: 42_350,
    paidCents: 42_350,
  }),
  'colleague-swap': decidePlusportColleagueSwap(rb, {
    requestedAt: '2026-03-20T10:00:00+01:00',
    startsAt: '2026-03-23T09:00:00+01:00',
    requiresProofOfParticipation: true,
    colleaguePassedOnlineTheoryExam: true,
  }),
  'provider-cancellation': decidePlusportProviderCancellation(rb, {
    cancelledAt: '2026-03-10T12:00:00+01:00',
    paidCents: 54_450,
  }),
  'force-majeure-refund': decidePlusportForceMajeureRefund(rb, {
    declaredAt: '2026-03-10T12:00:00+01:00',
    components: [
      { kind: 'e-learning', priceCents: 10_000, delivered: true },
      { kind: 'classroom', priceCents: 40_000, delivered: false },
    ],
    invoiceTotalCents: 60_500,
    paidCents: 60_500,
    supplierCostsCents: 5_000,
  }),
  'price-change': decidePlusportPriceChange(rb, {
    agreementAt: '2026-01-15',
    changedAt: '2026-04-15',
    oldPriceCents: 40_000,
    newPriceCents: 44_000,
  }),
  'invoice-due-date': decidePlusportInvoiceDueDate(rb, {
    invoiceDate: '2026-03-01',
    startsAt: '2026-03-20T09:00:00+01:00',
  }),
  'late-payment': decidePlusportLatePayment(rb, {
    dueDate: '2026-03-19',
    asOf: '2026-03-20',
    outstandingCents: 121_000,
    customerKind: 'business',
  }),
  'delivery-suspension': decidePlusportSuspension(rb, { asOf: '2026-03-05', outstandingCents: 1 }),
  attendance: decidePlusportAttendance(rb, {
    at: '2026-03-20T08:45:00+01:00',
    component: 'classroom',
    componentPriceCents: 45_000,
    status: 'no-id',
  }),
  'exam-result': decidePlusportExamResult(rb, {
    course: 'exam',
    sittingAt: '2026-03-20T09:00:00+01:00',
    identified: true,
    score: 28,
    maxScore: 40,
    passMark: 28,
  }),
  certificate: decidePlusportCertificate(rb, {
    asOf: '2026-03-24',
    passed: true,
    invoiceTotalCents: 18_150,
    paidCents: 12_100,
  }),
  complaint: decidePlusportComplaint(rb, { courseEndedAt: '2026-03-20', receivedAt: '2026-03-23T10:00:00+01:00' }),
  'delivery-deadline': decidePlusportDeliveryDeadline(rb, {
    deliverable: 'result',
    countedFrom: '2026-03-20T09:00:00+01:00',
    after: 'exam',
  }),
  delivery: decidePlusportDelivery(rb, {
    deliverable: 'result',
    deliveredAt: '2026-03-25T10:00:00+01:00',
    dueBy: '2026-03-24',
    passed: true,
    certificateCourse: true,
  }),
  'non-payment-dissolution': decidePlusportNonPaymentDissolution(rb, {
    requestedAt: '2026-04-21T10:00:00+02:00',
    dueDate: '2026-04-19',
    outstandingCents: 16_300,
    paidCents: 20_000,
    components: [
      { kind: 'e-learning', priceCents: 10_000 },
      { kind: 'exam', priceCents: 20_000 },
    ],
    performedComponents: ['e-learning'],
  }),
  'force-majeure-new-date': decidePlusportForceMajeureNewDate(rb, {
    declaredAt: '2026-03-19T08:00:00+01:00',
    component: 'exam',
    fromStartsAt: '2026-03-20T09:00:00+01:00',
    newStartsAt: null,
  }),
  'delivery-missed': decidePlusportDeliveryMissed(rb, {
    deliverable: 'certificate',
    dueBy: '2026-03-27',
    checkedAt: '2026-03-28T00:00:00+01:00',
    deliveredAt: null,
    paidInFull: false,
  }),
};

/** What a decision event stores: JSON. */
const stored = (d: Decision): Decision => JSON.parse(JSON.stringify(d)) as Decision;

describe('plusport decisions recompute from their recorded inputs', () => {
  it('plusport registers exactly the documented decision kinds, and every kind has a sample here', () => {
    expect(Object.keys(rb.decisions).sort()).toEqual([...PLUSPORT_DECISION_KINDS].sort());
    expect(Object.keys(samples).sort()).toEqual([...PLUSPORT_DECISION_KINDS].sort());
  });

  it.each(Object.entries(samples))(
    'recompute %s: given the recorded decision, when recomputed from its own inputs, then the decision is deep-equal',
    (kind, decision) => {
      const recorded = stored(decision);
      expect(recorded.kind).toBe(kind);
      const recomputed = registry.recompute({
        kind: recorded.kind,
        rulebook: recorded.rulebook,
        inputs: recorded.inputs,
      });
      expect(recomputed).toEqual(decision);
      // and recomputing the recomputed decision is a fixed point
      expect(registry.recompute(recomputed)).toEqual(recomputed);
    },
  );

  it('recompute: given a recorded PP-15.5-CLS decision whose derived workingDaysBefore was tampered with, then the recomputed decision differs (verify reports a mismatch)', () => {
    const recorded = stored(
      decidePlusportCancellation(rb, {
        registeredAt: '2026-01-05',
        requestedAt: '2026-03-10T10:00:00+01:00',
        startsAt: '2026-03-20T09:00:00+01:00',
        components: [{ kind: 'classroom', priceCents: 45_000 }],
        paidCents: 54_450,
        reason: 'regular',
      }),
    );
    const tampered = { ...recorded, inputs: { ...recorded.inputs, workingDaysBefore: 11 } };
    const recomputed = registry.recompute(tampered);
    expect(recomputed).toEqual(recorded);
    expect(recomputed).not.toEqual(tampered);
  });

  it('recompute: given a raw fact changed in the recorded inputs (price 450.00 -> 400.00), then the recomputed fee follows the facts', () => {
    const recorded = stored(samples['cancellation-fee']!);
    const components = recorded.inputs['components'] as { [k: string]: JsonValue }[];
    const changed = { ...recorded.inputs, components: [{ ...components[0]!, priceCents: 40_000 }, components[1]!] };
    expect(registry.recompute({ ...recorded, inputs: changed }).feeCents).toBe(20_000);
  });

  it('PP-14.5 versioning: given a later version that raises the 55.00 fee to 60.00, then new decisions use it and the 2024 decision still recomputes to 55.00', () => {
    const data2027: PlusportData = {
      ...PLUSPORT_DATA_2024,
      reschedule: {
        ...PLUSPORT_DATA_2024.reschedule,
        'practical-session': {
          ...PLUSPORT_DATA_2024.reschedule['practical-session'],
          bands: [
            { minWorkingDaysBefore: 11, allowed: true, feeCents: 0 },
            { minWorkingDaysBefore: 0, allowed: true, feeCents: 6_000 },
          ],
        },
      },
    };
    const v2027 = createPlusportVersion(
      { version: '2027-01-01', effectiveFrom: '2027-01-01', vatRateBasisPoints: 2100, calendar: TERMIJNENWET_CALENDAR },
      data2027,
    );
    const reg = new RulebookRegistry().register(PLUSPORT_2024).register(v2027);
    expect(reg.rulebookFor('plusport', '2026-12-31').version).toBe('2024-01-01');
    expect(reg.rulebookFor('plusport', '2027-01-01').version).toBe('2027-01-01');
    const old = stored(samples['reschedule']!);
    expect(reg.recompute(old).feeCents).toBe(5_500);
    expect(reg.recompute({ ...old, rulebook: { id: 'plusport', version: '2027-01-01' } }).feeCents).toBe(6_000);
  });
});

describe('plusport properties (fast-check)', () => {
  const day = fc.integer({ min: 0, max: 60 }).map((n) => {
    const d = new Date(Date.UTC(2026, 1, 1 + n, 9, 0, 0));
    return d.toISOString().replace('.000Z', 'Z');
  });
  const price = fc.integer({ min: 0, max: 500_000 });

  it('PP-15.5-CLS property: fee is never above the price, refund never negative, and an earlier cancellation never costs more', () => {
    fc.assert(
      fc.property(day, day, price, fc.integer({ min: 0, max: 700_000 }), (a, b, priceCents, paidCents) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const decide = (requestedAt: string) =>
          decidePlusportCancellation(rb, {
            registeredAt: '2026-01-05',
            requestedAt,
            startsAt: '2026-03-20T09:00:00+01:00',
            components: [{ kind: 'classroom', priceCents }],
            paidCents,
            reason: 'regular',
          });
        const e = decide(early);
        const l = decide(late);
        expect(l.feeCents!).toBeLessThanOrEqual(priceCents);
        expect(l.refundCents!).toBeGreaterThanOrEqual(0);
        expect(e.feeCents!).toBeLessThanOrEqual(l.feeCents!);
        expect(registry.recompute(stored(l))).toEqual(l);
      }),
      { numRuns: 60 },
    );
  });

  it('PP-7.3 property: the force-majeure refund never exceeds what was paid for undelivered components and is 0 below 20 % paid', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 130_000 }),
        (delivered, undelivered, paid) => {
          const invoiceTotalCents = delivered + undelivered + Math.round((delivered + undelivered) * 0.21);
          const d = decidePlusportForceMajeureRefund(rb, {
            declaredAt: '2026-03-10T12:00:00+01:00',
            components: [
              { kind: 'e-learning', priceCents: delivered, delivered: true },
              { kind: 'classroom', priceCents: undelivered, delivered: false },
            ],
            invoiceTotalCents,
            paidCents: paid,
          });
          expect(d.refundCents!).toBeGreaterThanOrEqual(0);
          expect(d.refundCents!).toBeLessThanOrEqual(d.inputs['paidForUndeliveredCents'] as number);
          if (paid * 10 < invoiceTotalCents * 2) expect(d.refundCents).toBe(0);
        },
      ),
      { numRuns: 100 },
    );
  });
});
