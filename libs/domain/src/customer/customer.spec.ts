import { deciderSpec } from '../shared/decider-spec';
import { customerDecider } from './decide';
import type { CustomerRegistered } from './events';

const spec = deciderSpec(customerDecider);
const registered: CustomerRegistered = {
  type: 'CustomerRegistered',
  data: {
    customerId: 'c1',
    kind: 'consumer',
    name: 'A. Jansen',
    email: 'a@example.nl',
    registeredAt: '2026-03-01T10:00:00+01:00',
  },
};

describe('customer decider', () => {
  it('given no history, when RegisterCustomer, then CustomerRegistered with the kind that selects cooling-off and interest tables', () => {
    spec
      .given([])
      .when({ type: 'RegisterCustomer', ...registered.data })
      .then([registered]);
  });

  it('given a registered customer, when RegisterCustomer again, then 409 CUSTOMER_ALREADY_EXISTS', () => {
    spec
      .given([registered])
      .when({ type: 'RegisterCustomer', ...registered.data })
      .thenThrows({ error: 'CUSTOMER_ALREADY_EXISTS', status: 409 });
  });

  it('evolve refuses a second registration in the log (invariant, not user input)', () => {
    expect(() =>
      customerDecider.evolve(customerDecider.evolve(customerDecider.initialState(), registered), registered),
    ).toThrow(/Invariant violated/);
  });
});

describe('customer erasure (GDPR-17)', () => {
  const erase = {
    type: 'EraseCustomerPersonalData' as const,
    customerId: 'c1',
    requestedAt: '2026-04-01T09:00:00+02:00',
    reason: 'request' as const,
  };
  const erased = {
    type: 'CustomerPersonalDataErased' as const,
    data: { customerId: 'c1', erasedAt: erase.requestedAt, reason: 'request' as const, ruleIds: ['GDPR-17'] },
  };

  it('GDPR-17: given a registered customer, when EraseCustomerPersonalData, then CustomerPersonalDataErased without personal data', () => {
    spec.given([registered]).when(erase).then([erased]);
  });

  it('GDPR-17: erasing twice changes nothing; an unknown customer is 404', () => {
    spec.given([registered, erased]).when(erase).then([]);
    spec.given([]).when(erase).thenThrows({ error: 'CUSTOMER_NOT_FOUND', status: 404 });
  });
});

describe('customer billing details (FIN billing details on invoices)', () => {
  const business: CustomerRegistered = { type: 'CustomerRegistered', data: { ...registered.data, kind: 'business' } };
  const details = {
    type: 'RecordCustomerBillingDetails' as const,
    customerId: 'c1',
    legalName: 'Opleidingen B.V.',
    address: { street: 'Keizersgracht 1', postalCode: '1015 CC', city: 'Amsterdam', countryCode: 'NL' },
    invoiceEmail: 'facturen@example.nl',
    kvkNumber: '12345678',
    vatId: 'NL123456782B01',
    recordedAt: '2026-03-02T10:00:00+01:00',
  };

  it('given a business customer, when its billing details are recorded, then CustomerBillingDetailsRecorded', () => {
    const { type: _type, ...data } = details;
    spec
      .given([business])
      .when(details)
      .then([{ type: 'CustomerBillingDetailsRecorded', data }]);
  });

  it('a VAT id failing its check digits is refused with 422 INVALID_VAT_ID; a consumer has no VAT id', () => {
    spec
      .given([business])
      .when({ ...details, vatId: 'NL123456783B01' })
      .thenThrows({ error: 'INVALID_VAT_ID', status: 422 });
    spec.given([registered]).when(details).thenThrows({ error: 'CONSUMER_HAS_NO_VAT_ID', status: 422 });
  });

  it('an unknown customer is 404 CUSTOMER_NOT_FOUND', () => {
    spec.given([]).when(details).thenThrows({ error: 'CUSTOMER_NOT_FOUND', status: 404 });
  });
});
