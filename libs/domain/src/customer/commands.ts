import type { CustomerKind } from './events';

export interface RegisterCustomer {
  type: 'RegisterCustomer';
  customerId: string;
  kind: CustomerKind;
  name: string;
  email: string;
  registeredAt: string;
}

export interface EraseCustomerPersonalData {
  type: 'EraseCustomerPersonalData';
  customerId: string;
  requestedAt: string;
  reason: 'request' | 'retention';
}

export type CustomerCommand = RegisterCustomer | EraseCustomerPersonalData;
