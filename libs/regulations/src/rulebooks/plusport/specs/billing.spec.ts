import {
  PLUSPORT_2024,
  decidePlusportForceMajeureRefund,
  decidePlusportInvoiceDueDate,
  decidePlusportLatePayment,
  decidePlusportPriceChange,
  decidePlusportProviderCancellation,
  decidePlusportSuspension,
} from '../index';
import type { PlusportForceMajeureInput } from '../index';
import { violation } from '../../../rule-violation.test-support';

const rb = PLUSPORT_2024;

describe('plusport money rules', () => {
  it('PP-15.1: given PlusPort cancels for too few registrations, when 544.50 was paid, then all 544.50 is refunded and no fee is charged', () => {
    const d = decidePlusportProviderCancellation(rb, { cancelledAt: '2026-03-10T12:00:00+01:00', paidCents: 54_450 });
    expect(d.kind).toBe('provider-cancellation');
    expect(d.refundCents).toBe(54_450);
    expect(d.feeCents).toBe(0);
    expect(d.ruleIds).toEqual(['PP-15.1']);
    expect(d.explanation).toBe(
      'Course cancelled by PlusPort (too few registrations): all 544.50 paid is refunded (PP-15.1, rulebook plusport@2024-01-01)',
    );
  });

  describe('PP-7.3 permanent force majeure (classroom 400.00 undelivered, e-learning 100.00 delivered, invoice 605.00 incl. VAT)', () => {
    const base: PlusportForceMajeureInput = {
      declaredAt: '2026-03-10T12:00:00+01:00',
      components: [
        { kind: 'e-learning', priceCents: 10_000, delivered: true },
        { kind: 'classroom', priceCents: 40_000, delivered: false },
      ],
      invoiceTotalCents: 60_500,
      paidCents: 60_500,
      supplierCostsCents: 5_000,
    };

    it('PP-7.3 / PP-I12: given full payment and 50.00 supplier costs, then refund = 484.00 - 121.00 - 50.00 = 313.00', () => {
      const d = decidePlusportForceMajeureRefund(rb, base);
      expect(d.inputs['paidForUndeliveredCents']).toBe(48_400); // 605.00 x 400/500
      expect(d.inputs['retentionCents']).toBe(12_100); // 20 % of 605.00
      expect(d.refundCents).toBe(31_300);
      // MONEY-I1: PlusPort keeps 484.00 - 313.00 = 171.00 of the payments, VAT included (21/121 of it).
      expect([d.feeCents, d.feeVatCents, d.feeGrossCents]).toEqual([14_132, 2_968, 17_100]);
      expect(d.interpretationIds).toEqual(['PP-I12', 'MONEY-I1']);
      expect(d.explanation).toBe(
        'Permanent force majeure (undelivered: classroom training): 484.00 paid for undelivered components - 20 % of 605.00 (121.00) - supplier costs 50.00 = refund 313.00; kept fee 141.32 excl. VAT + VAT 29.68 = 171.00 (PP-7.3, rulebook plusport@2024-01-01)',
      );
    });

    it('PP-7.3: given half paid and no supplier costs, then refund = 242.00 - 121.00 = 121.00', () => {
      const d = decidePlusportForceMajeureRefund(rb, { ...base, paidCents: 30_250, supplierCostsCents: 0 });
      expect(d.refundCents).toBe(12_100);
    });

    it('PP-7.3: given less than 20 % of the invoice value paid (120.99 of 605.00), then no refund', () => {
      const d = decidePlusportForceMajeureRefund(rb, { ...base, paidCents: 12_099, supplierCostsCents: 0 });
      expect(d.inputs['paidBelowRetentionThreshold']).toBe(true);
      expect(d.refundCents).toBe(0);
      expect(d.explanation).toBe(
        'Permanent force majeure: 120.99 paid is less than 20 % of the invoice value 605.00: no refund; kept fee 79.99 excl. VAT + VAT 16.80 = 96.79 (PP-7.3, rulebook plusport@2024-01-01)',
      );
    });

    it('PP-7.3: given exactly 20 % paid (121.00), then the threshold is met but max(0, 96.80 - 121.00) = 0', () => {
      const d = decidePlusportForceMajeureRefund(rb, { ...base, paidCents: 12_100, supplierCostsCents: 0 });
      expect(d.inputs['paidBelowRetentionThreshold']).toBe(false);
      expect(d.inputs['paidForUndeliveredCents']).toBe(9_680);
      expect(d.refundCents).toBe(0);
    });

    it('PP-7.3: given nothing delivered and full payment, then refund = 605.00 - 121.00 - 50.00 = 434.00', () => {
      const d = decidePlusportForceMajeureRefund(rb, {
        ...base,
        components: base.components.map((c) => ({ ...c, delivered: false })),
      });
      expect(d.refundCents).toBe(43_400);
    });
  });

  describe('PP-5.2 price change (agreement 2026-01-15)', () => {
    const change = (changedAt: string, newPriceCents: number, agreementAt = '2026-01-15') =>
      decidePlusportPriceChange(rb, { agreementAt, changedAt, oldPriceCents: 40_000, newPriceCents });

    it('PP-5.2 / PP-I13: given a 10 % increase exactly 3 months after the agreement (2026-04-15), then a dissolution right', () => {
      const d = change('2026-04-15', 44_000);
      expect(d.allowed).toBe(true);
      expect(d.explanation).toBe(
        'Price raised 10 % (400.00 to 440.00) on 2026-04-15, within 3 months after the agreement of 2026-01-15 (window ends 2026-04-15): the customer may dissolve the agreement, paying for what was already performed (PP-5.2, rulebook plusport@2024-01-01)',
      );
    });

    it('PP-5.2: given an increase of 9.9975 % (399.99 cents short of 10 %), then no right', () => {
      expect(change('2026-03-01', 43_999).allowed).toBe(false);
    });

    it('PP-5.2 / PP-I13: given a 10 % increase one day after the window (2026-04-16), then no right', () => {
      expect(change('2026-04-16', 44_000).allowed).toBe(false);
    });

    it('PP-5.2 / PP-I13: given an agreement on 2025-11-30, then the window ends 2026-02-28 (month clamps)', () => {
      expect(change('2026-02-28', 44_000, '2025-11-30').allowed).toBe(true);
      expect(change('2026-03-01', 44_000, '2025-11-30').allowed).toBe(false);
      expect(change('2026-02-28', 44_000, '2025-11-30').inputs['windowEndsOn']).toBe('2026-02-28');
    });

    it('PP-5.2: given a price decrease, then no right', () => {
      expect(change('2026-02-01', 30_000).allowed).toBe(false);
    });
  });

  describe('PP-5.3 due date and PP-5.4 interest', () => {
    it('PP-5.3 / PP-I11: given an invoice of 2026-03-01 for a course starting Fri 2026-03-20 09:00, then due before the start, due date 2026-03-19', () => {
      const d = decidePlusportInvoiceDueDate(rb, { invoiceDate: '2026-03-01', startsAt: '2026-03-20T09:00:00+01:00' });
      expect(d.deadlines).toEqual({ dueBefore: '2026-03-20T09:00:00+01:00', dueDate: '2026-03-19' });
      expect(d.ruleIds).toEqual(['PP-5.3']);
      expect(d.explanation).toBe(
        'Invoice of 2026-03-01 must be paid before the course starts (2026-03-20T09:00:00+01:00), without set-off: due date 2026-03-19 (PP-5.3, rulebook plusport@2024-01-01)',
      );
    });

    it('PP-5.3: given an invoice issued on the start date itself, then the due date is that date (before the start time)', () => {
      const d = decidePlusportInvoiceDueDate(rb, { invoiceDate: '2026-03-20', startsAt: '2026-03-20T13:00:00+01:00' });
      expect(d.deadlines).toEqual({ dueBefore: '2026-03-20T13:00:00+01:00', dueDate: '2026-03-20' });
    });

    it('PP-5.3: given e-learning only (no later start), then due at once', () => {
      expect(decidePlusportInvoiceDueDate(rb, { invoiceDate: '2026-03-01' }).deadlines).toEqual({
        dueDate: '2026-03-01',
      });
    });

    it('PP-5.4 / PP-I11: given due date 2026-03-19 and 1,210.00 unpaid on 2026-03-20, then statutory interest from 2026-03-20 without notice', () => {
      const d = decidePlusportLatePayment(rb, {
        dueDate: '2026-03-19',
        asOf: '2026-03-20T08:00:00+01:00',
        outstandingCents: 121_000,
        customerKind: 'business',
      });
      expect(d.deadlines).toEqual({ interestFrom: '2026-03-20' });
      expect(d.inputs['noticeRequired']).toBe(false);
      expect(d.inputs['interestRate']).toBe('commercial');
      expect(d.explanation).toBe(
        'Invoice due 2026-03-19 unpaid on 2026-03-20 (1,210.00 outstanding): statutory commercial interest (art. 6:119a BW) from 2026-03-20, no notice needed (PP-5.4, rulebook plusport@2024-01-01)',
      );
    });

    it('PP-5.4: given a consumer, then the consumer rate (art. 6:119 BW)', () => {
      const d = decidePlusportLatePayment(rb, {
        dueDate: '2026-03-19',
        asOf: '2026-04-01',
        outstandingCents: 100,
        customerKind: 'consumer',
      });
      expect(d.inputs['interestRate']).toBe('consumer');
    });

    it('PP-5.4: given the due date has not passed (23:00 on the due date) or nothing is outstanding, then INVOICE_NOT_OVERDUE', () => {
      const early = violation(() =>
        decidePlusportLatePayment(rb, {
          dueDate: '2026-03-19',
          asOf: '2026-03-19T23:00:00+01:00',
          outstandingCents: 100,
          customerKind: 'consumer',
        }),
      );
      expect([early.error, early.ruleId]).toEqual(['INVOICE_NOT_OVERDUE', 'PP-5.4']);
      const paid = violation(() =>
        decidePlusportLatePayment(rb, {
          dueDate: '2026-03-19',
          asOf: '2026-03-25',
          outstandingCents: 0,
          customerKind: 'consumer',
        }),
      );
      expect(paid.error).toBe('INVOICE_NOT_OVERDUE');
    });
  });

  describe('PP-5.7 suspension while unpaid', () => {
    it('PP-5.7 / PP-I17: given 0.01 outstanding, then delivery may be suspended (access suspended-unpaid)', () => {
      const d = decidePlusportSuspension(rb, { asOf: '2026-03-05T10:00:00+01:00', outstandingCents: 1 });
      expect(d.allowed).toBe(true);
      expect(d.inputs['accessState']).toBe('suspended-unpaid');
      expect(d.explanation).toBe(
        'Invoice unpaid on 2026-03-05 (0.01 outstanding): delivery may be suspended (access suspended-unpaid) (PP-5.7, rulebook plusport@2024-01-01)',
      );
    });

    it('PP-5.7: given the invoice paid, then no suspension (access active)', () => {
      const d = decidePlusportSuspension(rb, { asOf: '2026-03-05', outstandingCents: 0 });
      expect(d.allowed).toBe(false);
      expect(d.inputs['accessState']).toBe('active');
    });
  });
});
