import { loiVersions, loiEarlyTermination, type LoiTerminationInput, type LoiBook } from '..';
import { violation } from '../../../rule-violation.test-support';

const loi = loiVersions[0] as unknown as LoiBook;

function terminate(overrides: Partial<LoiTerminationInput>) {
  return loiEarlyTermination(loi, {
    level: 'other',
    studyMonths: 12,
    tutor: true,
    startDate: '2026-02-23',
    requestedAt: '2026-06-20',
    // Net prices (MONEY-I1); recognised training is VAT-exempt (LOI-5.3-4), so net is what is paid.
    monthlyTuitionNetCents: 5_000,
    vatRateBasisPoints: 0,
    paidCents: 0,
    ...overrides,
  });
}

describe('LOI-12.2 no early termination for self-study or short courses', () => {
  it('LOI-12.2: given a course without tutor guidance, when termination is requested, then it is refused', () => {
    const v = violation(() => terminate({ tutor: false }));
    expect(v.error).toBe('TERMINATION_NOT_ALLOWED');
    expect(v.ruleId).toBe('LOI-12.2');
  });

  it('LOI-12.2: given a 6-month tutored course, when termination is requested, then it is refused (6 months or shorter)', () => {
    const v = violation(() => terminate({ studyMonths: 6 }));
    expect(v.ruleId).toBe('LOI-12.2');
  });

  it('LOI-12.2: given a 7-month tutored other course, when termination is requested, then notice applies (LOI-12.3-OV)', () => {
    const d = terminate({ studyMonths: 7 });
    expect(d.ruleIds).toEqual(['LOI-12.3-OV', 'LOI-12.4']);
  });

  it('LOI-12.2: given a 6-month HO or MBO course, then LOI-12.2 refuses before the level rule', () => {
    expect(violation(() => terminate({ level: 'hbo', studyMonths: 6 })).ruleId).toBe('LOI-12.2');
    expect(violation(() => terminate({ level: 'mbo', studyMonths: 6 })).ruleId).toBe('LOI-12.2');
  });
});

describe('LOI-12.3-OV other courses: 3 months notice from the start date day-of-month', () => {
  it('LOI-12.3-OV seed example: start 23 Feb, request 20 Jun -> notice 23 Jun to 23 Sep', () => {
    const d = terminate({ requestedAt: '2026-06-20' });
    expect(d.deadlines).toEqual({ noticeStart: '2026-06-23', effectiveEnd: '2026-09-23' });
    expect(d.interpretationIds).toEqual([]);
  });

  it('LOI-12.3-OV seed example: start 23 Feb, request 30 Jun -> notice 23 Jul to 23 Oct', () => {
    const d = terminate({ requestedAt: '2026-06-30' });
    expect(d.deadlines).toEqual({ noticeStart: '2026-07-23', effectiveEnd: '2026-10-23' });
  });

  it('LOI-12.3-OV: a request received on the day-of-month itself starts the notice that day', () => {
    expect(terminate({ requestedAt: '2026-06-23' }).deadlines).toEqual({
      noticeStart: '2026-06-23',
      effectiveEnd: '2026-09-23',
    });
    expect(terminate({ requestedAt: '2026-06-24' }).deadlines).toEqual({
      noticeStart: '2026-07-23',
      effectiveEnd: '2026-10-23',
    });
  });

  it('LOI-12.3-OV: receipt is the Amsterdam date of the instant (22 Jun 23:30 UTC is 23 Jun 01:30 CEST)', () => {
    const d = terminate({ requestedAt: '2026-06-22T23:30:00Z' });
    expect(d.inputs.receivedOn).toBe('2026-06-23');
    expect(d.deadlines).toEqual({ noticeStart: '2026-06-23', effectiveEnd: '2026-09-23' });
  });

  it('LOI-12.3-OV: day-of-month 31 clamps to the last day of a shorter month (start 31 Jan, request 10 Feb -> 28 Feb to 28 May)', () => {
    const d = terminate({ startDate: '2026-01-31', requestedAt: '2026-02-10' });
    expect(d.deadlines).toEqual({ noticeStart: '2026-02-28', effectiveEnd: '2026-05-28' });
  });

  it('LOI-12.3-OV: day-of-month 31 in a 31-day month is not clamped (start 31 Jan, request 1 Mar -> 31 Mar to 30 Jun)', () => {
    const d = terminate({ startDate: '2026-01-31', requestedAt: '2026-03-01' });
    expect(d.deadlines).toEqual({ noticeStart: '2026-03-31', effectiveEnd: '2026-06-30' });
  });

  it('LOI-12.3-OV: day-of-month 29 clamps to 28 Feb in a common year and stays 29 Feb in a leap year', () => {
    expect(terminate({ startDate: '2026-01-29', requestedAt: '2026-02-01' }).deadlines).toEqual({
      noticeStart: '2026-02-28',
      effectiveEnd: '2026-05-28',
    });
    expect(terminate({ startDate: '2027-12-30', requestedAt: '2028-02-01', studyMonths: 24 }).deadlines).toEqual({
      noticeStart: '2028-02-29',
      effectiveEnd: '2028-05-29',
    });
  });

  it('LOI-12.3-OV: a request after the withdrawal period but before the start date: notice starts at the start date', () => {
    const d = terminate({ agreementDate: '2026-01-05', startDate: '2026-03-01', requestedAt: '2026-02-01' });
    expect(d.deadlines).toEqual({ noticeStart: '2026-03-01', effectiveEnd: '2026-06-01' });
    expect(d.inputs).toMatchObject({
      withdrawalPeriodEndsOn: '2026-01-19',
      receivedInWithdrawalPeriod: false,
      receivedBeforeStart: true,
    });
    expect(d.inputs.monthsDue).toBe(3);
  });

  it('LOI-12.3-OV: notice reaching past the end of the study duration ends with the study duration', () => {
    const d = terminate({ requestedAt: '2027-01-01' });
    expect(d.deadlines).toEqual({ noticeStart: '2027-01-23', effectiveEnd: '2027-02-23' });
    expect(d.inputs).toMatchObject({
      noticeEnd: '2027-04-23',
      studyEndsOn: '2027-02-23',
      endsAtStudyEnd: true,
      monthsDue: 12,
    });
  });

  it('LOI-12.3-OV: a request on or after the end of the study duration is refused (COURSE_ALREADY_ENDED)', () => {
    const v = violation(() => terminate({ requestedAt: '2027-02-23' }));
    expect(v.error).toBe('COURSE_ALREADY_ENDED');
    expect(v.ruleId).toBe('LOI-12.3-OV');
  });
});

describe('LOI-12.3-HO higher education (with LOI-I1)', () => {
  const ho = (requestedAt: string, studyMonths = 36) =>
    terminate({
      level: 'hbo',
      studyMonths,
      startDate: '2026-09-01',
      requestedAt,
      monthlyTuitionCents: 10_000,
      paidCents: 50_000,
    });

  it('LOI-12.3-HO: given an HO course shorter than 12 months, when termination is requested, then it is refused', () => {
    const v = violation(() => ho('2026-10-01', 11));
    expect(v.error).toBe('TERMINATION_NOT_ALLOWED');
    expect(v.ruleId).toBe('LOI-12.3-HO');
  });

  it('LOI-12.3-HO: a 12-month HO course is terminable', () => {
    expect(ho('2026-10-01', 12).ruleIds).toEqual(['LOI-12.3-HO', 'LOI-12.4']);
  });

  it('LOI-12.3-HO / LOI-I1: notice exactly 2 months before the end of study year 1 (2027-07-01) ends the course at 2027-09-01', () => {
    const d = ho('2027-07-01');
    expect(d.interpretationIds).toEqual(['LOI-I1']);
    expect(d.deadlines).toEqual({ noticeStart: '2027-07-01', effectiveEnd: '2027-09-01' });
    expect(d.inputs).toMatchObject({
      studyYear: 1,
      studyYearEnd: '2027-09-01',
      noticeDeadline: '2027-07-01',
      noticeInTime: true,
    });
  });

  it('LOI-I1: notice one day later (2027-07-02) ends the course at the end of the next study year, 2028-09-01', () => {
    const d = ho('2027-07-02');
    expect(d.deadlines).toEqual({ noticeStart: '2027-07-02', effectiveEnd: '2028-09-01' });
    expect(d.inputs.noticeInTime).toBe(false);
  });

  it('LOI-12.3-HO: notice in study year 2 in time ends at the end of year 2', () => {
    const d = ho('2028-03-15');
    expect(d.deadlines).toEqual({ noticeStart: '2028-03-15', effectiveEnd: '2028-09-01' });
    expect(d.inputs.studyYear).toBe(2);
  });

  it('LOI-12.3-HO: late notice in the last study year ends with the study duration', () => {
    const d = ho('2029-08-01');
    expect(d.deadlines).toEqual({ noticeStart: '2029-08-01', effectiveEnd: '2029-09-01' });
    expect(d.inputs).toMatchObject({ noticeEnd: '2030-09-01', endsAtStudyEnd: true, monthsDue: 36 });
  });

  it('LOI-12.3-HO: notice before the start date counts in study year 1 and the notice starts at the start date', () => {
    const d = ho('2026-08-01');
    expect(d.deadlines).toEqual({ noticeStart: '2026-09-01', effectiveEnd: '2027-09-01' });
  });
});

describe('LOI-12.3-MBO', () => {
  const mbo = (requestedAt: string, studyMonths = 24, startDate = '2026-12-31') =>
    terminate({ level: 'mbo', studyMonths, startDate, requestedAt });

  it('LOI-12.3-MBO: given an MBO course of exactly 12 months, when termination is requested, then it is refused', () => {
    const v = violation(() => mbo('2027-01-15', 12));
    expect(v.error).toBe('TERMINATION_NOT_ALLOWED');
    expect(v.ruleId).toBe('LOI-12.3-MBO');
  });

  it('LOI-12.3-MBO: a 13-month MBO course is terminable as LOI-12.3-HO (LOI-I1)', () => {
    const d = mbo('2027-01-15', 13);
    expect(d.ruleIds).toEqual(['LOI-12.3-MBO', 'LOI-12.4']);
    expect(d.interpretationIds).toEqual(['LOI-I1']);
  });

  it('LOI-12.3-MBO: start 31 Dec: year ends 2027-12-31, notice deadline 2027-10-31; the next day is late', () => {
    expect(mbo('2027-10-31').deadlines).toEqual({ noticeStart: '2027-10-31', effectiveEnd: '2027-12-31' });
    expect(mbo('2027-11-01').deadlines).toEqual({ noticeStart: '2027-11-01', effectiveEnd: '2028-12-31' });
  });

  it('LOI-12.3-MBO: start 30 Apr: the 2-month deadline clamps to 28 Feb', () => {
    expect(mbo('2027-02-28', 24, '2026-04-30').inputs).toMatchObject({
      noticeDeadline: '2027-02-28',
      noticeInTime: true,
    });
    expect(mbo('2027-03-01', 24, '2026-04-30').deadlines).toEqual({
      noticeStart: '2027-03-01',
      effectiveEnd: '2028-04-30',
    });
  });
});

describe('LOI-12.4 fees for the notice period, extra materials, overpayment refunded', () => {
  it('LOI-12.4: tuition and exam fees for 7 months (23 Feb..23 Aug) plus extra materials; overpayment refunded', () => {
    const d = terminate({
      requestedAt: '2026-06-20',
      monthlyTuitionNetCents: 5_000,
      monthlyExamFeeNetCents: 1_000,
      extraMaterialsNetCents: 8_000,
      paidCents: 54_000,
    });
    // 7 x 60.00 = 420.00 + 80.00 = 500.00 owed; 540.00 paid -> 40.00 back.
    expect(d.inputs).toMatchObject({
      monthsDue: 7,
      tuitionNetCents: 35_000,
      examFeesNetCents: 7_000,
      totalDueCents: 50_000,
      outstandingCents: 0,
    });
    expect(d.feeCents).toBe(50_000);
    expect(d.refundCents).toBe(4_000);
    expect(d.explanation).toContain('7 x 60.00 + extra materials 80.00 = 500.00 excl. VAT, 500.00 incl. VAT');
  });

  it('LOI-12.4: underpayment leaves the rest outstanding and nothing refunded', () => {
    const d = terminate({
      monthlyTuitionNetCents: 5_000,
      monthlyExamFeeNetCents: 1_000,
      extraMaterialsNetCents: 8_000,
      paidCents: 30_000,
    });
    expect(d.feeCents).toBe(50_000);
    expect(d.refundCents).toBe(0);
    expect(d.inputs.outstandingCents).toBe(20_000);
  });

  it('LOI-12.4: HO notice in time in year 1 owes the 12 months of year 1', () => {
    const d = terminate({
      level: 'hbo',
      studyMonths: 36,
      startDate: '2026-09-01',
      requestedAt: '2027-07-01',
      monthlyTuitionNetCents: 10_000,
      paidCents: 50_000,
    });
    expect(d.inputs.monthsDue).toBe(12);
    expect(d.feeCents).toBe(120_000);
    expect(d.refundCents).toBe(0);
    expect(d.inputs.outstandingCents).toBe(70_000);
  });

  it('LOI-12.4: a request before the start owes the 3 notice months from the start', () => {
    const d = terminate({
      startDate: '2026-03-01',
      requestedAt: '2026-02-01',
      monthlyTuitionNetCents: 4_250,
      paidCents: 4_250,
    });
    expect(d.feeCents).toBe(12_750);
    expect(d.refundCents).toBe(0);
    expect(d.inputs.outstandingCents).toBe(8_500);
  });
});
