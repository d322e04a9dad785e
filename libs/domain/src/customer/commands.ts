import type { BillingAddress, CustomerKind } from './events';

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

export interface RecordCustomerBillingDetails {
  type: 'RecordCustomerBillingDetails';
  customerId: string;
  legalName: string;
  address: BillingAddress;
  invoiceEmail: string;
  kvkNumber: string | null;
  vatId: string | null;
  recordedAt: string;
}

export type CustomerCommand = RegisterCustomer | EraseCustomerPersonalData | RecordCustomerBillingDetails;
