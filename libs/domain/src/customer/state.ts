import { invariant } from '../shared/decider';
import type { CustomerEvent, CustomerKind } from './events';

export type CustomerState =
  | { status: 'unknown' }
  | { status: 'registered'; customerId: string; kind: CustomerKind; registeredAt: string; erasedAt: string | null };

export const initialCustomerState = (): CustomerState => ({ status: 'unknown' });

export function evolveCustomer(state: CustomerState, event: CustomerEvent): CustomerState {
  switch (event.type) {
    case 'CustomerRegistered':
      invariant(state.status === 'unknown', 'a customer is registered once');
      return {
        status: 'registered',
        customerId: event.data.customerId,
        kind: event.data.kind,
        registeredAt: event.data.registeredAt,
        erasedAt: null,
      };
    case 'CustomerPersonalDataErased':
      invariant(state.status === 'registered', 'only a registered customer can be erased');
      invariant(state.erasedAt === null, 'a customer is erased once');
      return { ...state, erasedAt: event.data.erasedAt };
  }
}
