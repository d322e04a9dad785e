import { invariant } from '../shared/decider';
import type { CustomerEvent, CustomerKind } from './events';

export type CustomerState =
  | { status: 'unknown' }
  | { status: 'registered'; customerId: string; kind: CustomerKind; registeredAt: string };

export const initialCustomerState = (): CustomerState => ({ status: 'unknown' });

export function evolveCustomer(state: CustomerState, event: CustomerEvent): CustomerState {
  switch (event.type) {
    case 'CustomerRegistered':
      invariant(state.status === 'unknown', 'a customer is registered once');
      return { status: 'registered', customerId: event.data.customerId, kind: event.data.kind, registeredAt: event.data.registeredAt };
  }
}
