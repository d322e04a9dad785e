import type { CustomerKind } from './events';

export interface RegisterCustomer {
  type: 'RegisterCustomer';
  customerId: string;
  kind: CustomerKind;
  name: string;
  email: string;
  registeredAt: string;
}

export type CustomerCommand = RegisterCustomer;
