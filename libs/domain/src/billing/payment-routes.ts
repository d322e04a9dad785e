/**
 * POST /payments names only an invoice; the invoice directory says which stream owns it, and the
 * owning feature's route turns the payment into that aggregate's RecordPayment command.
 */
import type { Decider, DomainEvent } from '../shared/decider';
import type { PaymentCommand } from './decide';

export interface PaymentRoute {
  /** Stream id prefix of the aggregates this route serves, e.g. 'enrolment-'. */
  streamPrefix: string;
  toCommand(
    ownerStreamId: string,
    payment: PaymentCommand,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- routes span deciders of every command type
  ): { decider: Decider<any, DomainEvent<string, any>, any>; command: unknown };
}

export function routeFor(routes: readonly PaymentRoute[], ownerStreamId: string): PaymentRoute | undefined {
  return routes.find((route) => ownerStreamId.startsWith(route.streamPrefix));
}
