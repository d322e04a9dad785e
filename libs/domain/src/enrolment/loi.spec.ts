import { deciderSpec } from '../shared/decider-spec';
import type { EnrolmentCommand } from './commands';
import { enrolmentDecider } from './decide';
import { ctx, history, loiMbo, loiOther, ofType, pay, register } from './enrolment.test-support';

const spec = deciderSpec(enrolmentDecider);
const given = (...commands: EnrolmentCommand[]) => history(commands).events;
const registerOther = register(loiOther, '2026-02-01T10:00:00+01:00');
const terminate = (requestedAt: string): EnrolmentCommand => ({
  type: 'TerminateEnrolment',
  enrolmentId: 'e1',
  requestedAt,
});

describe('enrolment decider: LOI', () => {
  it('LOI-5.3-4, LOI-10: registration decides the VAT regime (21 % for non-recognised), invoices 12 months and activates the first two modules', () => {
    spec
      .given([])
      .when(registerOther, ctx)
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual([
          'EnrolmentRegistered',
          'VatRegimeDecided',
          'InvoiceIssued',
          'ModulesActivatedAtStart',
        ]);
        expect(ofType(events, 'InvoiceIssued')[0]!.data).toMatchObject({
          netCents: 60_000,
          vatCents: 12_600,
          totalCents: 72_600,
          dueDate: '2026-02-15',
          ruleIds: ['ENR-I1'],
        });
        expect(ofType(events, 'ModulesActivatedAtStart')[0]!.data).toMatchObject({
          moduleIds: ['m1', 'm2'],
          serviceEndsOn: '2028-02-23',
        });
      });
  });

  it('LOI-12.3-OV: seed example, request 20 Jun -> notice 23 Jun to 23 Sep; 7 months of 60.50 owed, 302.50 refunded', () => {
    spec
      .given(given(registerOther, pay(72_600, '2026-02-10T10:00:00+01:00')))
      .when(terminate('2026-06-20T10:00:00+02:00'), ctx)
      .then((events) => {
        expect(ofType(events, 'EnrolmentTerminated')[0]!.data).toMatchObject({
          noticeStart: '2026-06-23',
          effectiveEnd: '2026-09-23',
        });
        // MONEY-I1 (rev 2): the fee is net (7 x 50.00) with VAT beside it; the refund is unchanged.
        expect(ofType(events, 'EnrolmentTerminated')[0]!.data.decision).toMatchObject({
          feeCents: 35_000,
          feeVatCents: 7_350,
          feeGrossCents: 42_350,
          refundCents: 30_250,
        });
        expect(ofType(events, 'RefundEntitlementGranted')[0]!.data.amountCents).toBe(30_250);
      });
  });

  it('LOI-12.3-OV: seed example, request 30 Jun -> notice 23 Jul to 23 Oct (8 months owed)', () => {
    spec
      .given(given(registerOther, pay(72_600, '2026-02-10T10:00:00+01:00')))
      .when(terminate('2026-06-30T10:00:00+02:00'), ctx)
      .then((events) => {
        expect(ofType(events, 'EnrolmentTerminated')[0]!.data).toMatchObject({
          noticeStart: '2026-07-23',
          effectiveEnd: '2026-10-23',
        });
        expect(ofType(events, 'EnrolmentTerminated')[0]!.data.decision).toMatchObject({
          feeCents: 40_000,
          feeGrossCents: 48_400,
          refundCents: 24_200,
        });
      });
  });

  it('LOI-12.3-MBO: a 24-month recognised MBO course terminated in time ends at the end of the study year (LOI-I1), VAT-exempt', () => {
    spec
      .given(given(register(loiMbo, '2026-02-01T10:00:00+01:00')))
      .when(terminate('2026-12-01T10:00:00+01:00'), ctx)
      .then((events) => {
        expect(ofType(events, 'EnrolmentTerminated')[0]!.data).toMatchObject({ effectiveEnd: '2027-03-01' });
        expect(ofType(events, 'EnrolmentTerminated')[0]!.data.decision.ruleIds).toEqual(['LOI-12.3-MBO', 'LOI-12.4']);
      });
  });

  it('LOI-7.1: a consumer withdrawing within 14 days gets all paid tuition back, due 14 days after the withdrawal (LOI-7.3)', () => {
    spec
      .given(given(registerOther, pay(72_600, '2026-02-02T10:00:00+01:00')))
      .when({ type: 'WithdrawEnrolment', enrolmentId: 'e1', requestedAt: '2026-02-10T10:00:00+01:00' }, ctx)
      .then((events) => {
        expect(ofType(events, 'EnrolmentWithdrawn')[0]!.data.decision).toMatchObject({
          ruleIds: ['LOI-7.1', 'LOI-7.3'],
          refundCents: 72_600,
        });
        expect(ofType(events, 'RefundEntitlementGranted')[0]!.data).toMatchObject({
          amountCents: 72_600,
          dueDate: '2026-02-24',
        });
      });
  });

  it('LOI-7.1: after 14 days the withdrawal is refused', () => {
    spec
      .given(given(registerOther))
      .when({ type: 'WithdrawEnrolment', enrolmentId: 'e1', requestedAt: '2026-02-16T10:00:00+01:00' }, ctx)
      .thenThrows({ error: 'WITHDRAWAL_PERIOD_EXPIRED', ruleId: 'LOI-7.1' });
  });

  it('LOI-7.3: with materials sent, the refund waits for their return and is due 14 days after they arrive', () => {
    const withdrawn = given(registerOther, pay(72_600, '2026-02-02T10:00:00+01:00'), {
      type: 'WithdrawEnrolment',
      enrolmentId: 'e1',
      requestedAt: '2026-02-10T10:00:00+01:00',
      details: { materialsSent: true },
    });
    expect(ofType(withdrawn, 'RefundEntitlementGranted')).toEqual([]);
    spec
      .given(withdrawn)
      .when(
        {
          type: 'RecordMaterialsReturn',
          enrolmentId: 'e1',
          receivedAt: '2026-02-20T10:00:00+01:00',
          originalState: true,
        },
        ctx,
      )
      .then((events) => {
        expect(ofType(events, 'RefundEntitlementGranted')[0]!.data).toMatchObject({
          amountCents: 72_600,
          dueDate: '2026-03-06',
          ruleIds: ['LOI-7.3'],
        });
      });
  });

  it('LOI-10: at most 5 modules are active at once; completing one frees a place', () => {
    const activate = (moduleId: string): EnrolmentCommand => ({
      type: 'ActivateModule',
      enrolmentId: 'e1',
      moduleId,
      at: '2026-03-01T10:00:00+01:00',
    });
    const five = given(registerOther, activate('m3'), activate('m4'), activate('m5'));
    spec.given(five).when(activate('m6'), ctx).thenThrows({ error: 'TOO_MANY_ACTIVE_MODULES', ruleId: 'LOI-10' });
    spec
      .given([
        ...five,
        ...history([
          registerOther,
          activate('m3'),
          activate('m4'),
          activate('m5'),
          { type: 'CompleteModule', enrolmentId: 'e1', moduleId: 'm1', at: '2026-04-01T10:00:00+02:00' },
        ]).events.slice(five.length),
      ])
      .when(activate('m6'), ctx)
      .then((events) =>
        expect(ofType(events, 'ModuleActivated')[0]!.data.decision.ruleIds).toEqual(['LOI-10', 'LOI-9.1']),
      );
  });

  it('LOI-4: a recognised MBO registration sets the data deadline; exams are blocked while data is missing', () => {
    const registered = given(register(loiMbo, '2026-02-01T10:00:00+01:00'));
    expect(ofType(registered, 'MboDataDeadlineSet')[0]!.data.dataDueDate).toBe('2026-03-03');
    expect(ofType(registered, 'InvoiceIssued')[0]!.data.vatCents).toBe(0);
    spec
      .given(registered)
      .when(
        {
          type: 'RecordExamResult',
          enrolmentId: 'e1',
          sittingAt: '2026-06-01T10:00:00+02:00',
          score: 40,
          maxScore: 50,
          identified: true,
        },
        ctx,
      )
      .thenThrows({ error: 'EXAMS_BLOCKED', ruleId: 'LOI-4' });
  });

  it('LOI-4: all items received completes the data; the scheduled check is then a no-op, otherwise it records the block', () => {
    const received: EnrolmentCommand = {
      type: 'ReceiveMboData',
      enrolmentId: 'e1',
      receivedAt: '2026-02-20T10:00:00+01:00',
      items: ['diplomas', 'personalNumber', 'signedAgreement'],
    };
    const check: EnrolmentCommand = {
      type: 'CheckMboData',
      enrolmentId: 'e1',
      at: '2026-03-04T00:00:00+01:00',
      deadlineId: 'enrolment-e1:mbo-data',
    };
    spec
      .given(given(register(loiMbo, '2026-02-01T10:00:00+01:00')))
      .when(received, ctx)
      .then((events) => expect(events.map((e) => e.type)).toEqual(['MboDataReceived', 'MboDataCompleted']));
    spec
      .given(given(register(loiMbo, '2026-02-01T10:00:00+01:00'), received))
      .when(check, ctx)
      .then([]);
    spec
      .given(given(register(loiMbo, '2026-02-01T10:00:00+01:00')))
      .when(check, ctx)
      .then((events) => {
        expect(ofType(events, 'MboDataOverdue')[0]!.data).toMatchObject({
          missing: ['diplomas', 'personalNumber', 'signedAgreement'],
        });
        expect(ofType(events, 'MboDataOverdue')[0]!.data.decision.inputs).toMatchObject({ studyBlocked: true });
      });
  });

  it('LOI-12.2: LOI has no cancellation; the request names withdrawal and termination instead', () => {
    spec
      .given(given(registerOther))
      .when(
        { type: 'CancelEnrolment', enrolmentId: 'e1', requestedAt: '2026-03-01T10:00:00+01:00', reason: 'regular' },
        ctx,
      )
      .thenThrows({ status: 422, error: 'CANCELLATION_NOT_AVAILABLE' });
  });
});
