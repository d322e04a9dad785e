/**
 * LOI-8 suspension for non-performance on a home-study agreement: the rulebook finds the ground in
 * the agreement's facts (an invoice past its term, documents missing after their deadline) or records
 * the obligation LOI names; while suspended nothing goes on; fees stay due and the service duration
 * is not extended.
 */
import { deciderSpec } from '../shared/decider-spec';
import type { EnrolmentCommand } from './commands';
import { enrolmentDecider } from './decide';
import { ctx, history, loiMbo, loiOther, ofType, pay, register } from './enrolment.test-support';

const spec = deciderSpec(enrolmentDecider);
const given = (...commands: EnrolmentCommand[]) => history(commands).events;

// 12 months x 50.00 tuition, 21 % VAT: 726.00, invoiced 2026-02-01; course from 2026-02-23, service 24 months.
const registerOther = register(loiOther, '2026-02-01T10:00:00+01:00');
const suspend = (suspendedAt: string, details: Record<string, string>): EnrolmentCommand => ({
  type: 'SuspendEnrolment',
  enrolmentId: 'e1',
  suspendedAt,
  details,
});
const resume = (resumedAt: string): EnrolmentCommand => ({ type: 'ResumeEnrolment', enrolmentId: 'e1', resumedAt });
const activate = (moduleId: string, at: string): EnrolmentCommand => ({
  type: 'ActivateModule',
  enrolmentId: 'e1',
  moduleId,
  at,
});

describe('LOI-8 suspension for non-performance', () => {
  it('LOI-8: given the registration invoice unpaid past its due date, when LOI suspends on 2026-05-04, then the decision names the overdue invoice, nothing is credited and the service duration still ends 2028-02-23', () => {
    spec
      .given(given(registerOther))
      .when(suspend('2026-05-04T09:00:00+02:00', { ground: 'unpaid' }), ctx)
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual(['EnrolmentSuspended']);
        const decision = ofType(events, 'EnrolmentSuspended')[0]!.data.decision;
        expect(decision).toMatchObject({
          kind: 'suspension',
          ruleIds: ['LOI-8', 'LOI-6.2-3'],
          rulebook: { id: 'loi', version: '2024-01-01' },
          deadlines: { serviceEndsOn: '2028-02-23' },
          inputs: {
            ground: 'unpaid',
            overdueInvoiceIds: ['enrolment-e1-INV-1'],
            overdueCents: 72_600,
            feesStayDue: true,
          },
        });
        expect(ctx.rulebooks.recompute(JSON.parse(JSON.stringify(decision)))).toEqual(decision);
      });
  });

  it('LOI-8: given the invoice paid in full, an unpaid ground is refused (422 naming LOI-8); an unknown ground is a 400 naming it', () => {
    spec
      .given(given(registerOther, pay(72_600, '2026-02-03T10:00:00+01:00')))
      .when(suspend('2026-05-04T09:00:00+02:00', { ground: 'unpaid' }), ctx)
      .thenThrows({ error: 'NO_GROUND_FOR_SUSPENSION', ruleId: 'LOI-8' });
    spec
      .given(given(registerOther))
      .when(suspend('2026-05-04T09:00:00+02:00', { ground: 'lazy' }), ctx)
      .thenThrows({ field: 'ground' } as never);
    spec
      .given(given(registerOther))
      .when(suspend('2026-05-04T09:00:00+02:00', { ground: 'other' }), ctx)
      .thenThrows({ name: 'DecisionInputError' } as never);
  });

  it('LOI-8 / LOI-4: given MBO documents missing after their 30-day deadline, LOI may suspend on that ground; before the deadline it may not', () => {
    const registered = given(register(loiMbo, '2026-02-01T10:00:00+01:00'), pay(192_000, '2026-02-02T10:00:00+01:00'));
    spec
      .given(registered)
      .when(suspend('2026-03-02T09:00:00+01:00', { ground: 'documents-missing' }), ctx)
      .thenThrows({ error: 'NO_GROUND_FOR_SUSPENSION', ruleId: 'LOI-8' });
    spec
      .given(registered)
      .when(suspend('2026-03-10T09:00:00+01:00', { ground: 'documents-missing' }), ctx)
      .then((events) =>
        expect(ofType(events, 'EnrolmentSuspended')[0]!.data.decision).toMatchObject({
          ruleIds: ['LOI-8', 'LOI-4'],
          inputs: { documentsDueDate: '2026-03-03', documentsComplete: false },
        }),
      );
  });

  it('LOI-8: given a suspension, module activation is refused citing LOI-8 until it ends; the end adds no days to the service duration', () => {
    const suspended = given(
      registerOther,
      suspend('2026-05-04T09:00:00+02:00', { ground: 'other', obligation: 'No homework sent in for 3 months' }),
    );
    spec
      .given(suspended)
      .when(activate('m3', '2026-05-10T10:00:00+02:00'), ctx)
      .thenThrows({ error: 'ENROLMENT_SUSPENDED', ruleId: 'LOI-8', status: 422 });
    spec
      .given(suspended)
      .when(resume('2026-06-01T09:00:00+02:00'), ctx)
      .then((events) =>
        expect(ofType(events, 'EnrolmentResumed')[0]!.data.decision).toMatchObject({
          kind: 'suspension-end',
          ruleIds: ['LOI-8', 'LOI-9.1'],
          inputs: { suspendedDays: 28 },
          deadlines: { serviceEndsOn: '2028-02-23' },
        }),
      );
    const resumed = given(
      registerOther,
      suspend('2026-05-04T09:00:00+02:00', { ground: 'other', obligation: 'No homework sent in for 3 months' }),
      resume('2026-06-01T09:00:00+02:00'),
    );
    spec
      .given(resumed)
      .when(activate('m3', '2026-06-02T10:00:00+02:00'), ctx)
      .then((events) => expect(events.map((e) => e.type)).toContain('ModuleActivated'));
    spec.given(resumed).when(resume('2026-06-03T09:00:00+02:00'), ctx).thenThrows({ error: 'NOT_SUSPENDED' });
    spec
      .given(suspended)
      .when(suspend('2026-05-05T09:00:00+02:00', { ground: 'unpaid' }), ctx)
      .thenThrows({ error: 'ALREADY_SUSPENDED' });
  });
});
