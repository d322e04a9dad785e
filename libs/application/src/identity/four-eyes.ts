/**
 * Four-eyes (segregation of duties on money going out): a command from the API whose events would
 * pay or credit out more than the threshold is not appended; the API holds it as an approval, and
 * it runs when a second person with the finance role approves it (docs/decisions.md).
 */
import { createHash } from 'node:crypto';
import type { DomainEvent, OutgoingMoney } from '@ledger/domain';
import type { DecisionGate } from '../command-pipeline';

/** Event types that move money out, with the amount each moves. Corrections reach these too. */
const MONEY_OUT: Readonly<Record<string, (data: Record<string, unknown>) => number>> = {
  RefundPaid: (data) => Number(data['amountCents']),
  CreditNoteIssued: (data) => Number(data['totalCents']),
};

export class ApprovalRequiredError extends Error {
  readonly error = 'APPROVAL_REQUIRED';
  constructor(
    readonly amountCents: number,
    readonly outgoing: OutgoingMoney[],
    readonly thresholdCents: number,
  ) {
    super(`${amountCents} cents out is above the four-eyes threshold of ${thresholdCents} cents`);
    this.name = 'ApprovalRequiredError';
  }
}

export function outgoingMoney(events: readonly DomainEvent[]): OutgoingMoney[] {
  return events.flatMap((event) => {
    const amount = MONEY_OUT[event.type]?.(event.data as Record<string, unknown>);
    return amount !== undefined && Number.isFinite(amount) && amount > 0
      ? [{ eventType: event.type, amountCents: amount }]
      : [];
  });
}

/** Commands from the API only: the scheduler and the CLI act on what was approved or decided before. */
export function fourEyesGate(thresholdCents: number): DecisionGate {
  return (events, envelope) => {
    if (envelope.approval || envelope.actor.origin !== 'api') return;
    const outgoing = outgoingMoney(events);
    const amountCents = outgoing.reduce((sum, money) => sum + money.amountCents, 0);
    if (amountCents > thresholdCents) throw new ApprovalRequiredError(amountCents, outgoing, thresholdCents);
  };
}

/** Deterministic UUID-shaped id (name-based, like UUID v5): the same name always gives the same id. */
export function nameBasedId(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The approval that holds a command: also the command id of its request, never the held command's own. */
export const approvalIdOf = (commandId: string): string => nameBasedId(`ledger-approval:${commandId}`);
