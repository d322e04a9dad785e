import { invariant, type SnapshotSpec } from '../shared/decider';
import type { CustomerEvent, CustomerKind } from './events';

/**
 * The state holds no personal data (name and e-mail stay in the log), so the command pipeline
 * keeps it in memory between commands (docs/decisions.md D24). Raise the version when it changes.
 */
export const CUSTOMER_SNAPSHOT: SnapshotSpec = { name: 'customer', version: 1 };

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
    case 'CustomerBillingDetailsRecorded':
      invariant(state.status === 'registered', 'billing details of a registered customer');
      return state;
  }
}
