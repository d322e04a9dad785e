/** FIN-I9: one unbroken series of invoice numbers per provider and year (art. 35a Wet OB 1968). */
import { createRulebookRegistry, paymentReferenceFor } from '@ledger/regulations';
import { deciderSpec } from '../shared/decider-spec';
import {
  creditNoteNumberingDecider,
  invoiceNumberingDecider,
  type AssignCreditNoteNumber,
  type AssignInvoiceNumber,
} from './decide';
import {
  formatCreditNoteNumber,
  formatInvoiceNumber,
  type CreditNoteNumberAssigned,
  type InvoiceNumberAssigned,
} from './events';

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
    expect(excellus!.data).toMatchObject({ invoiceNumber: 'EXC-2026-000001' });
  });

  it('FIN-I9 evolve refuses a gap or a duplicate in the log (invariant, never user input)', () => {
    const s1 = invoiceNumberingDecider.evolve(invoiceNumberingDecider.initialState(), assigned('a', 1));
    expect(() => invoiceNumberingDecider.evolve(s1, assigned('b', 3))).toThrow(/without gaps/);
    expect(() => invoiceNumberingDecider.evolve(s1, assigned('a', 2))).toThrow(/numbered once/);
  });
});

/** FIN-I16: credit notes have a series of their own per provider and year (art. 35a Wet OB 1968). */
describe('credit-note numbering decider', () => {
  const creditSpec = deciderSpec(creditNoteNumberingDecider);
  const assignCredit = (creditNoteId: string, issuedOn = '2026-03-09'): AssignCreditNoteNumber => ({
    type: 'AssignCreditNoteNumber',
    creditNoteId,
    invoiceId: `inv-of-${creditNoteId}`,
    provider: 'plusport',
    issuedOn,
    ownerStreamId: `enrolment-${creditNoteId}`,
  });
  const creditAssigned = (creditNoteId: string, sequence: number): CreditNoteNumberAssigned => ({
    type: 'CreditNoteNumberAssigned',
    data: {
      creditNoteId,
      invoiceId: `inv-of-${creditNoteId}`,
      provider: 'plusport',
      series: 'plusport-2026',
      sequence,
      creditNoteNumber: formatCreditNoteNumber('PP', '2026', sequence),
      issuedOn: '2026-03-09',
      ownerStreamId: `enrolment-${creditNoteId}`,
    },
  });

  it('FIN-I16 given an empty series, when the first credit note is numbered, then it gets PP-CN-2026-000001 in stream credit-note-numbers-plusport-2026', () => {
    creditSpec
      .given([])
      .when(assignCredit('cn-a'))
      .then([creditAssigned('cn-a', 1)]);
    expect(creditNoteNumberingDecider.streamIdOf(assignCredit('cn-a'))).toBe('credit-note-numbers-plusport-2026');
    expect(creditAssigned('cn-a', 1).data.creditNoteNumber).toBe('PP-CN-2026-000001');
  });

  it('FIN-I16 given two credit-note numbers, when a third note is numbered, then it gets 3, whatever the invoice series holds', () => {
    creditSpec
      .given([creditAssigned('cn-a', 1), creditAssigned('cn-b', 2)])
      .when(assignCredit('cn-c'))
      .then([creditAssigned('cn-c', 3)]);
    // The invoice series of the same provider and year is another stream: the two never share numbers.
    expect(invoiceNumberingDecider.streamIdOf(assign('x'))).not.toBe(
      creditNoteNumberingDecider.streamIdOf(assignCredit('cn-c')),
    );
  });

  it('FIN-I16 given a credit note already numbered, when it is numbered again, then nothing changes (idempotent)', () => {
    creditSpec
      .given([creditAssigned('cn-a', 1)])
      .when(assignCredit('cn-a'))
      .then([]);
  });

  it("FIN-I16 the credit note's own date picks the year of its series, not its invoice's", () => {
    expect(creditNoteNumberingDecider.streamIdOf(assignCredit('cn-y', '2027-01-04'))).toBe(
      'credit-note-numbers-plusport-2027',
    );
    const [loi] = creditNoteNumberingDecider.decide(
      { ...assignCredit('cn-z'), provider: 'loi' },
      creditNoteNumberingDecider.initialState(),
      { rulebooks: createRulebookRegistry(), recordedAt: '2026-03-09T00:00:00.000Z' },
    );
    expect(loi!.data).toMatchObject({ creditNoteNumber: 'LOI-CN-2026-000001', series: 'loi-2026' });
  });

  it('FIN-I16 evolve refuses a gap or a credit note numbered twice (invariant, never user input)', () => {
    const s1 = creditNoteNumberingDecider.evolve(creditNoteNumberingDecider.initialState(), creditAssigned('cn-a', 1));
    expect(() => creditNoteNumberingDecider.evolve(s1, creditAssigned('cn-b', 3))).toThrow(/without gaps/);
    expect(() => creditNoteNumberingDecider.evolve(s1, creditAssigned('cn-a', 2))).toThrow(/numbered once/);
  });
});
