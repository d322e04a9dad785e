import type { EnrolmentCommand } from './commands';
import { enrolmentDecider } from './decide';
import { ctx, pay, plusportClassroom, register } from './enrolment.test-support';
import { enrolmentView, type ViewSourceEvent } from './view';

/** Records commands as the pipeline would: each with its business time and a record time one hour apart. */
function record(commands: Array<[EnrolmentCommand, string]>): ViewSourceEvent[] {
  let state = enrolmentDecider.initialState();
  const recorded: ViewSourceEvent[] = [];
  commands.forEach(([command, occurredAt], i) => {
    for (const event of enrolmentDecider.decide(command, state, ctx)) {
      state = enrolmentDecider.evolve(state, event);
      const revision = recorded.length;
      const data = { ...(event.data as unknown as Record<string, unknown>) };
      if (data['decision']) data['decision'] = { ...(data['decision'] as object), decisionId: `evt-${revision}` };
      recorded.push({
        eventId: `evt-${revision}`,
        revision,
        type: event.type,
        data,
        occurredAt,
        recordedAt: `2026-04-01T${String(10 + i).padStart(2, '0')}:00:00Z`,
      });
    }
  });
  return recorded;
}

describe('enrolment view (GET /enrolments/{id})', () => {
  const cancelAt = '2026-03-10T10:00:00+01:00';
  const events = record([
    [register(plusportClassroom), '2026-03-02T10:00:00+01:00'],
    [pay(54_450), '2026-03-03T10:00:00+01:00'],
    [{ type: 'CancelEnrolment', enrolmentId: 'e1', requestedAt: cancelAt, reason: 'regular' }, cancelAt],
  ]);

  it('PP-15.5-CLS: the current view shows the cancellation, the credited invoice and the refund citing the decision by its id', () => {
    const view = enrolmentView(events)!;
    expect(view).toMatchObject({
      status: 'cancelled',
      customerKind: 'consumer',
      rulebook: { id: 'plusport', version: '2024-01-01' },
    });
    expect(view.invoices[0]).toMatchObject({
      totalCents: 54_450,
      creditedCents: 27_225,
      paidCents: 54_450,
      refundedCents: 27_225,
      outstandingCents: 0,
    });
    expect(view.refunds).toEqual([expect.objectContaining({ amountCents: 27_225, decisionId: 'evt-4' })]);
    expect(view.decisions.map((d) => d.decision.ruleIds)).toEqual([['PP-5.3'], ['PP-15.5-CLS']]);
  });

  it('PP-15.5-CLS: asOf (business time) before the cancellation shows it active and paid', () => {
    const view = enrolmentView(events, { asOf: '2026-03-09T00:00:00+01:00' })!;
    expect(view).toMatchObject({ status: 'active', refunds: [], balanceCents: 0 });
  });

  it('PP-5.3: knownAt (record time) before the payment was recorded shows the invoice outstanding; before registration there is nothing', () => {
    expect(enrolmentView(events, { knownAt: '2026-04-01T10:30:00Z' })!.invoices[0]!.outstandingCents).toBe(54_450);
    expect(enrolmentView(events, { knownAt: '2026-04-01T09:00:00Z' })).toBeNull();
  });
});
