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

/** Where and to whom invoices go. A later recording replaces the earlier one for invoices issued after it. */
export interface BillingAddress {
  street: string;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
}

/**
 * Billing details of a customer (shown on invoices and in the UBL e-invoice). For consumers
 * these are personal data, and they are sealed with the customer's key like name and e-mail.
 */
export type CustomerBillingDetailsRecorded = DomainEvent<
  'CustomerBillingDetailsRecorded',
  {
    customerId: string;
    legalName: string;
    address: BillingAddress;
    invoiceEmail: string;
    /** Businesses only: KvK (Handelsregister) number and VAT id. */
    kvkNumber: string | null;
    vatId: string | null;
    recordedAt: string;
  }
>;

export type CustomerEvent = CustomerRegistered | CustomerPersonalDataErased | CustomerBillingDetailsRecorded;

export const customerPersonalData: PersonalDataPolicy = {
  CustomerRegistered: { subjectField: 'customerId', subjectNamespace: 'customer', personalFields: ['name', 'email'] },
  CustomerBillingDetailsRecorded: {
    subjectField: 'customerId',
    subjectNamespace: 'customer',
    personalFields: ['legalName', 'address', 'invoiceEmail'],
  },
};

export const customerStreamId = (customerId: string): string => `customer-${customerId}`;
