/** EXC-8.1: standard material bought without education within 30 days, or the customer may dissolve. */
import { deciderSpec } from '../shared/decider-spec';
import type { EnrolmentCommand } from './commands';
import { enrolmentDecider } from './decide';
import { ctx, history, offering, ofType, pay, register } from './enrolment.test-support';

const spec = deciderSpec(enrolmentDecider);
const given = (...commands: EnrolmentCommand[]) => history(commands).events;

// Material 80.00 (this Excellus version charges no VAT), bought 2026-03-02: delivery by 2026-04-01.
const material = offering({
  rulebookId: 'excellus',
  kind: 'material',
  components: [{ kind: 'material', priceCents: 8_000 }],
});
const deliver = (deliveredAt: string): EnrolmentCommand => ({
  type: 'RecordDelivery',
  enrolmentId: 'e1',
  deliverable: 'material',
  deliveredAt,
});
const check = (at: string): EnrolmentCommand => ({
  type: 'CheckDeliveryDeadline',
  enrolmentId: 'e1',
  deliverable: 'material',
  at,
  deadlineId: 'enrolment-e1:delivery:material',
});
const dissolve = (requestedAt: string): EnrolmentCommand => ({
  type: 'DissolveForLateDelivery',
  enrolmentId: 'e1',
  requestedAt,
});

describe('EXC-8.1 material within 30 days, or the customer may dissolve', () => {
  it('EXC-8.1: given no history, when material alone is bought on 2026-03-02, then it is due by 2026-04-01', () => {
    spec
      .given([])
      .when(register(material), ctx)
      .then((events) => {
        expect(ofType(events, 'DeliveryDeadlineSet')[0]!.data).toMatchObject({
          deliverable: 'material',
          dueBy: '2026-04-01',
          decision: { kind: 'material-delivery-deadline', ruleIds: ['EXC-8.1'] },
        });
      });
  });

  it('EXC-8.1: a contact course with material owes no material deadline', () => {
    const course = offering({
      rulebookId: 'excellus',
      kind: 'contact-course',
      startsAt: '2026-09-01T09:00:00+02:00',
      components: [
        { kind: 'tuition', priceCents: 100_000 },
        { kind: 'material', priceCents: 8_000 },
      ],
    });
    spec
      .given([])
      .when(register(course), ctx)
      .then((events) => expect(ofType(events, 'DeliveryDeadlineSet')).toEqual([]));
  });

  it('EXC-8.1: delivered on the last day it is in time, and the check records nothing', () => {
    const delivered = given(register(material), deliver('2026-04-01T15:00:00+02:00'));
    expect(ofType(delivered, 'DeliveryRecorded')[0]!.data).toMatchObject({
      inTime: true,
      decision: { kind: 'material-delivery', ruleIds: ['EXC-8.1'] },
    });
    spec
      .given(delivered)
      .when(check('2026-04-02T00:00:00+02:00'), ctx)
      .then((events) => expect(events).toEqual([]));
  });

  it('EXC-8.1: given paid material not delivered by 2026-04-01, the check records the miss with the right to dissolve; dissolving then credits everything and grants the 80.00 back', () => {
    const missed = given(register(material), pay(8_000), check('2026-04-02T00:00:00+02:00'));
    expect(ofType(missed, 'DeliveryDeadlineMissed')[0]!.data).toMatchObject({
      dissolutionRight: true,
      decision: { kind: 'material-delivery-missed', ruleIds: ['EXC-8.1'], allowed: true },
    });
    spec
      .given(missed)
      .when(dissolve('2026-04-03T10:00:00+02:00'), ctx)
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual([
          'EnrolmentDissolvedForLateDelivery',
          'CreditNoteIssued',
          'RefundEntitlementGranted',
        ]);
        expect(ofType(events, 'EnrolmentDissolvedForLateDelivery')[0]!.data).toMatchObject({
          deliverable: 'material',
          decision: { kind: 'late-delivery-dissolution', ruleIds: ['EXC-8.1'], refundCents: 8_000, feeCents: 0 },
        });
        expect(ofType(events, 'RefundEntitlementGranted')[0]!.data.amountCents).toBe(8_000);
      });
  });

  it('EXC-8.1: before the deadline passed, or once the material came (even late), there is no right to dissolve (422 naming EXC-8.1)', () => {
    spec
      .given(given(register(material)))
      .when(dissolve('2026-03-20T10:00:00+01:00'), ctx)
      .thenThrows({ error: 'NO_LATE_DELIVERY', ruleId: 'EXC-8.1' });
    const late = given(register(material), deliver('2026-04-05T10:00:00+02:00'), check('2026-04-06T00:00:00+02:00'));
    expect(ofType(late, 'DeliveryRecorded')[0]!.data.inTime).toBe(false);
    expect(ofType(late, 'DeliveryDeadlineMissed')[0]!.data.dissolutionRight).toBe(false);
    spec
      .given(late)
      .when(dissolve('2026-04-07T10:00:00+02:00'), ctx)
      .thenThrows({ error: 'NO_LATE_DELIVERY', ruleId: 'EXC-8.1' });
  });

  it('EXC-8.1: the decisions recompute from their inputs', () => {
    const { events } = history([
      register(material),
      pay(8_000),
      check('2026-04-02T00:00:00+02:00'),
      dissolve('2026-04-03T10:00:00+02:00'),
    ]);
    const decisions = [
      ofType(events, 'DeliveryDeadlineSet')[0]!.data.decision,
      ofType(events, 'DeliveryDeadlineMissed')[0]!.data.decision,
      ofType(events, 'EnrolmentDissolvedForLateDelivery')[0]!.data.decision,
    ];
    for (const decision of decisions) expect(ctx.rulebooks.recompute(decision)).toEqual(decision);
  });
});
