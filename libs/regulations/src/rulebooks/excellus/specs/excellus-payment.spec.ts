import { RulebookRegistry } from '../../../rulebook';
import { expectRecomputesIdentically } from '../../vli/specs/test-support';
import {
  EXCELLUS_2024_01_01,
  decideExcellusAttendance,
  decideExcellusCollectionCosts,
  decideExcellusComplaintSuspension,
  decideExcellusPaymentDueDate,
  decideExcellusPriceChange,
  decideExcellusResit,
  excellusVersions,
} from '../index';
import type { ExcellusCollectionCostsInput, ExcellusPriceChangeInput, ExcellusResitInput } from '../index';
import { violation } from '../../../rule-violation.test-support';

const exc = EXCELLUS_2024_01_01;
const registry = new RulebookRegistry();
for (const v of excellusVersions) registry.register(v);

describe('EXC-7.1-2 price change: within 3 months after the agreement no effect; later an increase gives a right to dissolve; not for legal changes', () => {
  const change = (input: Partial<ExcellusPriceChangeInput> & Pick<ExcellusPriceChangeInput, 'changedAt'>) =>
    decideExcellusPriceChange(exc, {
      agreedAt: '2026-01-15',
      startsAt: '2026-09-01',
      agreedPriceCents: 100_000,
      newPriceCents: 110_000,
      ...input,
    });

  it('EXC-7.1-2 given an agreement of 2026-01-15, when the price rises on 2026-04-15 (exactly 3 months later), then no effect: 1,000.00 stands, no dissolution right', () => {
    const d = change({ changedAt: '2026-04-15' });
    expect(d.applicablePriceCents).toBe(100_000);
    expect(d.dissolutionRight).toBe(false);
    expect(d.allowed).toBe(false);
    expect(d.surchargeCents).toBeUndefined();
    expect(d.inputs['priceCase']).toBe('within-no-effect-period');
    expect(d.ruleIds).toEqual(['EXC-7.1-2']);
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-7.1-2 given the same agreement, when the price rises to 1,100.00 on 2026-04-16 (a day later, before start), then it applies (+100.00) with a right to dissolve', () => {
    const d = change({ changedAt: '2026-04-16T09:00:00+02:00' });
    expect(d.applicablePriceCents).toBe(110_000);
    expect(d.surchargeCents).toBe(10_000);
    expect(d.dissolutionRight).toBe(true);
    expect(d.allowed).toBe(true);
    expect(d.explanation).toBe(
      'Price change: the change on 2026-04-16 is more than 3 months after the agreement and before the start: price 1,100.00, and the increase gives the customer a right to dissolve the agreement (EXC-7.1-2, rulebook excellus@2024-01-01)',
    );
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-7.1-2 given a price decrease after 3 months, when decided, then the lower price applies without a dissolution right', () => {
    const d = change({ changedAt: '2026-05-01', newPriceCents: 90_000 });
    expect(d.applicablePriceCents).toBe(90_000);
    expect(d.dissolutionRight).toBe(false);
    expect(d.surchargeCents).toBeUndefined();
  });

  it('EXC-7.1-2 given a price change required by law within the 3 months, when decided, then it applies (+210.00) without a dissolution right', () => {
    const d = change({ changedAt: '2026-02-01', newPriceCents: 121_000, requiredByLaw: true });
    expect(d.applicablePriceCents).toBe(121_000);
    expect(d.surchargeCents).toBe(21_000);
    expect(d.dissolutionRight).toBe(false);
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-7.1-2 given a change on the start date, when decided, then the agreed price stands; month arithmetic clamps (2025-11-30 + 3 months = 2026-02-28)', () => {
    expect(change({ changedAt: '2026-09-01' }).applicablePriceCents).toBe(100_000);
    const clamp = { agreedAt: '2025-11-30', startsAt: '2026-09-01' };
    expect(change({ ...clamp, changedAt: '2026-02-28' }).dissolutionRight).toBe(false);
    expect(change({ ...clamp, changedAt: '2026-03-01' }).dissolutionRight).toBe(true);
  });
});

describe('EXC-10.3 due date: start minus 10 days unless the invoice says otherwise', () => {
  it('EXC-10.3 given a course starting 2026-06-12, when invoiced, then payment is due 2026-06-02', () => {
    const d = decideExcellusPaymentDueDate(exc, { startsAt: '2026-06-12T09:00:00+02:00', registeredAt: '2026-03-01' });
    expect(d.deadlines).toEqual({ dueDate: '2026-06-02' });
    expect(d.ruleIds).toEqual(['EXC-10.3']);
    expect(d.explanation).toBe(
      'Payment due 2026-06-02: 10 days before the start on 2026-06-12 (EXC-10.3, rulebook excellus@2024-01-01)',
    );
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-10.3 given an invoice stating 2026-05-15, when decided, then the invoice date applies', () => {
    const d = decideExcellusPaymentDueDate(exc, { startsAt: '2026-06-12', invoiceDueDate: '2026-05-15' });
    expect(d.deadlines).toEqual({ dueDate: '2026-05-15' });
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-10.3 given a registration on 2026-06-05, after start minus 10 days, when decided, then payment is due on the registration date', () => {
    const d = decideExcellusPaymentDueDate(exc, { startsAt: '2026-06-12', registeredAt: '2026-06-05T14:00:00+02:00' });
    expect(d.deadlines).toEqual({ dueDate: '2026-06-05' });
    expect(d.inputs['basis']).toBe('registration-date');
    expect(decideExcellusPaymentDueDate(exc, { startsAt: '2026-06-12', registeredAt: '2026-06-02' }).deadlines).toEqual(
      { dueDate: '2026-06-02' },
    );
  });
});

describe('EXC-11 reminder + 14 days, then statutory interest and collection costs (15/10/5 %, minimum 40.00); EXC-I2 the WIK scale above 10,000.00', () => {
  const costs = (
    input: Partial<ExcellusCollectionCostsInput> & Pick<ExcellusCollectionCostsInput, 'outstandingCents'>,
  ) =>
    decideExcellusCollectionCosts(exc, {
      customerKind: 'consumer',
      dueDate: '2026-03-02',
      reminderReceivedOn: '2026-03-09',
      ...input,
    });

  it('EXC-11 given 3,000.00 unpaid after a reminder received Mon 2026-03-09, when decided, then 425.00 collection costs and interest from 2026-03-24', () => {
    const d = costs({ outstandingCents: 300_000 });
    expect(d.surchargeCents).toBe(42_500);
    expect(d.ruleIds).toEqual(['EXC-11', 'WIK-2']);
    expect(d.interpretationIds).toEqual([]);
    expect(d.deadlines).toEqual({
      defaultFrom: '2026-03-03',
      reminderTermEndsOn: '2026-03-23',
      collectionCostsDueFrom: '2026-03-24',
      interestFrom: '2026-03-24',
    });
    expect(d.inputs['interestTable']).toBe('art. 6:119 BW (consumer)');
    expect(d.explanation).toBe(
      'In default from 2026-03-03; reminder received 2026-03-09 gave until 2026-03-23: collection costs on 3,000.00 = 425.00 from 2026-03-24, statutory interest (art. 6:119 BW (consumer)) from 2026-03-24 (EXC-11, WIK-2, rulebook excellus@2024-01-01)',
    );
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-11 given 200.00 unpaid (15 % = 30.00), when decided, then the minimum 40.00 applies; 300.00 gives 45.00', () => {
    expect(costs({ outstandingCents: 20_000 }).surchargeCents).toBe(4_000);
    expect(costs({ outstandingCents: 30_000 }).surchargeCents).toBe(4_500);
  });

  it('EXC-11 given exactly 10,000.00 unpaid, when decided, then 375.00 + 250.00 + 250.00 = 875.00 from the seed scale alone', () => {
    const d = costs({ outstandingCents: 1_000_000 });
    expect(d.surchargeCents).toBe(87_500);
    expect(d.interpretationIds).toEqual([]);
  });

  it('EXC-I2 given 20,000.00 unpaid, when decided, then the WIK scale continues above 10,000.00: 875.00 + 1 % of 10,000.00 = 975.00', () => {
    const d = costs({ outstandingCents: 2_000_000, customerKind: 'business' });
    expect(d.surchargeCents).toBe(97_500);
    expect(d.interpretationIds).toEqual(['EXC-I2']);
    expect(d.inputs['interestTable']).toBe('art. 6:119a BW (commercial)');
    expectRecomputesIdentically(registry, d);
    expect(costs({ outstandingCents: 1_000_001 }).interpretationIds).toEqual(['EXC-I2']);
  });

  it('EXC-I2 given 300,000.00 unpaid, then 875.00 + 1,900.00 + 0.5 % of 100,000.00 = 3,275.00; 2,000,000.00 is capped at 6,775.00', () => {
    expect(costs({ outstandingCents: 30_000_000 }).surchargeCents).toBe(327_500);
    expect(costs({ outstandingCents: 200_000_000 }).surchargeCents).toBe(677_500);
  });

  it('EXC-11 given a reminder received Sat 2026-03-07 whose 14th day is a Saturday, when decided, then the term ends Mon 03-23 and costs run from 03-24', () => {
    const d = costs({ reminderReceivedOn: '2026-03-07', outstandingCents: 50_000 });
    expect(d.deadlines?.['reminderTermEndsOn']).toBe('2026-03-23');
    expect(d.deadlines?.['collectionCostsDueFrom']).toBe('2026-03-24');
    expect(d.surchargeCents).toBe(7_500);
  });

  it('EXC-11 given nothing outstanding after the reminder term, when decided, then no collection costs', () => {
    const d = costs({ outstandingCents: 0 });
    expect(d.surchargeCents).toBe(0);
    expect(d.ruleIds).toEqual(['EXC-11']);
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-11 given a reminder received on the due date itself, when decided, then refused: a reminder can only follow the default (REMINDER_BEFORE_DEFAULT)', () => {
    const e = violation(() => costs({ reminderReceivedOn: '2026-03-02', outstandingCents: 10_000 }));
    expect(e.error).toBe('REMINDER_BEFORE_DEFAULT');
    expect(e.ruleId).toBe('EXC-11');
  });
});

describe('EXC-12 a complaint suspends interest and collection costs', () => {
  it('EXC-12 given a complaint filed 2026-04-10 and resolved 2026-04-20, when decided, then charging is suspended 11 days, from 04-10 until (exclusive) 04-21', () => {
    const d = decideExcellusComplaintSuspension(exc, {
      complaintFiledAt: '2026-04-10T15:00:00+02:00',
      complaintResolvedAt: '2026-04-20',
    });
    expect(d.ruleIds).toEqual(['EXC-12']);
    expect(d.deadlines).toEqual({ suspendedFrom: '2026-04-10', suspendedUntil: '2026-04-21' });
    expect(d.inputs['suspendedDays']).toBe(11);
    expect(d.explanation).toBe(
      'Complaint filed 2026-04-10 and resolved 2026-04-20: interest and collection costs suspended for 11 days (2026-04-10 up to but not including 2026-04-21) (EXC-12, rulebook excellus@2024-01-01)',
    );
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-12 given a complaint still open, when decided, then the suspension runs from its filing date without an end', () => {
    const d = decideExcellusComplaintSuspension(exc, { complaintFiledAt: '2026-04-10' });
    expect(d.deadlines).toEqual({ suspendedFrom: '2026-04-10' });
    expectRecomputesIdentically(registry, d);
    expect(() =>
      decideExcellusComplaintSuspension(exc, { complaintFiledAt: '2026-04-10', complaintResolvedAt: '2026-04-09' }),
    ).toThrow(/before it was filed/);
  });
});

describe('EXC-13 more than 15 minutes late: entry refused, no refund; misconduct: removed, no refund', () => {
  // Sunday 2026-03-29 is the day the clocks go forward; 09:00 CEST.
  const late = (arrivedAt: string) =>
    decideExcellusAttendance(exc, {
      reason: 'late',
      startsAt: '2026-03-29T09:00:00+02:00',
      arrivedAt,
      priceCents: 45_000,
      paidCents: 45_000,
    });

  it('EXC-13 given a training at 09:00, when the learner arrives at 09:15 (exactly 15 minutes late), then admitted', () => {
    const d = late('2026-03-29T09:15:00+02:00');
    expect(d.allowed).toBe(true);
    expect(d.feeCents).toBeUndefined();
    expect(d.deadlines).toEqual({ entryAllowedUntil: '2026-03-29T09:15:00+02:00' });
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-13 given the same training, when the learner arrives at 09:16 (or 09:15:01), then entry is refused and nothing is refunded', () => {
    const d = late('2026-03-29T09:16:00+02:00');
    expect(d.allowed).toBe(false);
    expect(d.feeCents).toBe(45_000);
    expect(d.refundCents).toBe(0);
    expect(d.ruleIds).toEqual(['EXC-13']);
    expect(d.explanation).toBe(
      'Learner arrived 16 min after the start, more than 15 minutes late: entry refused, the price 450.00 stays due and nothing of 450.00 paid is refunded (EXC-13, rulebook excellus@2024-01-01)',
    );
    expectRecomputesIdentically(registry, d);
    expect(late('2026-03-29T07:15:01Z').allowed).toBe(false);
    expect(late('2026-03-29T07:15:00Z').allowed).toBe(true);
  });

  it('EXC-13 given misconduct, when the learner is removed, then no refund', () => {
    const d = decideExcellusAttendance(exc, {
      reason: 'misconduct',
      startsAt: '2026-03-29T09:00:00+02:00',
      removedAt: '2026-03-29T11:00:00+02:00',
      priceCents: 45_000,
      paidCents: 20_000,
    });
    expect(d.allowed).toBe(false);
    expect(d.refundCents).toBe(0);
    expect(d.feeCents).toBe(45_000);
    expectRecomputesIdentically(registry, d);
  });
});

describe('EXC-8.2 exam-only: one free resit within 6 (at most 8) weeks with another examiner', () => {
  const resit = (input: Partial<ExcellusResitInput> = {}) =>
    decideExcellusResit(exc, {
      offeringKind: 'exam-only',
      examSatOn: '2026-05-04',
      lastAttemptPassed: false,
      resitsTaken: 0,
      originalExaminerId: 'examiner-1',
      resitExaminerId: 'examiner-2',
      ...input,
    });

  it('EXC-8.2 given an exam failed on 2026-05-04, when a resit is requested, then free, to be held by 2026-06-15 (6 weeks) and at the latest 2026-06-29 (8 weeks)', () => {
    const d = resit();
    expect(d.allowed).toBe(true);
    expect(d.feeCents).toBe(0);
    expect(d.deadlines).toEqual({ resitTargetBy: '2026-06-15', resitLatestBy: '2026-06-29' });
    expect(d.ruleIds).toEqual(['EXC-8.2']);
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-8.2 given a resit planned on 2026-06-15 (exactly 6 weeks), then within target; 06-16 (a day later) beyond target but within 8 weeks; 06-30 beyond 8 weeks', () => {
    expect(resit({ resitOn: '2026-06-15' }).inputs['resitWithinTarget']).toBe(true);
    const d = resit({ resitOn: '2026-06-16' });
    expect(d.inputs['resitWithinTarget']).toBe(false);
    expect(d.inputs['resitWithinLimit']).toBe(true);
    expectRecomputesIdentically(registry, d);
    expect(resit({ resitOn: '2026-06-29' }).inputs['resitWithinLimit']).toBe(true);
    expect(resit({ resitOn: '2026-06-30' }).inputs['resitWithinLimit']).toBe(false);
  });

  it('EXC-8.2 given a second resit, the same examiner, a passed exam or a contact course, when requested, then refused', () => {
    expect(violation(() => resit({ resitsTaken: 1 })).error).toBe('RESIT_NOT_ALLOWED');
    expect(violation(() => resit({ resitExaminerId: 'examiner-1' })).error).toBe('SAME_EXAMINER');
    expect(violation(() => resit({ lastAttemptPassed: true })).ruleId).toBe('EXC-8.2');
    expect(violation(() => resit({ offeringKind: 'contact-course' })).error).toBe('RESIT_NOT_ALLOWED');
  });
});
