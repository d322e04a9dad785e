import { deciderSpec } from '../shared/decider-spec';
import type { EnrolmentCommand } from './commands';
import { enrolmentDecider } from './decide';
import {
  ctx,
  history,
  INVOICE_1,
  ofType,
  pay,
  plusportClassroom,
  plusportExam,
  plusportPractical,
  register,
} from './enrolment.test-support';

const spec = deciderSpec(enrolmentDecider);
const given = (...commands: EnrolmentCommand[]) => history(commands).events;
const cancel = (requestedAt: string, reason: 'regular' | 'illness' = 'regular'): EnrolmentCommand => ({
  type: 'CancelEnrolment',
  enrolmentId: 'e1',
  requestedAt,
  reason,
});
const reschedule = (requestedAt: string, newStartsAt: string): EnrolmentCommand => ({
  type: 'RescheduleEnrolment',
  enrolmentId: 'e1',
  requestedAt,
  newStartsAt,
});

describe('enrolment decider: PlusPort', () => {
  it('PP-5.3: given no history, when registered, then the agreement, the due-date decision and an invoice of net 450.00 + VAT 94.50 = 544.50 due the day before the start', () => {
    spec
      .given([])
      .when(register(plusportClassroom), ctx)
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual(['EnrolmentRegistered', 'PaymentTermDecided', 'InvoiceIssued']);
        expect(ofType(events, 'EnrolmentRegistered')[0]!.data).toMatchObject({
          rulebook: { id: 'plusport', version: '2024-01-01' },
          customerKind: 'consumer',
          terms: plusportClassroom,
        });
        expect(ofType(events, 'InvoiceIssued')[0]!.data).toMatchObject({
          invoiceId: INVOICE_1,
          netCents: 45_000,
          vatCents: 9_450,
          totalCents: 54_450,
          dueDate: '2026-03-19',
          decisionId: 'enrolment-e1@1',
          ruleIds: ['PP-5.3'],
        });
      });
  });

  it('PP-5.3: registering the same enrolment twice is 409', () => {
    spec
      .given(given(register(plusportClassroom)))
      .when(register(plusportClassroom), ctx)
      .thenThrows({ error: 'ENROLMENT_ALREADY_EXISTS', status: 409 });
  });

  it('PP-15.5-CLS: given a paid classroom booking, when cancelled 8 working days before, then 50 % of 450.00 = 225.00 and 272.25 of 544.50 refunded, citing the decision', () => {
    spec
      .given(given(register(plusportClassroom), pay(54_450)))
      .when(cancel('2026-03-10T10:00:00+01:00'), ctx)
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual([
          'EnrolmentCancelled',
          'CreditNoteIssued',
          'RefundEntitlementGranted',
        ]);
        expect(ofType(events, 'EnrolmentCancelled')[0]!.data.decision).toMatchObject({
          ruleIds: ['PP-15.5-CLS'],
          feeCents: 22_500,
          refundCents: 27_225,
        });
        expect(ofType(events, 'CreditNoteIssued')[0]!.data).toMatchObject({
          netCents: 22_500,
          vatCents: 4_725,
          totalCents: 27_225,
        });
        expect(ofType(events, 'RefundEntitlementGranted')[0]!.data).toMatchObject({
          amountCents: 27_225,
          dueDate: '2026-03-24',
          decisionId: 'enrolment-e1@4',
          ruleIds: ['PP-15.5-CLS'],
        });
      });
  });

  it('PP-15.5-CLS: given an unpaid booking, when cancelled, then the invoice is credited down to the fee and nothing is refunded', () => {
    spec
      .given(given(register(plusportClassroom)))
      .when(cancel('2026-03-10T10:00:00+01:00'), ctx)
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual(['EnrolmentCancelled', 'CreditNoteIssued']);
      });
  });

  it('PP-15.5-CLS: a cancelled enrolment cannot be cancelled again (409, not a rule)', () => {
    spec
      .given(given(register(plusportClassroom), cancel('2026-03-10T10:00:00+01:00')))
      .when(cancel('2026-03-11T10:00:00+01:00'), ctx)
      .thenThrows({ error: 'ENROLMENT_NOT_ACTIVE', status: 409 });
  });

  it('PP-15.6: given a paid booking, when cancelled for illness, then fee 0 pending evidence until +7 days while the 272.25 table fee stays held', () => {
    spec
      .given(given(register(plusportClassroom), pay(54_450)))
      .when(cancel('2026-03-10T10:00:00+01:00', 'illness'), ctx)
      .then((events) => {
        const cancelled = ofType(events, 'EnrolmentCancelled')[0]!.data;
        expect(cancelled.pendingEvidenceUntil).toBe('2026-03-17');
        expect(cancelled.decision).toMatchObject({
          ruleIds: ['PP-15.5-CLS', 'PP-15.6'],
          feeCents: 0,
          refundCents: 54_450,
        });
        expect(ofType(events, 'RefundEntitlementGranted')[0]!.data.amountCents).toBe(27_225);
      });
  });

  it('PP-15.6: given a pending exemption, when evidence arrives by the deadline, then it is confirmed and the held 272.25 goes back', () => {
    spec
      .given(given(register(plusportClassroom), pay(54_450), cancel('2026-03-10T10:00:00+01:00', 'illness')))
      .when(
        {
          type: 'SubmitCancellationEvidence',
          enrolmentId: 'e1',
          receivedAt: '2026-03-17T20:00:00+01:00',
          kind: 'medical-certificate',
        },
        ctx,
      )
      .then((events) => {
        expect(ofType(events, 'CancellationEvidenceDecided')[0]!.data).toMatchObject({
          outcome: 'confirmed',
          deadlineId: 'enrolment-e1:evidence',
        });
        expect(ofType(events, 'RefundEntitlementGranted')[0]!.data).toMatchObject({
          amountCents: 27_225,
          ruleIds: ['PP-15.6', 'PP-15.5-CLS'],
        });
      });
  });

  it('PP-15.6: given a pending exemption, when the scheduler fires after the deadline, then the table fee 225.00 is charged and nothing more is refunded; firing again is a no-op', () => {
    const lapse: EnrolmentCommand = {
      type: 'LapseCancellationEvidence',
      enrolmentId: 'e1',
      at: '2026-03-18T00:00:00+01:00',
      deadlineId: 'enrolment-e1:evidence',
    };
    const before = given(register(plusportClassroom), pay(54_450), cancel('2026-03-10T10:00:00+01:00', 'illness'));
    spec
      .given(before)
      .when(lapse, ctx)
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual(['CancellationEvidenceDecided']);
        expect(ofType(events, 'CancellationEvidenceDecided')[0]!.data.decision).toMatchObject({
          feeCents: 22_500,
          refundCents: 27_225,
        });
      });
    spec
      .given(given(register(plusportClassroom), pay(54_450), cancel('2026-03-10T10:00:00+01:00', 'illness'), lapse))
      .when(lapse, ctx)
      .then([]);
  });

  it('PP-15.6: evidence for a cancellation without an exemption is refused (422 naming PP-15.6)', () => {
    spec
      .given(given(register(plusportClassroom), cancel('2026-03-10T10:00:00+01:00')))
      .when(
        { type: 'SubmitCancellationEvidence', enrolmentId: 'e1', receivedAt: '2026-03-12T10:00:00+01:00', kind: 'x' },
        ctx,
      )
      .thenThrows({ error: 'NO_EVIDENCE_PENDING', ruleId: 'PP-15.6' });
  });

  it('PP-14.4: given a paid exam, when rescheduled 5 working days before, then 422 RESCHEDULE_NOT_ALLOWED and no events', () => {
    spec
      .given(given(register(plusportExam), pay(24_200)))
      .when(reschedule('2026-03-13T10:00:00+01:00', '2026-04-17T09:00:00+02:00'), ctx)
      .thenThrows({ error: 'RESCHEDULE_NOT_ALLOWED', ruleId: 'PP-14.4' });
  });

  it('PP-14.1-3: an unpaid booking cannot be rescheduled', () => {
    spec
      .given(given(register(plusportExam), pay(10_000)))
      .when(reschedule('2026-03-05T10:00:00+01:00', '2026-04-17T09:00:00+02:00'), ctx)
      .thenThrows({ error: 'RESCHEDULE_REQUIRES_FULL_PAYMENT', ruleId: 'PP-14.1-3' });
  });

  it('PP-14.5: given a paid practical session, when rescheduled 8 working days before within 3 months, then 55.00 + VAT is invoiced at once', () => {
    spec
      .given(given(register(plusportPractical), pay(36_300)))
      .when(reschedule('2026-04-08T10:00:00+02:00', '2026-06-01T09:00:00+02:00'), ctx)
      .then((events) => {
        expect(ofType(events, 'EnrolmentRescheduled')[0]!.data).toMatchObject({
          fromStartsAt: '2026-04-20T09:00:00+02:00',
          toStartsAt: '2026-06-01T09:00:00+02:00',
        });
        expect(ofType(events, 'InvoiceIssued')[0]!.data).toMatchObject({
          reason: 'reschedule-fee',
          netCents: 5_500,
          vatCents: 1_155,
          totalCents: 6_655,
          dueDate: '2026-04-08',
          ruleIds: ['PP-14.1-3', 'PP-14.5'],
        });
      });
  });

  it('PP-14.5: a new date more than 3 months after the original is refused', () => {
    spec
      .given(given(register(plusportPractical), pay(36_300)))
      .when(reschedule('2026-04-08T10:00:00+02:00', '2026-07-21T09:00:00+02:00'), ctx)
      .thenThrows({ error: 'RESCHEDULE_OUTSIDE_WINDOW', ruleId: 'PP-14.5' });
  });

  it('PP-15.5-RS: given a rescheduled practical session, when cancelled, then 100 % is charged', () => {
    spec
      .given(
        given(
          register(plusportPractical),
          pay(36_300),
          reschedule('2026-04-01T10:00:00+02:00', '2026-06-01T09:00:00+02:00'),
        ),
      )
      .when(cancel('2026-04-02T10:00:00+02:00'), ctx)
      .then((events) =>
        expect(ofType(events, 'EnrolmentCancelled')[0]!.data.decision).toMatchObject({
          ruleIds: ['PP-15.5-RS'],
          feeCents: 30_000,
          refundCents: 0,
        }),
      );
  });

  it('PP-14.5: a colleague may take the place only after passing the online theory exam when proof of participation is required', () => {
    const swap = (passed: boolean): EnrolmentCommand => ({
      type: 'SubstituteLearner',
      enrolmentId: 'e1',
      requestedAt: '2026-04-01T10:00:00+02:00',
      substituteLearnerId: 'l2',
      details: { colleaguePassedOnlineTheoryExam: passed },
    });
    spec
      .given(given(register(plusportPractical)))
      .when(swap(false), ctx)
      .thenThrows({ error: 'SWAP_NOT_ALLOWED', ruleId: 'PP-14.5' });
    spec
      .given(given(register(plusportPractical)))
      .when(swap(true), ctx)
      .then((events) =>
        expect(events[0]).toMatchObject({
          type: 'LearnerSubstituted',
          data: { fromLearnerId: 'l1', toLearnerId: 'l2' },
        }),
      );
  });

  it('PP-15.1: a provider cancellation credits every invoice and refunds all paid', () => {
    spec
      .given(given(register(plusportClassroom), pay(30_000)))
      .when({ type: 'CancelByProvider', enrolmentId: 'e1', cancelledAt: '2026-03-12T10:00:00+01:00' }, ctx)
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual([
          'EnrolmentCancelledByProvider',
          'CreditNoteIssued',
          'RefundEntitlementGranted',
        ]);
        expect(ofType(events, 'CreditNoteIssued')[0]!.data.totalCents).toBe(54_450);
        expect(ofType(events, 'RefundEntitlementGranted')[0]!.data).toMatchObject({
          amountCents: 30_000,
          ruleIds: ['PP-15.1'],
        });
      });
  });

  it('PP-7.3: permanent force majeure refunds the paid part for undelivered components minus 20 % of the invoice', () => {
    spec
      .given(given(register(plusportClassroom), pay(54_450)))
      .when(
        {
          type: 'DeclareForceMajeure',
          enrolmentId: 'e1',
          declaredAt: '2026-03-12T10:00:00+01:00',
          deliveredComponents: [],
          supplierCostsCents: 0,
        },
        ctx,
      )
      .then((events) => {
        // 544.50 - 20 % of 544.50 (108.90) = 435.60
        expect(ofType(events, 'ForceMajeureRefundDecided')[0]!.data.decision).toMatchObject({
          ruleIds: ['PP-7.3'],
          refundCents: 43_560,
        });
        expect(ofType(events, 'RefundEntitlementGranted')[0]!.data.amountCents).toBe(43_560);
      });
  });

  it('PP-15.5-LATE: a no-show is charged in full with no refund; PP-8.2-3: no valid ID likewise', () => {
    const attendance = (status: 'no-show' | 'no-id'): EnrolmentCommand => ({
      type: 'RecordAttendance',
      enrolmentId: 'e1',
      at: '2026-03-20T09:30:00+01:00',
      status,
    });
    spec
      .given(given(register(plusportClassroom), pay(54_450)))
      .when(attendance('no-show'), ctx)
      .then((events) => {
        expect(events).toHaveLength(1);
        expect(ofType(events, 'AttendanceRecorded')[0]!.data.decision).toMatchObject({
          ruleIds: ['PP-15.5-LATE'],
          feeCents: 45_000,
          refundCents: 0,
        });
      });
    spec
      .given(given(register(plusportClassroom)))
      .when(attendance('no-id'), ctx)
      .then((events) => expect(ofType(events, 'AttendanceRecorded')[0]!.data.decision!.ruleIds).toEqual(['PP-8.2-3']));
  });

  it('PP-13.2-3, PP-13.6: a passed exam with an unpaid invoice withholds the certificate; the payment that settles it issues the certificate', () => {
    const result: EnrolmentCommand = {
      type: 'RecordExamResult',
      enrolmentId: 'e1',
      sittingAt: '2026-03-20T12:00:00+01:00',
      score: 30,
      maxScore: 40,
      identified: true,
    };
    const certificate: EnrolmentCommand = {
      type: 'RequestCertificate',
      enrolmentId: 'e1',
      requestedAt: '2026-03-21T10:00:00+01:00',
    };
    spec
      .given(given(register(plusportExam)))
      .when(result, ctx)
      .then((events) =>
        expect(ofType(events, 'ExamResultRecorded')[0]!.data).toMatchObject({ passed: true, resitAllowed: false }),
      );
    spec
      .given(given(register(plusportExam), result))
      .when(certificate, ctx)
      .then((events) => expect(events.map((e) => e.type)).toEqual(['CertificateWithheld']));
    spec
      .given(given(register(plusportExam), result, certificate))
      .when(pay(24_200, '2026-03-25T10:00:00+01:00'), ctx)
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual(['PaymentReceived', 'CertificateIssued']);
        expect(ofType(events, 'CertificateIssued')[0]!.data.decision).toMatchObject({
          ruleIds: ['PP-13.6'],
          allowed: true,
        });
      });
  });

  it('PP-13.6: no certificate for a failed exam (422)', () => {
    spec
      .given(
        given(register(plusportExam), {
          type: 'RecordExamResult',
          enrolmentId: 'e1',
          sittingAt: '2026-03-20T12:00:00+01:00',
          score: 10,
          maxScore: 40,
          identified: true,
        }),
      )
      .when({ type: 'RequestCertificate', enrolmentId: 'e1', requestedAt: '2026-03-21T10:00:00+01:00' }, ctx)
      .thenThrows({ error: 'CERTIFICATE_NOT_ALLOWED', ruleId: 'PP-13.6' });
  });

  it('PP-5.2: a 10 % price increase within 3 months gives a dissolution right; dissolving before the start refunds everything', () => {
    const change = {
      offeringId: 'o1',
      changeId: 'pc1',
      changedAt: '2026-03-05T00:00:00+01:00',
      requiredByLaw: false,
      previousComponents: plusportClassroom.components,
      components: [{ kind: 'classroom' as const, priceCents: 49_500 }],
      previousTotalNetCents: 45_000,
      newTotalNetCents: 49_500,
    };
    const apply: EnrolmentCommand = {
      type: 'ApplyPriceChange',
      enrolmentId: 'e1',
      change,
      appliedAt: '2026-03-05T10:00:00+01:00',
    };
    spec
      .given(given(register(plusportClassroom)))
      .when(apply, ctx)
      .then((events) =>
        expect(ofType(events, 'PriceChangeApplied')[0]!.data).toMatchObject({
          dissolutionRight: true,
          surchargeCents: 0,
        }),
      );
    spec
      .given(given(register(plusportClassroom), pay(54_450), apply))
      .when(
        { type: 'DissolveEnrolment', enrolmentId: 'e1', requestedAt: '2026-03-06T10:00:00+01:00', changeId: 'pc1' },
        ctx,
      )
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual([
          'EnrolmentDissolved',
          'CreditNoteIssued',
          'RefundEntitlementGranted',
        ]);
        expect(ofType(events, 'RefundEntitlementGranted')[0]!.data).toMatchObject({
          amountCents: 54_450,
          decisionId: 'enrolment-e1@4',
          ruleIds: ['PP-5.2'],
        });
      });
  });

  it('PP-5.3: an act dated before the registration is bad input naming the field', () => {
    spec
      .given(given(register(plusportClassroom)))
      .when(cancel('2026-03-01T10:00:00+01:00'), ctx)
      .thenThrows({ field: 'requestedAt' } as never);
  });
});
