/** Early termination with notice: the rulebook decides the notice period and what stays owed. */
import type { DecideContext } from '../shared/decider';
import type { TerminateEnrolment } from './commands';
import type { EnrolmentEvent } from './events';
import type { EnrolmentState } from './state';
import { actOf, activeAgreement, EventBatch, factsOf, recordDecided, requireNotBeforeRegistration } from './support';

export function decideTermination(
  command: TerminateEnrolment,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  const act = actOf(ctx, agreement, command.requestedAt, 'termination', command.details);
  requireNotBeforeRegistration(agreement, command.requestedAt, 'requestedAt');
  const decided = act.terminate(factsOf(state), {
    requestedAt: command.requestedAt,
    details: command.details,
  });
  const batch = new EventBatch(state);
  recordDecided(
    batch,
    {
      type: 'EnrolmentTerminated',
      data: {
        enrolmentId: agreement.enrolmentId,
        requestedAt: command.requestedAt,
        noticeStart: decided.noticeStart,
        effectiveEnd: decided.effectiveEnd,
        decision: decided.decision,
      },
    },
    decided,
    command.requestedAt,
  );
  return batch.events;
}
