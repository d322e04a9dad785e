import { deciderSpec } from '../shared/decider-spec';
import type { EnrolmentCommand } from './commands';
import { enrolmentDecider } from './decide';
import {
  ctx,
  excellusCourse,
  excellusExamOnly,
  history,
  ofType,
  pay,
  register,
  vliTraining,
} from './enrolment.test-support';

const spec = deciderSpec(enrolmentDecider);
const given = (...commands: EnrolmentCommand[]) => history(commands).events;
const exam = (
  score: number,
  sittingAt = '2026-03-20T15:00:00+01:00',
  extra: Partial<EnrolmentCommand> = {},
): EnrolmentCommand =>
  ({
    type: 'RecordExamResult',
    enrolmentId: 'e1',
    sittingAt,
    score,
    maxScore: 50,
    identified: true,
    ...extra,
  }) as EnrolmentCommand;

describe('enrolment decider: VLI', () => {
  it('VLI-2.3: given a paid training, when cancelled at least 48 hours before, then free and everything refunded (gross, 21 % VAT)', () => {
    spec
      .given(given(register(vliTraining), pay(72_600)))
      .when(
        { type: 'CancelEnrolment', enrolmentId: 'e1', requestedAt: '2026-03-18T09:00:00+01:00', reason: 'regular' },
        ctx,
      )
      .then((events) => {
        expect(ofType(events, 'EnrolmentCancelled')[0]!.data.decision).toMatchObject({
          ruleIds: ['VLI-2.3'],
          feeCents: 0,
          refundCents: 72_600,
        });
        expect(ofType(events, 'CreditNoteIssued')[0]!.data).toMatchObject({
          totalCents: 72_600,
          netCents: 60_000,
          vatCents: 12_600,
        });
        expect(ofType(events, 'RefundEntitlementGranted')[0]!.data.amountCents).toBe(72_600);
      });
  });

  it('VLI-2.3: one minute under 48 hours the training is charged in full', () => {
    spec
      .given(given(register(vliTraining), pay(72_600)))
      .when(
        { type: 'CancelEnrolment', enrolmentId: 'e1', requestedAt: '2026-03-18T09:01:00+01:00', reason: 'regular' },
        ctx,
      )
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual(['EnrolmentCancelled']);
        // MONEY-I1 (rev 2): the fee is stated net (600.00) with VAT beside it; 726.00 is charged as before.
        expect(ofType(events, 'EnrolmentCancelled')[0]!.data.decision).toMatchObject({
          feeCents: 60_000,
          feeVatCents: 12_600,
          feeGrossCents: 72_600,
          refundCents: 0,
        });
      });
  });

  it('VLI-4.3a: exactly 80 % passes; 78 % fails with one resit (VLI-4.3b)', () => {
    spec
      .given(given(register(vliTraining)))
      .when(exam(40), ctx)
      .then((events) =>
        expect(ofType(events, 'ExamResultRecorded')[0]!.data).toMatchObject({
          passed: true,
          resitAllowed: false,
          attempt: 1,
        }),
      );
    spec
      .given(given(register(vliTraining)))
      .when(exam(39), ctx)
      .then((events) =>
        expect(ofType(events, 'ExamResultRecorded')[0]!.data).toMatchObject({
          passed: false,
          resitAllowed: true,
          resitRuleId: 'VLI-4.3b',
        }),
      );
  });

  it('VLI-4.3b: the resit is granted (fee 0) and recorded as attempt 2; a third sitting is refused', () => {
    spec
      .given(given(register(vliTraining), exam(39)))
      .when(exam(45, '2026-04-03T15:00:00+02:00'), ctx)
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual(['ResitGranted', 'ExamResultRecorded']);
        expect(ofType(events, 'ResitGranted')[0]!.data.decision).toMatchObject({ ruleIds: ['VLI-4.3b'], feeCents: 0 });
        expect(ofType(events, 'ExamResultRecorded')[0]!.data).toMatchObject({ attempt: 2, passed: true });
      });
    spec
      .given(given(register(vliTraining), exam(10), exam(10, '2026-04-03T15:00:00+02:00')))
      .when(exam(50, '2026-04-10T15:00:00+02:00'), ctx)
      .thenThrows({ error: 'RESIT_NOT_ALLOWED', ruleId: 'VLI-4.3b' });
  });

  it('VLI-4.3c: fraud fails the exam and no resit is allowed', () => {
    spec
      .given(given(register(vliTraining), exam(50, undefined, { fraud: true })))
      .when(exam(50, '2026-04-03T15:00:00+02:00'), ctx)
      .thenThrows({ error: 'RESIT_NOT_ALLOWED', ruleId: 'VLI-4.3c' });
  });

  it('VLI-2.1: without a verified ID the learner is refused and must book a new date; then the reschedule is allowed', () => {
    const refused = given(register(vliTraining), {
      type: 'RecordAttendance',
      enrolmentId: 'e1',
      at: '2026-03-20T08:50:00+01:00',
      status: 'no-id',
    });
    expect(ofType(refused, 'AttendanceRecorded')[0]!.data).toMatchObject({ admitted: false, newDateRequired: true });
    spec
      .given(refused)
      .when(
        {
          type: 'RescheduleEnrolment',
          enrolmentId: 'e1',
          requestedAt: '2026-03-20T10:00:00+01:00',
          newStartsAt: '2026-04-17T09:00:00+02:00',
        },
        ctx,
      )
      .then((events) =>
        expect(events[0]).toMatchObject({
          type: 'EnrolmentRescheduled',
          data: { toStartsAt: '2026-04-17T09:00:00+02:00' },
        }),
      );
    spec
      .given(given(register(vliTraining)))
      .when(
        {
          type: 'RescheduleEnrolment',
          enrolmentId: 'e1',
          requestedAt: '2026-03-10T10:00:00+01:00',
          newStartsAt: '2026-04-17T09:00:00+02:00',
        },
        ctx,
      )
      .thenThrows({ error: 'RESCHEDULE_NOT_ALLOWED', ruleId: 'VLI-2.1' });
  });
});

describe('enrolment decider: Excellus', () => {
  it('EXC-10.3: the invoice (VAT-exempt) is due 10 days before the start', () => {
    spec
      .given([])
      .when(register(excellusCourse), ctx)
      .then((events) => {
        expect(ofType(events, 'PaymentTermDecided')[0]!.data.decision.ruleIds).toEqual(['EXC-10.3']);
        expect(ofType(events, 'InvoiceIssued')[0]!.data).toMatchObject({
          totalCents: 100_000,
          vatCents: 0,
          dueDate: '2026-08-22',
        });
      });
  });

  it('EXC-4.2 / EXC-I3 (rev 2): a consumer or a business customer withdrawing within 14 days of registration pays nothing; an in-company/group course has no cooling-off', () => {
    const withdraw: EnrolmentCommand = {
      type: 'WithdrawEnrolment',
      enrolmentId: 'e1',
      requestedAt: '2026-03-16T10:00:00+01:00',
    };
    spec
      .given(given(register(excellusCourse), pay(100_000)))
      .when(withdraw, ctx)
      .then((events) => {
        expect(ofType(events, 'EnrolmentWithdrawn')[0]!.data.decision).toMatchObject({
          ruleIds: ['EXC-4.2'],
          feeCents: 0,
          refundCents: 100_000,
        });
        expect(ofType(events, 'RefundEntitlementGranted')[0]!.data.amountCents).toBe(100_000);
      });
    spec
      .given(given(register(excellusCourse, undefined, 'business'), pay(100_000)))
      .when(withdraw, ctx)
      .then((events) =>
        expect(ofType(events, 'EnrolmentWithdrawn')[0]!.data.decision).toMatchObject({
          ruleIds: ['EXC-4.2'],
          interpretationIds: ['EXC-I3'],
          feeCents: 0,
          refundCents: 100_000,
        }),
      );
    spec
      .given(
        given(
          register({ ...excellusCourse, options: { ...excellusCourse.options, group: true } }, undefined, 'business'),
        ),
      )
      .when(withdraw, ctx)
      .thenThrows({ error: 'WITHDRAWAL_NOT_ALLOWED', ruleId: 'EXC-4.2' });
  });

  it('EXC-4.1: cancelled 2 months before the start or earlier (after cooling-off): 30 %', () => {
    spec
      .given(given(register(excellusCourse), pay(100_000)))
      .when(
        { type: 'CancelEnrolment', enrolmentId: 'e1', requestedAt: '2026-07-01T10:00:00+02:00', reason: 'regular' },
        ctx,
      )
      .then((events) =>
        expect(ofType(events, 'EnrolmentCancelled')[0]!.data.decision).toMatchObject({
          feeCents: 30_000,
          refundCents: 70_000,
        }),
      );
  });

  it('EXC-4.1, EXC-I1: between 1 month and 2 weeks before the start: 60 %; later: 80 %', () => {
    const cancelOn = (requestedAt: string): EnrolmentCommand => ({
      type: 'CancelEnrolment',
      enrolmentId: 'e1',
      requestedAt,
      reason: 'regular',
    });
    spec
      .given(given(register(excellusCourse), pay(100_000)))
      .when(cancelOn('2026-08-18T10:00:00+02:00'), ctx)
      .then((events) => {
        expect(ofType(events, 'EnrolmentCancelled')[0]!.data.decision).toMatchObject({
          interpretationIds: ['EXC-I1'],
          feeCents: 60_000,
          refundCents: 40_000,
        });
      });
    spec
      .given(given(register(excellusCourse), pay(100_000)))
      .when(cancelOn('2026-08-19T10:00:00+02:00'), ctx)
      .then((events) => {
        expect(ofType(events, 'EnrolmentCancelled')[0]!.data.decision).toMatchObject({
          feeCents: 80_000,
          refundCents: 20_000,
        });
      });
  });

  it('EXC-4.9: Excellus cancelling refunds everything paid', () => {
    spec
      .given(given(register(excellusCourse), pay(50_000)))
      .when({ type: 'CancelByProvider', enrolmentId: 'e1', cancelledAt: '2026-05-01T10:00:00+02:00' }, ctx)
      .then((events) =>
        expect(ofType(events, 'RefundEntitlementGranted')[0]!.data).toMatchObject({
          amountCents: 50_000,
          ruleIds: ['EXC-4.9'],
        }),
      );
  });

  it('EXC-4.1: the fixed start date of contact education cannot be moved', () => {
    spec
      .given(given(register(excellusCourse)))
      .when(
        {
          type: 'RescheduleEnrolment',
          enrolmentId: 'e1',
          requestedAt: '2026-05-01T10:00:00+02:00',
          newStartsAt: '2026-10-01T09:00:00+02:00',
        },
        ctx,
      )
      .thenThrows({ error: 'RESCHEDULE_NOT_ALLOWED', ruleId: 'EXC-4.1', status: 422 });
  });

  it('EXC-4.2b: a colleague takes the place; the invoice stays with the registrant', () => {
    spec
      .given(given(register(excellusCourse)))
      .when(
        {
          type: 'SubstituteLearner',
          enrolmentId: 'e1',
          requestedAt: '2026-05-01T10:00:00+02:00',
          substituteLearnerId: 'l2',
        },
        ctx,
      )
      .then((events) =>
        expect(ofType(events, 'LearnerSubstituted')[0]!.data.decision).toMatchObject({
          ruleIds: ['EXC-4.2b'],
          invoiceCustomerId: 'c1',
        }),
      );
  });

  it('EXC-8.2: a failed exam-only customer gets one free resit within 6 (at most 8) weeks; the second failure has none', () => {
    const fail = (sittingAt: string): EnrolmentCommand => ({
      type: 'RecordExamResult',
      enrolmentId: 'e1',
      sittingAt,
      score: 40,
      maxScore: 100,
      identified: true,
    });
    spec
      .given(given(register(excellusExamOnly)))
      .when(fail('2026-06-01T12:00:00+02:00'), ctx)
      .then((events) => {
        expect(ofType(events, 'ExamResultRecorded')[0]!.data).toMatchObject({
          passed: false,
          resitAllowed: true,
          resitRuleId: 'EXC-8.2',
        });
        expect(ofType(events, 'ResitGranted')[0]!.data.decision).toMatchObject({
          ruleIds: ['EXC-8.2'],
          deadlines: { resitTargetBy: '2026-07-13', resitLatestBy: '2026-07-27' },
        });
      });
    spec
      .given(given(register(excellusExamOnly), fail('2026-06-01T12:00:00+02:00')))
      .when(fail('2026-07-01T12:00:00+02:00'), ctx)
      .then((events) => {
        expect(ofType(events, 'ExamResultRecorded')[0]!.data).toMatchObject({
          attempt: 2,
          passed: false,
          resitAllowed: false,
          resitRuleId: 'EXC-8.2',
        });
      });
  });

  it('EXC-7.1-2: a price increase more than 3 months after the agreement and before the start is invoiced and gives a right to dissolve', () => {
    const change = {
      offeringId: 'o1',
      changeId: 'pc1',
      changedAt: '2026-07-01T00:00:00+02:00',
      requiredByLaw: false,
      previousComponents: excellusCourse.components,
      components: [{ kind: 'tuition' as const, priceCents: 110_000 }],
      previousTotalNetCents: 100_000,
      newTotalNetCents: 110_000,
    };
    spec
      .given(given(register(excellusCourse)))
      .when({ type: 'ApplyPriceChange', enrolmentId: 'e1', change, appliedAt: '2026-07-01T10:00:00+02:00' }, ctx)
      .then((events) => {
        expect(ofType(events, 'PriceChangeApplied')[0]!.data).toMatchObject({
          dissolutionRight: true,
          surchargeCents: 10_000,
        });
        expect(ofType(events, 'InvoiceIssued')[0]!.data).toMatchObject({
          totalCents: 10_000,
          ruleIds: ['EXC-7.1-2'],
          dueDate: '2026-08-22',
        });
      });
  });
});
