/**
 * The set-up several e2e specs share: a business customer with billing details, enrolled through
 * the API on a PlusPort classroom course, so each spec states only what it tests beyond that.
 */
import { newId, type Harness } from './http-harness';

/** Valid billing details (KvK and BTW id with correct check digits). */
export const JANSEN_BILLING_DETAILS = {
  legalName: 'Opleidingen Jansen B.V.',
  address: { street: 'Keizersgracht 1', postalCode: '1015 CC', city: 'Amsterdam', countryCode: 'NL' },
  invoiceEmail: 'facturen@jansen.example',
  kvkNumber: '12345678',
  vatId: 'NL123456782B01',
};

export interface BusinessEnrolment {
  customerId: string;
  learnerId: string;
  offeringId: string;
  enrolmentId: string;
  invoiceId: string;
}

/**
 * Customer Jansen (registered with billing details on 2026-01-05), a learner, and a PlusPort
 * classroom offering at `priceCents` (VAT excluded) starting at `startsAt`, enrolled on 2026-02-02.
 */
export async function enrolBusinessCustomer(
  api: Harness,
  { priceCents, startsAt }: { priceCents: number; startsAt: string },
): Promise<BusinessEnrolment> {
  const ids = {
    customerId: newId('cust'),
    learnerId: newId('learner'),
    offeringId: newId('off'),
    enrolmentId: newId('enr'),
  };
  await api.command('/customers', {
    customerId: ids.customerId,
    kind: 'business',
    name: 'Jansen',
    email: 'info@jansen.example',
    registeredAt: '2026-01-05T10:00:00+01:00',
  });
  await api.command(`/customers/${ids.customerId}/billing-details`, {
    ...JANSEN_BILLING_DETAILS,
    recordedAt: '2026-01-05T10:05:00+01:00',
  });
  await api.command('/learners', {
    learnerId: ids.learnerId,
    name: 'P. de Boer',
    email: 'p.deboer@example.nl',
    registeredAt: '2026-01-05T10:00:00+01:00',
  });
  await api.command('/offerings', {
    offeringId: ids.offeringId,
    title: 'Veilig werken',
    rulebookId: 'plusport',
    kind: 'classroom',
    startsAt,
    components: [{ kind: 'classroom', priceCents }],
  });
  const registered = await api.command('/enrolments', {
    enrolmentId: ids.enrolmentId,
    offeringId: ids.offeringId,
    learnerId: ids.learnerId,
    customerId: ids.customerId,
    registeredAt: '2026-02-02T10:00:00+01:00',
  });
  return { ...ids, invoiceId: registered.invoice.invoiceId as string };
}
