import type { DomainEvent } from '../shared/decider';
import type { PersonalDataPolicy } from '@ledger/event-store';

export type CustomerKind = 'consumer' | 'business';

export type CustomerRegistered = DomainEvent<
  'CustomerRegistered',
  { customerId: string; kind: CustomerKind; name: string; email: string; registeredAt: string }
>;

/**
 * The customer's personal data key was destroyed (GDPR art. 17). No personal data in it; amounts,
 * invoices and decisions of the customer stay as recorded, only name and e-mail read "[erased]".
 */
export type CustomerPersonalDataErased = DomainEvent<
  'CustomerPersonalDataErased',
  { customerId: string; erasedAt: string; reason: 'request' | 'retention'; ruleIds: string[] }
>;

export type CustomerEvent = CustomerRegistered | CustomerPersonalDataErased;

export const customerPersonalData: PersonalDataPolicy = {
  CustomerRegistered: { subjectField: 'customerId', subjectNamespace: 'customer', personalFields: ['name', 'email'] },
};

export const customerStreamId = (customerId: string): string => `customer-${customerId}`;
