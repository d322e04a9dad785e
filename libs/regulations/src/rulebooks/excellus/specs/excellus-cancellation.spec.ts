import { RulebookRegistry } from '../../../rulebook';
import { DecisionInputError } from '../../vli/decisions/decision-inputs';
import { expectRecomputesIdentically } from '../../vli/specs/test-support';
import {
  EXCELLUS_2024_01_01,
  decideExcellusCancellation,
  decideExcellusProviderCancellation,
  decideExcellusSubstitution,
  excellusVersions,
} from '../index';
import type { ExcellusCancellationInput } from '../index';
import { violation } from '../../../rule-violation.test-support';

const exc = EXCELLUS_2024_01_01;
const registry = new RulebookRegistry();
for (const v of excellusVersions) registry.register(v);

type Partial2 = Partial<ExcellusCancellationInput> & Pick<ExcellusCancellationInput, 'requestedAt'>;

/** Contact course of 1,000.00, fully paid, consumer registered 2026-01-10 (cooling-off ended 2026-01-24), starting 2026-05-31. */
function contact(input: Partial2) {
  return decideExcellusCancellation(exc, {
    offeringKind: 'contact-course',
    customerKind: 'consumer',
    registeredAt: '2026-01-10T10:00:00+01:00',
    startsAt: '2026-05-31',
    priceCents: 100_000,
    paidCents: 100_000,
    ...input,
  });
}

describe('excellus rulebook version', () => {
  it('EXC-4.1 given the excellus registry, when asking for the version in force on 2026-05-01, then 2024-01-01 with VAT 0 (art. 7.5: exempt) and the 30/60/60/80 % bands', () => {
    const v = registry.rulebookFor('excellus', '2026-05-01');
    expect(v.version).toBe('2024-01-01');
    expect(v.vatRateBasisPoints).toBe(0);
    expect(exc.data.contactCourse.bands.map((b) => b.feeBasisPoints)).toEqual([3_000, 6_000, 6_000]);
    expect(exc.data.contactCourse.laterFeeBasisPoints).toBe(8_000);
  });
});

describe('EXC-4.1 contact-course bands (boundaries: <= start-2 months 30 %; <= start-1 month 60 %; <= start-14 days 60 % (EXC-I1); later 80 %)', () => {
  it('EXC-4.1 given a start on 2026-05-31, when cancelled on 2026-03-31 (exactly 2 months before), then 30 % = 300.00 and 700.00 is refunded', () => {
    const d = contact({ requestedAt: '2026-03-31T12:00:00+02:00' });
    expect(d.feeCents).toBe(30_000);
    expect(d.refundCents).toBe(70_000);
    expect(d.ruleIds).toEqual(['EXC-4.2', 'EXC-4.1']);
    expect(d.interpretationIds).toEqual([]);
    expect(d.inputs['band']).toBe('up-to-2-months');
    expect(d.inputs['bandLastDays']).toEqual({
      'up-to-2-months': '2026-03-31',
      '2-months-to-1-month': '2026-04-30',
      '1-month-to-2-weeks': '2026-05-17',
    });
    expect(d.inputs['coolingOffStatus']).toBe('expired');
    expect(d.explanation).toBe(
      'Contact course cancelled 2026-03-31: on or before 2026-03-31 (start 2026-05-31 minus 2 months): 30 % of 1,000.00 = 300.00; refund 700.00 of 1,000.00 paid; cooling-off ended 2026-01-24 (EXC-4.2, EXC-4.1, rulebook excellus@2024-01-01)',
    );
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-4.1 given the same course, when cancelled on 2026-04-01 (a day later), then 60 % = 600.00', () => {
    const d = contact({ requestedAt: '2026-04-01' });
    expect(d.feeCents).toBe(60_000);
    expect(d.refundCents).toBe(40_000);
    expect(d.inputs['band']).toBe('2-months-to-1-month');
    expect(d.interpretationIds).toEqual([]);
  });

  it('EXC-4.1 given the same course, when cancelled on 2026-04-30 (exactly 1 month before), then 60 % without interpretation', () => {
    const d = contact({ requestedAt: '2026-04-30' });
    expect(d.feeCents).toBe(60_000);
    expect(d.inputs['band']).toBe('2-months-to-1-month');
    expect(d.interpretationIds).toEqual([]);
  });

  it("EXC-I1 given the same course, when cancelled on 2026-05-01 (less than 1 month, at least 2 weeks before), then the gap is read in the customer's favour: 60 %", () => {
    const d = contact({ requestedAt: '2026-05-01' });
    expect(d.feeCents).toBe(60_000);
    expect(d.inputs['band']).toBe('1-month-to-2-weeks');
    expect(d.interpretationIds).toEqual(['EXC-I1']);
    expect(d.explanation).toContain('(EXC-4.2, EXC-4.1, EXC-I1, rulebook excellus@2024-01-01)');
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-I1 given the same course, when cancelled on 2026-05-17 (exactly 14 days before), then still 60 % under EXC-I1', () => {
    const d = contact({ requestedAt: '2026-05-17' });
    expect(d.feeCents).toBe(60_000);
    expect(d.interpretationIds).toEqual(['EXC-I1']);
  });

  it('EXC-4.1 given the same course, when cancelled on 2026-05-18 (13 days before, a day later), then 80 % = 800.00 and 200.00 is refunded', () => {
    const d = contact({ requestedAt: '2026-05-18' });
    expect(d.feeCents).toBe(80_000);
    expect(d.refundCents).toBe(20_000);
    expect(d.inputs['band']).toBe('later');
    expect(d.interpretationIds).toEqual([]);
    expect(d.inputs['daysBeforeStart']).toBe(13);
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-4.1 given the same course, when the learner stops after the start (tussentijdse beëindiging), then 80 %', () => {
    expect(contact({ requestedAt: '2026-06-02' }).feeCents).toBe(80_000);
  });

  it('EXC-4.1 given a cancellation e-mail sent 2026-03-31T21:59Z (23:59 CEST), then 30 %; sent 22:00Z (00:00 CEST on 04-01), then 60 %', () => {
    expect(contact({ requestedAt: '2026-03-31T21:59:00Z' }).feeCents).toBe(30_000);
    expect(contact({ requestedAt: '2026-03-31T22:00:00Z' }).feeCents).toBe(60_000);
  });

  it('EXC-4.1 given a start on 2026-03-31, when month arithmetic clamps (1 month before = 2026-02-28), then 02-28 is 60 % plain and 03-01 is 60 % under EXC-I1; 03-17 is the last 60 % day', () => {
    const base = { registeredAt: '2025-12-01', startsAt: '2026-03-31' };
    const feb28 = contact({ ...base, requestedAt: '2026-02-28' });
    expect(feb28.inputs['bandLastDays']).toEqual({
      'up-to-2-months': '2026-01-31',
      '2-months-to-1-month': '2026-02-28',
      '1-month-to-2-weeks': '2026-03-17',
    });
    expect(feb28.inputs['band']).toBe('2-months-to-1-month');
    expect(contact({ ...base, requestedAt: '2026-03-01' }).interpretationIds).toEqual(['EXC-I1']);
    expect(contact({ ...base, requestedAt: '2026-03-17' }).feeCents).toBe(60_000);
    expect(contact({ ...base, requestedAt: '2026-03-18' }).feeCents).toBe(80_000);
  });

  it('EXC-4.1 given a price of 333.33, when cancelled in each band, then 30 % = 100.00, 60 % = 200.00, 80 % = 266.66 (half-up once)', () => {
    expect(contact({ priceCents: 33_333, paidCents: 0, requestedAt: '2026-03-01' }).feeCents).toBe(10_000);
    expect(contact({ priceCents: 33_333, paidCents: 0, requestedAt: '2026-04-15' }).feeCents).toBe(20_000);
    const late = contact({ priceCents: 33_333, paidCents: 0, requestedAt: '2026-05-30' });
    expect(late.feeCents).toBe(26_666);
    expect(late.refundCents).toBe(0);
  });

  it('EXC-4.1 / EXC-I3 version 1 given a business customer registered 5 days ago, when cancelling 3 months before start, then no cooling-off: 30 %', () => {
    const d = contact({
      customerKind: 'business',
      registeredAt: '2026-02-20',
      requestedAt: '2026-02-25',
      readings: { 'EXC-I3': 1 },
    });
    expect(d.feeCents).toBe(30_000);
    expect(d.ruleIds).toEqual(['EXC-4.1']);
    expect(d.inputs['coolingOffStatus']).toBe('not-applicable-business');
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-4.2 / EXC-I3 (rev 2) given a business customer registered 5 days ago, when cancelling 3 months before start, then the cooling-off makes it free', () => {
    const d = contact({ customerKind: 'business', registeredAt: '2026-02-20', requestedAt: '2026-02-25' });
    expect(d.feeCents).toBe(0);
    expect(d.refundCents).toBe(100_000);
    expect(d.ruleIds).toEqual(['EXC-4.2']);
    expect(d.interpretationIds).toEqual(['EXC-I3']);
    expect(d.inputs['coolingOffStatus']).toBe('applies');
    expect(d.inputs['readings']).toEqual({ 'EXC-I3': 2, 'EXC-I4': 2, 'MONEY-I1': 2 });
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-4.1* given an in-company/group agreement of 5,000.00, when cancelled 2026-05-10 (3 weeks before), then 60 % of the whole agreement = 3,000.00 and no cooling-off', () => {
    const d = contact({
      group: true,
      customerKind: 'business',
      registeredAt: '2026-05-01',
      priceCents: 500_000,
      paidCents: 500_000,
      requestedAt: '2026-05-10',
    });
    expect(d.feeCents).toBe(300_000);
    expect(d.refundCents).toBe(200_000);
    expect(d.ruleIds).toEqual(['EXC-4.2', 'EXC-4.1', 'EXC-4.1*']);
    expect(d.interpretationIds).toEqual(['EXC-I1']);
    expect(d.inputs['coolingOffStatus']).toBe('not-applicable-group');
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-4.2 given a group course booked by a consumer, when cancelled the day after registration, then there is no cooling-off for group courses', () => {
    const d = contact({ group: true, registeredAt: '2026-03-01', requestedAt: '2026-03-02' });
    expect(d.feeCents).toBe(30_000);
    expect(d.inputs['coolingOffStatus']).toBe('not-applicable-group');
  });
});

describe('EXC-4.2 cooling-off: free up to 14 days after registration (sending date), consumers only, waived when the course starts within 14 days', () => {
  const base = { registeredAt: '2026-03-01T10:00:00+01:00', startsAt: '2026-06-01' };

  it('EXC-4.2 given a consumer registered 2026-03-01, when cancelling on 2026-03-15 (day 14), then free of charge and everything paid is refunded', () => {
    const d = contact({ ...base, requestedAt: '2026-03-15T23:00:00+01:00' });
    expect(d.feeCents).toBe(0);
    expect(d.refundCents).toBe(100_000);
    expect(d.ruleIds).toEqual(['EXC-4.2']);
    expect(d.deadlines).toEqual({ coolingOffUntil: '2026-03-15' });
    expect(d.explanation).toBe(
      'Contact course cancelled 2026-03-15: cancelled free of charge within the cooling-off period; refund 1,000.00 of 1,000.00 paid; within the 14-day cooling-off period (until 2026-03-15) (EXC-4.2, rulebook excellus@2024-01-01)',
    );
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-4.2 given the same registration, when cancelling on 2026-03-16 (day 15), then the cooling-off has ended: 30 % under EXC-4.1', () => {
    const d = contact({ ...base, requestedAt: '2026-03-16' });
    expect(d.feeCents).toBe(30_000);
    expect(d.inputs['coolingOffStatus']).toBe('expired');
  });

  it('EXC-4.2 given a course starting 2026-03-15 (exactly 14 days after registration), when cancelled the next day, then the cooling-off was waived: 80 %', () => {
    const d = contact({ ...base, startsAt: '2026-03-15', requestedAt: '2026-03-02' });
    expect(d.inputs['coolingOffStatus']).toBe('waived');
    expect(d.feeCents).toBe(80_000);
    expect(d.explanation).toContain('cooling-off waived: the course starts within 14 days of registration');
  });

  it('EXC-4.2 given a course starting 2026-03-16 (15 days after registration), when cancelled the next day, then the cooling-off applies: free', () => {
    const d = contact({ ...base, startsAt: '2026-03-16', requestedAt: '2026-03-02' });
    expect(d.inputs['coolingOffStatus']).toBe('applies');
    expect(d.feeCents).toBe(0);
  });

  it('EXC-4.2 given a cancellation dated before the registration, when decided, then the input is rejected', () => {
    expect(() => contact({ ...base, requestedAt: '2026-02-28' })).toThrow(DecisionInputError);
  });
});

describe('EXC-4.3 exam-only: up to 6 weeks before, administration costs (max 50.00) + e-learning; later the full price', () => {
  /** Exam of 350.00 on Fri 2026-06-12; consumer registered 2026-01-05 (cooling-off over). */
  const exam = (input: Partial2) =>
    decideExcellusCancellation(exc, {
      offeringKind: 'exam-only',
      customerKind: 'consumer',
      registeredAt: '2026-01-05',
      startsAt: '2026-06-12',
      priceCents: 35_000,
      paidCents: 35_000,
      ...input,
    });

  it('EXC-4.3 given an exam on 2026-06-12, when cancelled on 2026-05-01 (exactly 6 weeks before), then administration costs 50.00 and 300.00 refunded', () => {
    const d = exam({ requestedAt: '2026-05-01' });
    expect(d.feeCents).toBe(5_000);
    expect(d.refundCents).toBe(30_000);
    expect(d.ruleIds).toEqual(['EXC-4.2', 'EXC-4.3']);
    expect(d.inputs['lastReducedFeeDay']).toBe('2026-05-01');
    expect(d.explanation).toBe(
      'Exam-only booking cancelled 2026-05-01: on or before 2026-05-01 (42 days before the exam on 2026-06-12): administration costs 50.00 = 50.00; refund 300.00 of 350.00 paid; cooling-off ended 2026-01-19 (EXC-4.2, EXC-4.3, rulebook excellus@2024-01-01)',
    );
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-4.3 given the same exam, when cancelled on 2026-05-02 (a day later), then the full price 350.00 and nothing refunded', () => {
    const d = exam({ requestedAt: '2026-05-02' });
    expect(d.feeCents).toBe(35_000);
    expect(d.refundCents).toBe(0);
    expect(d.inputs['band']).toBe('later');
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-4.3 / EXC-I4 given an e-learning environment of 120.00 whose login details were issued, when cancelled 6 weeks before, then 50.00 + 120.00 = 170.00', () => {
    const d = exam({ requestedAt: '2026-04-20', credentialsIssuedAt: '2026-04-02', eLearningCostCents: 12_000 });
    expect(d.feeCents).toBe(17_000);
    expect(d.refundCents).toBe(18_000);
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-4.3 given an offering stating administration costs of 25.00 (or 75.00), when cancelled in time, then 25.00 (75.00 is capped at 50.00)', () => {
    const low = exam({ requestedAt: '2026-04-20', adminCostsCents: 2_500 });
    expect(low.feeCents).toBe(2_500);
    expectRecomputesIdentically(registry, low);
    expect(exam({ requestedAt: '2026-04-20', adminCostsCents: 7_500 }).feeCents).toBe(5_000);
  });

  it('EXC-4.3 / EXC-I4 given login details issued for an e-learning without its cost, when decided, then the input is rejected', () => {
    expect(() => exam({ requestedAt: '2026-04-20', credentialsIssuedAt: '2026-04-02' })).toThrow(DecisionInputError);
    expect(() => exam({ requestedAt: '2026-04-20', eLearningUsed: true, readings: { 'EXC-I4': 1 } })).toThrow(
      DecisionInputError,
    );
  });

  it('EXC-4.2 given an exam-only booking by a consumer on 2026-04-01 for 2026-06-12, when cancelled on 04-10, then the cooling-off makes it free', () => {
    const d = exam({ registeredAt: '2026-04-01', requestedAt: '2026-04-10' });
    expect(d.feeCents).toBe(0);
    expect(d.refundCents).toBe(35_000);
    expect(d.ruleIds).toEqual(['EXC-4.3', 'EXC-4.2']);
  });
});

describe('EXC-4.4 e-learning: no cancellation once credentials were issued; before that the statutory 14 days', () => {
  const el = (input: Partial2) =>
    decideExcellusCancellation(exc, {
      offeringKind: 'e-learning',
      customerKind: 'consumer',
      registeredAt: '2026-03-01T10:00:00+01:00',
      priceCents: 19_500,
      paidCents: 19_500,
      ...input,
    });

  it('EXC-4.4 given credentials issued on 2026-03-03, when the consumer cancels on 2026-03-05 (within 14 days), then it is refused (CANCELLATION_NOT_ALLOWED)', () => {
    const e = violation(() =>
      el({ credentialsIssuedAt: '2026-03-03T09:00:00+01:00', requestedAt: '2026-03-05T12:00:00+01:00' }),
    );
    expect(e.error).toBe('CANCELLATION_NOT_ALLOWED');
    expect(e.ruleId).toBe('EXC-4.4');
  });

  it('EXC-4.4 given no credentials issued yet, when the consumer cancels on 2026-03-15 (day 14), then free and 195.00 refunded', () => {
    const d = el({ requestedAt: '2026-03-15T20:00:00+01:00' });
    expect(d.feeCents).toBe(0);
    expect(d.refundCents).toBe(19_500);
    expect(d.ruleIds).toEqual(['EXC-4.4', 'EXC-4.2']);
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-4.4 given credentials issued only after the cancellation was sent, when decided, then the cancellation stands: free', () => {
    const d = el({ credentialsIssuedAt: '2026-03-05T12:00:01+01:00', requestedAt: '2026-03-05T12:00:00+01:00' });
    expect(d.feeCents).toBe(0);
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-4.4 given no credentials, when the consumer cancels on 2026-03-16 (day 15), then the statutory period is over: refused', () => {
    const e = violation(() => el({ requestedAt: '2026-03-16T08:00:00+01:00' }));
    expect(e.ruleId).toBe('EXC-4.4');
    expect(e.details['coolingOffStatus']).toBe('expired');
  });

  it('EXC-4.4 / EXC-I3 version 1 given a business customer without credentials, when cancelling the next day, then refused (the statutory period was read as a consumer right)', () => {
    expect(
      violation(() => el({ customerKind: 'business', requestedAt: '2026-03-02', readings: { 'EXC-I3': 1 } })).ruleId,
    ).toBe('EXC-4.4');
  });

  it('EXC-4.4 / EXC-I3 (rev 2) given a business customer without credentials, when cancelling the next day, then free within the cooling-off', () => {
    const d = el({ customerKind: 'business', requestedAt: '2026-03-02' });
    expect([d.feeCents, d.refundCents]).toEqual([0, 19_500]);
    expect(d.ruleIds).toEqual(['EXC-4.4', 'EXC-4.2']);
    expect(d.interpretationIds).toEqual(['EXC-I3']);
  });
});

describe('EXC-4.5 course material bought at a distance: 14 days to dissolve, from the day after receipt', () => {
  const material = (input: Partial2) =>
    decideExcellusCancellation(exc, {
      offeringKind: 'material',
      customerKind: 'consumer',
      registeredAt: '2026-02-20',
      priceCents: 4_500,
      paidCents: 4_500,
      ...input,
    });

  it('EXC-4.5 given material received on 2026-03-02, when dissolved on 2026-03-16 (day 14 counted from 03-03), then free and 45.00 refunded', () => {
    const d = material({ materialReceivedOn: '2026-03-02', requestedAt: '2026-03-16' });
    expect(d.feeCents).toBe(0);
    expect(d.refundCents).toBe(4_500);
    expect(d.ruleIds).toEqual(['EXC-4.5']);
    expect(d.inputs['withdrawalWindowEndsOn']).toBe('2026-03-16');
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-4.5 given the same receipt, when dissolved on 2026-03-17 (a day later), then refused', () => {
    const e = violation(() => material({ materialReceivedOn: '2026-03-02', requestedAt: '2026-03-17' }));
    expect(e.error).toBe('CANCELLATION_NOT_ALLOWED');
    expect(e.ruleId).toBe('EXC-4.5');
  });

  it('EXC-4.5 given material not yet received, when dissolved, then free; a business buyer is refused', () => {
    expect(material({ requestedAt: '2026-02-25' }).refundCents).toBe(4_500);
    expect(violation(() => material({ customerKind: 'business', requestedAt: '2026-02-25' })).ruleId).toBe('EXC-4.5');
  });
});

describe('EXC-4.2b substitution and EXC-4.9 cancellation by Excellus', () => {
  it('EXC-4.2b given a colleague taking the place, when decided, then allowed at no charge and the invoice stays with the original registrant', () => {
    const d = decideExcellusSubstitution(exc, {
      requestedAt: '2026-05-30T08:00:00+02:00',
      originalLearnerId: 'learner-a',
      substituteLearnerId: 'learner-b',
      invoiceCustomerId: 'customer-a',
    });
    expect(d.allowed).toBe(true);
    expect(d.feeCents).toBe(0);
    expect(d.invoiceCustomerId).toBe('customer-a');
    expect(d.ruleIds).toEqual(['EXC-4.2b']);
    expectRecomputesIdentically(registry, d);
    expect(() =>
      decideExcellusSubstitution(exc, {
        requestedAt: '2026-05-30',
        originalLearnerId: 'a',
        substituteLearnerId: 'a',
        invoiceCustomerId: 'c',
      }),
    ).toThrow(DecisionInputError);
  });

  it('EXC-4.9 given Excellus cancels a course with 450.00 paid, when decided, then 450.00 is refunded and no fee is due', () => {
    const d = decideExcellusProviderCancellation(exc, { cancelledAt: '2026-05-20T09:00:00+02:00', paidCents: 45_000 });
    expect(d.feeCents).toBe(0);
    expect(d.refundCents).toBe(45_000);
    expect(d.ruleIds).toEqual(['EXC-4.9']);
    expect(d.explanation).toBe(
      'Excellus cancelled on 2026-05-20: everything paid (450.00) is refunded (EXC-4.9, rulebook excellus@2024-01-01)',
    );
    expectRecomputesIdentically(registry, d);
  });
});
