/**
 * What the provider owes by a date (libs/regulations/src/contract/agreement-acts.ts), with PlusPort's
 * PP-13.4-5: the written result within 2 working days after the exam or practical session, and the
 * certificate of a course with a practical session within 2 working days after the passed result.
 */
import { deciderSpec } from '../shared/decider-spec';
import type { EnrolmentCommand } from './commands';
import { enrolmentDecider } from './decide';
import {
  ctx,
  history,
  ofType,
  pay,
  plusportClassroom,
  plusportExam,
  plusportPractical,
  register,
} from './enrolment.test-support';

const spec = deciderSpec(enrolmentDecider);
const given = (...commands: EnrolmentCommand[]) => history(commands).events;

const attended = (at: string): EnrolmentCommand => ({
  type: 'RecordAttendance',
  enrolmentId: 'e1',
  at,
  status: 'attended',
});
const examResult = (sittingAt: string, score = 30): EnrolmentCommand => ({
  type: 'RecordExamResult',
  enrolmentId: 'e1',
  sittingAt,
  score,
  maxScore: 40,
  identified: true,
});
const practicalPassed = (sittingAt: string): EnrolmentCommand => ({
  type: 'RecordExamResult',
  enrolmentId: 'e1',
  sittingAt,
  score: 1,
  maxScore: 1,
  identified: true,
  details: {
    onlineTrainingCompleted: true,
    onlineTheoryExamPassed: true,
    practicalExercisesPassed: true,
    declaredCompetent: true,
  },
});
const deliver = (deliveredAt: string, deliverable = 'result'): EnrolmentCommand => ({
  type: 'RecordDelivery',
  enrolmentId: 'e1',
  deliverable,
  deliveredAt,
});
const check = (deliverable: string, at: string): EnrolmentCommand => ({
  type: 'CheckDeliveryDeadline',
  enrolmentId: 'e1',
  deliverable,
  at,
  deadlineId: `enrolment-e1:delivery:${deliverable}`,
});

// The exam of plusportExam is on Friday 2026-03-20: 2 working days later is Tuesday 2026-03-24.
const EXAM_AT = '2026-03-20T09:00:00+01:00';

describe('PP-13.4-5 result and certificate within 2 working days', () => {
  it('PP-13.4-5: given a paid exam booking, when the exam is attended, then the written result is due 2 working days later (over the weekend)', () => {
    spec
      .given(given(register(plusportExam), pay(24_200)))
      .when(attended(EXAM_AT), ctx)
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual(['AttendanceRecorded', 'DeliveryDeadlineSet']);
        expect(ofType(events, 'DeliveryDeadlineSet')[0]!.data).toMatchObject({
          deliverable: 'result',
          dueBy: '2026-03-24',
          decision: { kind: 'delivery-deadline', ruleIds: ['PP-13.4-5'], deadlines: { resultDueBy: '2026-03-24' } },
        });
      });
  });

  it('PP-13.4-5: a no-show, or a classroom training without exam or practical session, owes no result', () => {
    spec
      .given(given(register(plusportExam)))
      .when({ type: 'RecordAttendance', enrolmentId: 'e1', at: EXAM_AT, status: 'no-show' }, ctx)
      .then((events) => expect(ofType(events, 'DeliveryDeadlineSet')).toEqual([]));
    spec
      .given(given(register(plusportClassroom)))
      .when(attended('2026-03-20T09:00:00+01:00'), ctx)
      .then((events) => expect(ofType(events, 'DeliveryDeadlineSet')).toEqual([]));
  });

  it('PP-13.4-5: the result delivered on the last day is in time; an exam course gets no certificate deadline', () => {
    spec
      .given(given(register(plusportExam), pay(24_200), attended(EXAM_AT), examResult(EXAM_AT)))
      .when(deliver('2026-03-24T16:00:00+01:00'), ctx)
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual(['DeliveryRecorded']);
        expect(ofType(events, 'DeliveryRecorded')[0]!.data).toMatchObject({
          deliverable: 'result',
          dueBy: '2026-03-24',
          inTime: true,
          decision: { kind: 'delivery', ruleIds: ['PP-13.4-5'], inputs: { inTime: true, certificateFollows: false } },
        });
      });
  });

  it('PP-13.4-5: given the result not delivered, when the check runs the day after the last day, then the deadline is recorded as missed (no right to dissolve), once', () => {
    const before = given(register(plusportExam), pay(24_200), attended(EXAM_AT));
    spec
      .given(before)
      .when(check('result', '2026-03-25T00:00:00+01:00'), ctx)
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual(['DeliveryDeadlineMissed']);
        expect(ofType(events, 'DeliveryDeadlineMissed')[0]!.data).toMatchObject({
          deliverable: 'result',
          dueBy: '2026-03-24',
          deliveredAt: null,
          dissolutionRight: false,
          decision: { kind: 'delivery-missed', ruleIds: ['PP-13.4-5'] },
        });
      });
    const after = history([
      register(plusportExam),
      pay(24_200),
      attended(EXAM_AT),
      check('result', '2026-03-25T00:00:00+01:00'),
    ]).events;
    spec
      .given(after)
      .when(check('result', '2026-03-26T00:00:00+01:00'), ctx)
      .then((events) => expect(events).toEqual([]));
    spec
      .given(after)
      .when({ type: 'DissolveForLateDelivery', enrolmentId: 'e1', requestedAt: '2026-03-26T10:00:00+01:00' }, ctx)
      .thenThrows({ error: 'NO_DISSOLUTION_FOR_LATE_DELIVERY', ruleId: 'PP-13.4-5' });
  });

  it('PP-13.4-5: a result delivered in time settles the check (nothing recorded)', () => {
    spec
      .given(
        given(
          register(plusportExam),
          pay(24_200),
          attended(EXAM_AT),
          examResult(EXAM_AT),
          deliver('2026-03-23T10:00:00+01:00'),
        ),
      )
      .when(check('result', '2026-03-25T00:00:00+01:00'), ctx)
      .then((events) => expect(events).toEqual([]));
  });

  it('PP-13.4-5: a result is delivered after it is recorded, once; the certificate is delivered by issuing it (400)', () => {
    const attendedOnly = given(register(plusportExam), pay(24_200), attended(EXAM_AT));
    spec
      .given(attendedOnly)
      .when(deliver('2026-03-23T10:00:00+01:00'), ctx)
      .thenThrows({ error: 'RESULT_NOT_RECORDED', ruleId: 'PP-13.4-5' });
    spec
      .given(given(register(plusportExam), pay(24_200), attended(EXAM_AT), examResult(EXAM_AT)))
      .when(deliver('2026-03-23T10:00:00+01:00', 'certificate'), ctx)
      .thenThrows({ field: 'deliverable' } as never);
    spec
      .given(
        given(
          register(plusportExam),
          pay(24_200),
          attended(EXAM_AT),
          examResult(EXAM_AT),
          deliver('2026-03-23T10:00:00+01:00'),
        ),
      )
      .when(deliver('2026-03-23T11:00:00+01:00'), ctx)
      .thenThrows({ error: 'ALREADY_DELIVERED', status: 409 });
  });

  // plusportPractical's session is on Monday 2026-04-20: result due Wednesday 2026-04-22.
  const SESSION_AT = '2026-04-20T09:00:00+02:00';

  it('PP-13.4-5: a passed practical-session result delivered on 2026-04-22 sets the certificate deadline 2026-04-24; issuing the certificate meets it', () => {
    const resultDelivered = history([
      register(plusportPractical),
      pay(36_300),
      attended(SESSION_AT),
      practicalPassed(SESSION_AT),
      deliver('2026-04-22T15:00:00+02:00'),
    ]);
    const delivery = resultDelivered.events.slice(-2);
    expect(delivery.map((e) => e.type)).toEqual(['DeliveryRecorded', 'DeliveryDeadlineSet']);
    expect(ofType(delivery, 'DeliveryDeadlineSet')[0]!.data).toMatchObject({
      deliverable: 'certificate',
      dueBy: '2026-04-24',
      decision: { kind: 'delivery-deadline', ruleIds: ['PP-13.4-5'], inputs: { after: 'result' } },
    });
    spec
      .given(resultDelivered.events)
      .when({ type: 'RequestCertificate', enrolmentId: 'e1', requestedAt: '2026-04-23T10:00:00+02:00' }, ctx)
      .then((events) => expect(events.map((e) => e.type)).toEqual(['CertificateIssued']));
    const issued = history(
      [{ type: 'RequestCertificate', enrolmentId: 'e1', requestedAt: '2026-04-23T10:00:00+02:00' }],
      resultDelivered.state,
    );
    expect(issued.state.deliveries['certificate']).toMatchObject({ deliveredAt: '2026-04-23T10:00:00+02:00' });
    spec
      .given([...resultDelivered.events, ...issued.events])
      .when(check('certificate', '2026-04-25T00:00:00+02:00'), ctx)
      .then((events) => expect(events).toEqual([]));
  });

  it('PP-13.4-5, PP-13.6: a certificate deadline passing while the invoice is unpaid is recorded as missed, citing that the certificate waits for payment', () => {
    spec
      .given(
        given(
          register(plusportPractical),
          attended(SESSION_AT),
          practicalPassed(SESSION_AT),
          deliver('2026-04-21T15:00:00+02:00'),
        ),
      )
      .when(check('certificate', '2026-04-24T00:00:00+02:00'), ctx)
      .then((events) => {
        expect(ofType(events, 'DeliveryDeadlineMissed')[0]!.data).toMatchObject({
          deliverable: 'certificate',
          dueBy: '2026-04-23',
          decision: { ruleIds: ['PP-13.4-5', 'PP-13.6'], inputs: { paidInFull: false, waitingForPayment: true } },
        });
      });
  });

  it('PP-13.4-5: the decisions recompute from their inputs', () => {
    const { events } = history([
      register(plusportPractical),
      pay(36_300),
      attended(SESSION_AT),
      practicalPassed(SESSION_AT),
      deliver('2026-04-22T15:00:00+02:00'),
    ]);
    const decisions = [...ofType(events, 'DeliveryDeadlineSet'), ...ofType(events, 'DeliveryRecorded')].map(
      (e) => e.data.decision,
    );
    expect(decisions).toHaveLength(3);
    for (const decision of decisions) expect(ctx.rulebooks.recompute(decision)).toEqual(decision);
  });
});
