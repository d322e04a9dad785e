/**
 * Given/when/then through the enrolment decider of the Excellus rules whose money runs over more
 * than one invoice: EXC-4.1* (participants of a group agreement), EXC-10.2 (instalments), EXC-10.4
 * (material prepaid at most half) and EXC-4.7 (returned material).
 */
import { deciderSpec } from '../shared/decider-spec';
import type { EnrolmentCommand } from './commands';
import { enrolmentDecider } from './decide';
import { ctx, history, INVOICE_1, offering, ofType, pay, register } from './enrolment.test-support';

const spec = deciderSpec(enrolmentDecider);
const given = (...commands: EnrolmentCommand[]) => history(commands).events;

// In-company course quoted for 10 participants: 5,000.00 for all of them, starting 2026-09-01.
const groupCourse = offering({
  rulebookId: 'excellus',
  kind: 'contact-course',
  startsAt: '2026-09-01T09:00:00+02:00',
  components: [{ kind: 'tuition', priceCents: 500_000 }],
  options: { group: true, participants: 10 },
});
const headcount = (requestedAt: string, participants: number): EnrolmentCommand => ({
  type: 'ChangeParticipantCount',
  enrolmentId: 'e1',
  requestedAt,
  participants,
});
const cancel = (requestedAt: string): EnrolmentCommand => ({
  type: 'CancelEnrolment',
  enrolmentId: 'e1',
  requestedAt,
  reason: 'regular',
});

describe('EXC-4.1* participants of a group agreement', () => {
  it('EXC-4.1*: given 10 quoted, when 12 are booked on 2026-05-01, then 1,000.00 more is invoiced, due 2026-08-22, citing the decision', () => {
    spec
      .given(given(register(groupCourse)))
      .when(headcount('2026-05-01T10:00:00+02:00', 12), ctx)
      .then((events) => {
        expect(ofType(events, 'ParticipantCountChanged')[0]!.data).toMatchObject({
          fromParticipants: 10,
          toParticipants: 12,
          decision: { kind: 'participant-count-change', ruleIds: ['EXC-4.1*', 'EXC-10.3'], feeCents: 600_000 },
        });
        expect(ofType(events, 'InvoiceIssued')[0]!.data).toMatchObject({
          reason: 'participant-change',
          dueDate: '2026-08-22',
          totalCents: 100_000,
          ruleIds: ['EXC-4.1*', 'EXC-10.3'],
        });
      });
  });

  it('EXC-4.1*: given 5,000.00 paid, when 8 remain, then 1,000.00 is credited and granted back', () => {
    spec
      .given(given(register(groupCourse), pay(500_000)))
      .when(headcount('2026-05-01T10:00:00+02:00', 8), ctx)
      .then((events) => {
        expect(ofType(events, 'CreditNoteIssued')[0]!.data).toMatchObject({
          invoiceId: INVOICE_1,
          totalCents: 100_000,
        });
        expect(ofType(events, 'RefundEntitlementGranted')[0]!.data).toMatchObject({ amountCents: 100_000 });
      });
  });

  it('EXC-4.1*: after 2026-06-01 (3 months before the start) the number is refused, naming the rule', () => {
    spec
      .given(given(register(groupCourse)))
      .when(headcount('2026-06-02T10:00:00+02:00', 12), ctx)
      .thenThrows({ error: 'PARTICIPANT_CHANGE_TOO_LATE', ruleId: 'EXC-4.1*' });
  });

  it('EXC-4.1*: the same rates apply to the whole agreement: cancelled 2026-06-15 after growing to 12, 30 % of 6,000.00 stays and both invoices are credited down to it', () => {
    spec
      .given(given(register(groupCourse), headcount('2026-05-01T10:00:00+02:00', 12)))
      .when(cancel('2026-06-15T10:00:00+02:00'), ctx)
      .then((events) => {
        expect(ofType(events, 'EnrolmentCancelled')[0]!.data.decision).toMatchObject({ feeCents: 180_000 });
        const credited = ofType(events, 'CreditNoteIssued').map((e) => e.data.totalCents);
        expect(credited.reduce((a, b) => a + b, 0)).toBe(600_000 - 180_000);
      });
  });

  it('EXC-4.1*: a group offering that states no quoted number, or a booking that is no group, is refused', () => {
    const unquoted = offering({ ...groupCourse, options: { group: true } });
    spec
      .given(given(register(unquoted)))
      .when(headcount('2026-05-01T10:00:00+02:00', 12), ctx)
      .thenThrows({ error: 'PARTICIPANTS_NOT_QUOTED', ruleId: 'EXC-4.1*' });
    const single = offering({ ...groupCourse, options: {} });
    spec
      .given(given(register(single)))
      .when(headcount('2026-05-01T10:00:00+02:00', 2), ctx)
      .thenThrows({ error: 'NOT_A_GROUP_AGREEMENT', ruleId: 'EXC-4.1*' });
  });
});

describe('EXC-10.2 instalments and EXC-10.4 material prepaid at most half', () => {
  it('EXC-10.2: given a course agreed in 50/25/25 % instalments, when registered, then three invoices and the plan decision', () => {
    const course = offering({
      ...groupCourse,
      options: {
        instalments: [
          { basisPoints: 5_000, dueDaysAfterRegistration: 0 },
          { basisPoints: 2_500, dueDaysAfterRegistration: 30 },
          { basisPoints: 2_500, dueDaysAfterRegistration: 60 },
        ],
      },
    });
    spec
      .given([])
      .when(register(course), ctx)
      .then((events) => {
        expect(ofType(events, 'PaymentScheduleDecided')[0]!.data).toMatchObject({
          instalments: 3,
          decision: { kind: 'instalment-plan', ruleIds: ['EXC-10.2'], surchargeCents: 0 },
        });
        expect(ofType(events, 'InvoiceIssued').map((e) => [e.data.reason, e.data.totalCents, e.data.dueDate])).toEqual([
          ['registration', 250_000, '2026-03-02'],
          ['instalment', 125_000, '2026-04-01'],
          ['instalment', 125_000, '2026-05-01'],
        ]);
      });
  });

  it('EXC-10.4: given material with 40 % in advance, when bought 2026-03-02, then 32.00 is due 2026-03-16 and 48.00 on delivery, at the latest 2026-04-01', () => {
    const material = offering({
      rulebookId: 'excellus',
      kind: 'material',
      components: [{ kind: 'material', priceCents: 8_000 }],
      options: { prepaymentBasisPoints: 4_000 },
    });
    spec
      .given([])
      .when(register(material), ctx)
      .then((events) => {
        expect(ofType(events, 'InvoiceIssued').map((e) => [e.data.reason, e.data.totalCents, e.data.dueDate])).toEqual([
          ['registration', 3_200, '2026-03-16'],
          ['instalment', 4_800, '2026-04-01'],
        ]);
        expect(ofType(events, 'PaymentScheduleDecided')[0]!.data.decision.ruleIds).toEqual(['EXC-10.4', 'EXC-8.1']);
      });
  });

  it('EXC-10.4: more than half in advance is bad input naming the option', () => {
    expect(() =>
      offering({
        rulebookId: 'excellus',
        kind: 'material',
        components: [{ kind: 'material', priceCents: 8_000 }],
        options: { prepaymentBasisPoints: 6_000 },
      }),
    ).toThrow(
      expect.objectContaining({ field: 'prepaymentBasisPoints', message: expect.stringContaining('EXC-10.4') }),
    );
  });
});

describe('EXC-4.7 returned material', () => {
  const sealed = offering({
    rulebookId: 'excellus',
    kind: 'material',
    components: [{ kind: 'material', priceCents: 8_000 }],
    options: { sealedMedia: true },
  });
  const delivered = (): EnrolmentCommand => ({
    type: 'RecordDelivery',
    enrolmentId: 'e1',
    deliverable: 'material',
    deliveredAt: '2026-03-05T10:00:00+01:00',
  });
  const withdraw: EnrolmentCommand = {
    type: 'WithdrawEnrolment',
    enrolmentId: 'e1',
    requestedAt: '2026-03-10T10:00:00+01:00',
  };
  const returned = (details: Record<string, number | boolean>): EnrolmentCommand => ({
    type: 'RecordMaterialsReturn',
    enrolmentId: 'e1',
    receivedAt: '2026-03-14T10:00:00+01:00',
    originalState: true,
    details,
  });

  it('EXC-4.7: given delivered material withdrawn within 14 days, then nothing is settled until it is back', () => {
    const events = given(register(sealed), pay(8_000), delivered(), withdraw);
    expect(ofType(events, 'EnrolmentWithdrawn')[0]!.data).toMatchObject({ materialsSent: true });
    expect(ofType(events, 'CreditNoteIssued')).toEqual([]);
  });

  it('EXC-4.7: when it comes back sealed with 6.95 return costs, then 73.05 is granted back', () => {
    spec
      .given(given(register(sealed), pay(8_000), delivered(), withdraw))
      .when(returned({ sealBroken: false, returnCostsCents: 695 }), ctx)
      .then((events) => {
        expect(ofType(events, 'WithdrawnMaterialsReturned')[0]!.data.decision).toMatchObject({
          kind: 'materials-return',
          ruleIds: ['EXC-4.7'],
          feeCents: 695,
          refundCents: 7_305,
        });
        expect(ofType(events, 'RefundEntitlementGranted')[0]!.data.amountCents).toBe(7_305);
      });
  });

  it('EXC-4.7: when it comes back with the seal broken, then the return is refused and nothing is credited or granted back', () => {
    spec
      .given(given(register(sealed), pay(8_000), delivered(), withdraw))
      .when(returned({ sealBroken: true }), ctx)
      .then((events) => {
        expect(ofType(events, 'WithdrawnMaterialsReturned')[0]!.data.decision).toMatchObject({
          allowed: false,
          feeCents: 8_000,
          refundCents: 0,
        });
        expect(ofType(events, 'CreditNoteIssued')).toEqual([]);
        expect(ofType(events, 'RefundEntitlementGranted')).toEqual([]);
      });
  });

  it('EXC-4.7: sealed media without saying whether the seal was broken, or a detail the book does not know, is bad input', () => {
    const history = given(register(sealed), pay(8_000), delivered(), withdraw);
    spec
      .given(history)
      .when(returned({}), ctx)
      .thenThrows({ field: 'sealBroken' } as never);
    spec
      .given(history)
      .when(returned({ valueReduction: 5 }), ctx)
      .thenThrows({ field: 'valueReduction' } as never);
  });
});
