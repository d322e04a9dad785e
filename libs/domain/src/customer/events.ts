import type { DomainEvent } from '../shared/decider';
import type { PersonalDataPolicy } from '@ledger/event-store';

export type CustomerKind = 'consumer' | 'business';

export type CustomerRegistered = DomainEvent<
  'CustomerRegistered',
  { customerId: string; kind: CustomerKind; name: string; email: string; registeredAt: string }
>;

export type CustomerEvent = CustomerRegistered;

export const customerPersonalData: PersonalDataPolicy = {
  CustomerRegistered: { subjectField: 'customerId', personalFields: ['name', 'email'] },
};

export const customerStreamId = (customerId: string): string => `customer-${customerId}`;
