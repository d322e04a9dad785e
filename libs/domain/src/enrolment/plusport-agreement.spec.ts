/**
 * PlusPort on a running agreement: PP-5.5 dissolution for non-payment with pay for what was
 * already performed, PP-7.4 a new exam date after force majeure concerning the exam.
 */
import { deciderSpec } from '../shared/decider-spec';
import type { EnrolmentCommand } from './commands';
import { enrolmentDecider } from './decide';
import { ctx, history, INVOICE_1, offering, ofType, pay, plusportExam, register } from './enrolment.test-support';

const spec = deciderSpec(enrolmentDecider);
const given = (...commands: EnrolmentCommand[]) => history(commands).events;

// E-learning 100.00 + exam 200.00 net, 21 % VAT: 363.00, due the day before the exam (2026-04-19).
const packageExam = offering({
  rulebookId: 'plusport',
  kind: 'package-exam',
  startsAt: '2026-04-20T09:00:00+02:00',
  components: [
    { kind: 'e-learning', priceCents: 10_000 },
    { kind: 'exam', priceCents: 20_000 },
  ],
});
const dissolve = (requestedAt: string, performedComponents: string[]): EnrolmentCommand => ({
  type: 'DissolveForNonPayment',
  enrolmentId: 'e1',
  requestedAt,
  performedComponents,
});

describe('PP-5.5 dissolution for non-payment', () => {
  it('PP-5.5: given an unpaid invoice past its due date and the e-learning delivered, when PlusPort dissolves, then the e-learning (121.00) stays charged and the rest is credited', () => {
    spec
      .given(given(register(packageExam)))
      .when(dissolve('2026-04-21T10:00:00+02:00', ['e-learning']), ctx)
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual(['EnrolmentDissolvedForNonPayment', 'CreditNoteIssued']);
        expect(ofType(events, 'EnrolmentDissolvedForNonPayment')[0]!.data.decision).toMatchObject({
          kind: 'non-payment-dissolution',
          ruleIds: ['PP-5.5'],
          feeCents: 10_000,
          feeVatCents: 2_100,
          feeGrossCents: 12_100,
          refundCents: 0,
        });
        expect(ofType(events, 'CreditNoteIssued')[0]!.data).toMatchObject({ invoiceId: INVOICE_1, totalCents: 24_200 });
      });
  });

  it('PP-5.5: given part paid (200.00), nothing performed, the whole invoice is credited and the payment granted back', () => {
    spec
      .given(given(register(packageExam), pay(20_000)))
      .when(dissolve('2026-04-21T10:00:00+02:00', []), ctx)
      .then((events) => {
        expect(ofType(events, 'EnrolmentDissolvedForNonPayment')[0]!.data.decision).toMatchObject({
          feeCents: 0,
          refundCents: 20_000,
        });
        expect(ofType(events, 'RefundEntitlementGranted')[0]!.data.amountCents).toBe(20_000);
      });
  });

  it('PP-5.5: before the due date, or when paid in full, there is no ground (422 naming PP-5.5); a component the booking lacks is a 400', () => {
    spec
      .given(given(register(packageExam)))
      .when(dissolve('2026-04-19T10:00:00+02:00', []), ctx)
      .thenThrows({ error: 'NOT_PAID_LATE', ruleId: 'PP-5.5' });
    spec
      .given(given(register(packageExam), pay(36_300)))
      .when(dissolve('2026-04-21T10:00:00+02:00', []), ctx)
      .thenThrows({ error: 'NOT_PAID_LATE', ruleId: 'PP-5.5' });
    spec
      .given(given(register(packageExam)))
      .when(dissolve('2026-04-21T10:00:00+02:00', ['classroom']), ctx)
      .thenThrows({ field: 'performedComponents[0]' } as never);
  });

  it('PP-5.5: a dissolved booking takes no further acts', () => {
    spec
      .given(given(register(packageExam), dissolve('2026-04-21T10:00:00+02:00', [])))
      .when(dissolve('2026-04-22T10:00:00+02:00', []), ctx)
      .thenThrows({ status: 409 });
  });
});

const move = (declaredAt: string, newStartsAt?: string): EnrolmentCommand => ({
  type: 'MoveDateForForceMajeure',
  enrolmentId: 'e1',
  declaredAt,
  ...(newStartsAt ? { newStartsAt } : {}),
});

describe('PP-7.4 a new exam date after force majeure', () => {
  it('PP-7.4: given a paid exam on 2026-03-20, when force majeure concerns it and the supplier sets 2026-04-03, then the exam moves at no cost and it is not the learner reschedule', () => {
    const moved = history([
      register(plusportExam),
      pay(24_200),
      move('2026-03-19T08:00:00+01:00', '2026-04-03T09:00:00+02:00'),
    ]);
    const event = ofType(moved.events, 'DateMovedForForceMajeure')[0]!;
    expect(event.data).toMatchObject({
      fromStartsAt: '2026-03-20T09:00:00+01:00',
      toStartsAt: '2026-04-03T09:00:00+02:00',
      decision: {
        kind: 'force-majeure-new-date',
        ruleIds: ['PP-7.4'],
        feeCents: 0,
        deadlines: { newStartsOn: '2026-04-03' },
      },
    });
    expect(moved.state.startsAt).toBe('2026-04-03T09:00:00+02:00');
    expect(moved.state.rescheduled).toBe(false);
    expect(ofType(moved.events, 'InvoiceIssued')).toHaveLength(1);
  });

  it('PP-7.4: without a new date yet the booking waits for one; the date set later moves it', () => {
    const waiting = history([register(plusportExam), move('2026-03-19T08:00:00+01:00')]);
    expect(waiting.state.newDateRequired).toBe(true);
    expect(ofType(waiting.events, 'DateMovedForForceMajeure')[0]!.data.toStartsAt).toBeNull();
    const moved = history([move('2026-03-25T08:00:00+01:00', '2026-04-10T09:00:00+02:00')], waiting.state);
    expect(moved.state).toMatchObject({ newDateRequired: false, startsAt: '2026-04-10T09:00:00+02:00' });
  });

  it('PP-7.4: only an exam gets a new date (422 naming PP-7.4); the new date lies after the declaration (400)', () => {
    const classroomOnly = offering({
      rulebookId: 'plusport',
      kind: 'classroom',
      startsAt: '2026-03-20T09:00:00+01:00',
      components: [{ kind: 'classroom', priceCents: 45_000 }],
    });
    spec
      .given(given(register(classroomOnly)))
      .when(move('2026-03-19T08:00:00+01:00', '2026-04-03T09:00:00+02:00'), ctx)
      .thenThrows({ error: 'NEW_DATE_ONLY_FOR_AN_EXAM', ruleId: 'PP-7.4' });
    spec
      .given(given(register(plusportExam)))
      .when(move('2026-03-19T08:00:00+01:00', '2026-03-18T09:00:00+01:00'), ctx)
      .thenThrows({ field: 'newStartsAt' } as never);
  });

  it('PP-5.5, PP-7.4: the decisions recompute from their inputs', () => {
    const { events } = history([
      register(plusportExam),
      move('2026-03-19T08:00:00+01:00', '2026-04-03T09:00:00+02:00'),
      dissolve('2026-04-04T10:00:00+02:00', ['exam']),
    ]);
    const decisions = [
      ofType(events, 'DateMovedForForceMajeure')[0]!.data.decision,
      ofType(events, 'EnrolmentDissolvedForNonPayment')[0]!.data.decision,
    ];
    for (const decision of decisions) expect(ctx.rulebooks.recompute(decision)).toEqual(decision);
  });
});
