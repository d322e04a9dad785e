/**
 * LOI-8: LOI suspends its obligations when the customer does not perform; the interruption is at the
 * customer's risk (art. 8.2): no money comes back and the service duration (LOI-9.1) stays as it was.
 */
import { RuleViolation, type Decision } from '../../../decision';
import { RulebookRegistry } from '../../../rulebook';
import { LOI_DATA_2024, loiSuspension, loiSuspensionEnd, loiVersions, type LoiSuspensionInput } from '..';
import type { LoiBook } from '../decisions/common';

const book: LoiBook = { id: 'loi', version: '2024-01-01', data: LOI_DATA_2024, vatRateBasisPoints: 2_100 };
const registry = new RulebookRegistry();
for (const v of loiVersions) registry.register(v);

const facts: LoiSuspensionInput = {
  suspendedAt: '2026-05-04T09:00:00+02:00',
  ground: 'unpaid',
  invoices: [
    { invoiceId: 'I1', dueDate: '2026-03-15', outstandingCents: 20_000 },
    { invoiceId: 'I2', dueDate: '2026-05-04', outstandingCents: 5_000 },
    { invoiceId: 'I3', dueDate: '2026-02-15', outstandingCents: 0 },
  ],
  documentsDueDate: null,
  documentsComplete: false,
  startDate: '2026-03-01',
  studyMonths: 8,
};

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('LOI-8 suspension for non-performance', () => {
  it('LOI-8: given 200.00 unpaid since its due date 2026-03-15, when LOI suspends on 2026-05-04, then only that invoice is overdue (I2 is due that day), fees stay due and the 16-month service duration still ends 2027-07-01', () => {
    const decision = loiSuspension(book, facts);
    expect(decision).toMatchObject({
      kind: 'suspension',
      ruleIds: ['LOI-8', 'LOI-6.2-3'],
      allowed: true,
      inputs: { overdueInvoiceIds: ['I1'], overdueCents: 20_000, serviceMonths: 16, feesStayDue: true },
      deadlines: { serviceEndsOn: '2027-07-01' },
    });
    expect(decision.feeCents).toBeUndefined();
    expect(decision.refundCents).toBeUndefined();
    expect(registry.recompute(JSON.parse(JSON.stringify(decision)) as Decision)).toEqual(decision);
  });

  it('LOI-8: given nothing unpaid past its due date, or documents not yet due, when LOI suspends on that ground, then it is refused naming LOI-8', () => {
    const paid = refusal(() => loiSuspension(book, { ...facts, invoices: [facts.invoices[1]!] }));
    expect(paid).toBeInstanceOf(RuleViolation);
    expect(paid).toMatchObject({ error: 'NO_GROUND_FOR_SUSPENSION', ruleId: 'LOI-8' });
    const early = refusal(() =>
      loiSuspension(book, { ...facts, ground: 'documents-missing', documentsDueDate: '2026-05-04' }),
    );
    expect(early).toMatchObject({ error: 'NO_GROUND_FOR_SUSPENSION', ruleId: 'LOI-8' });
  });

  it('LOI-8: given another obligation, LOI names it; without a name it is bad input', () => {
    const decision = loiSuspension(book, { ...facts, ground: 'other', obligation: 'No homework for 3 months' });
    expect(decision.ruleIds).toEqual(['LOI-8']);
    expect(decision.explanation).toMatch(/No homework for 3 months/);
    expect(() => loiSuspension(book, { ...facts, ground: 'other' })).toThrow(/obligation/);
  });

  it('LOI-8 / LOI-9.1: given a suspension from 2026-05-04, when it ends on 2026-06-01, then 28 days passed and the service duration is not extended', () => {
    const decision = loiSuspensionEnd(book, {
      suspendedAt: '2026-05-04T09:00:00+02:00',
      resumedAt: '2026-06-01T09:00:00+02:00',
      startDate: '2026-03-01',
      studyMonths: 8,
    });
    expect(decision).toMatchObject({
      kind: 'suspension-end',
      ruleIds: ['LOI-8', 'LOI-9.1'],
      inputs: { suspendedDays: 28 },
      deadlines: { serviceEndsOn: '2027-07-01' },
    });
    expect(registry.recompute(JSON.parse(JSON.stringify(decision)) as Decision)).toEqual(decision);
    expect(() =>
      loiSuspensionEnd(book, {
        suspendedAt: '2026-05-04T09:00:00+02:00',
        resumedAt: '2026-05-01T09:00:00+02:00',
        startDate: '2026-03-01',
        studyMonths: 8,
      }),
    ).toThrow(/resumedAt/);
  });
});
