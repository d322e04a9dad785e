/** FIN-I9: one unbroken series of invoice numbers per provider and year (art. 35a Wet OB 1968). */
import { createRulebookRegistry, paymentReferenceFor } from '@ledger/regulations';
import { deciderSpec } from '../shared/decider-spec';
import { invoiceNumberingDecider, type AssignInvoiceNumber } from './decide';
import { formatInvoiceNumber, type InvoiceNumberAssigned } from './events';

const spec = deciderSpec(invoiceNumberingDecider);
const assign = (invoiceId: string, issuedOn = '2026-03-02'): AssignInvoiceNumber => ({
  type: 'AssignInvoiceNumber',
  invoiceId,
  provider: 'plusport',
  issuedOn,
  ownerStreamId: `enrolment-${invoiceId}`,
});
const assigned = (invoiceId: string, sequence: number): InvoiceNumberAssigned => ({
  type: 'InvoiceNumberAssigned',
  data: {
    invoiceId,
    provider: 'plusport',
    series: 'plusport-2026',
    sequence,
    invoiceNumber: formatInvoiceNumber('PP', '2026', sequence),
    paymentReference: paymentReferenceFor('2026-03-02', sequence),
    issuedOn: '2026-03-02',
    ownerStreamId: `enrolment-${invoiceId}`,
  },
});

describe('invoice numbering decider', () => {
  it('FIN-I9 given an empty series, when the first invoice is numbered, then it gets PP-2026-000001 in stream invoice-numbers-plusport-2026', () => {
    spec
      .given([])
      .when(assign('a'))
      .then([assigned('a', 1)]);
    expect(invoiceNumberingDecider.streamIdOf(assign('a'))).toBe('invoice-numbers-plusport-2026');
  });

  it('FIN-I9 given two numbers, when a third invoice is numbered, then it gets the next one, 3', () => {
    spec
      .given([assigned('a', 1), assigned('b', 2)])
      .when(assign('c'))
      .then([assigned('c', 3)]);
  });

  it('FIN-I9 given an invoice already numbered, when it is numbered again, then nothing changes (idempotent)', () => {
    spec
      .given([assigned('a', 1), assigned('b', 2)])
      .when(assign('a'))
      .then([]);
  });

  it('FIN-I9 a new calendar year starts a new series; another provider has its own', () => {
    expect(invoiceNumberingDecider.streamIdOf(assign('x', '2027-01-01'))).toBe('invoice-numbers-plusport-2027');
    expect(invoiceNumberingDecider.streamIdOf({ ...assign('y'), provider: 'loi' })).toBe('invoice-numbers-loi-2026');
    const [excellus] = invoiceNumberingDecider.decide(
      { ...assign('z'), provider: 'excellus' },
      invoiceNumberingDecider.initialState(),
      { rulebooks: createRulebookRegistry(), recordedAt: '2026-03-02T00:00:00.000Z' },
    );
    expect(excellus!.data.invoiceNumber).toBe('EXC-2026-000001');
  });

  it('FIN-I9 evolve refuses a gap or a duplicate in the log (invariant, never user input)', () => {
    const s1 = invoiceNumberingDecider.evolve(invoiceNumberingDecider.initialState(), assigned('a', 1));
    expect(() => invoiceNumberingDecider.evolve(s1, assigned('b', 3))).toThrow(/without gaps/);
    expect(() => invoiceNumberingDecider.evolve(s1, assigned('a', 2))).toThrow(/numbered once/);
  });
});
