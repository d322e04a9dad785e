import { loiMaterialsReturn, loiVersions, loiWithdrawal, LoiInputError, type LoiBook } from '..';
import { violation } from '../../../rule-violation.test-support';

const loi = loiVersions[0] as unknown as LoiBook;

const base = {
  customerKind: 'consumer' as const,
  agreementDate: '2026-03-01',
  paidCents: 19_900,
  materialsSent: false,
};

describe('LOI-7.1 withdrawal within 14 calendar days after the agreement', () => {
  it('LOI-7.1: given a consumer agreement of 2026-03-01, when withdrawing on day 14 (2026-03-15), then it is free and all paid tuition is refunded', () => {
    const d = loiWithdrawal(loi, { ...base, requestedAt: '2026-03-15' });
    expect(d.allowed).toBe(true);
    expect(d.feeCents).toBe(0);
    expect(d.refundCents).toBe(19_900);
    expect(d.ruleIds).toEqual(['LOI-7.1', 'LOI-7.3']);
    expect(d.inputs).toMatchObject({
      withdrawnOn: '2026-03-15',
      withdrawalPeriodEndsOn: '2026-03-15',
      daysAfterAgreement: 14,
    });
  });

  it('LOI-7.1: an instant late on day 14 in Amsterdam still counts (2026-03-15T23:59+01:00)', () => {
    expect(loiWithdrawal(loi, { ...base, requestedAt: '2026-03-15T23:59:00+01:00' }).allowed).toBe(true);
  });

  it('LOI-7.1: when withdrawing on day 15 (2026-03-16), then it is refused WITHDRAWAL_PERIOD_EXPIRED', () => {
    const v = violation(() => loiWithdrawal(loi, { ...base, requestedAt: '2026-03-16' }));
    expect(v.error).toBe('WITHDRAWAL_PERIOD_EXPIRED');
    expect(v.ruleId).toBe('LOI-7.1');
    expect(v.details).toMatchObject({ withdrawalPeriodEndsOn: '2026-03-15' });
  });

  it('LOI-7.1: 2026-03-15T23:30Z is already 2026-03-16 in Amsterdam and refused', () => {
    expect(violation(() => loiWithdrawal(loi, { ...base, requestedAt: '2026-03-15T23:30:00Z' })).error).toBe(
      'WITHDRAWAL_PERIOD_EXPIRED',
    );
  });

  it('LOI-7.1: a business customer has no withdrawal right', () => {
    const v = violation(() => loiWithdrawal(loi, { ...base, customerKind: 'business', requestedAt: '2026-03-02' }));
    expect(v.error).toBe('WITHDRAWAL_NOT_ALLOWED');
    expect(v.ruleId).toBe('LOI-7.1');
  });

  it('LOI-7.1: a withdrawal dated before the agreement is an input error', () => {
    expect(() => loiWithdrawal(loi, { ...base, requestedAt: '2026-02-28' })).toThrow(LoiInputError);
  });
});

describe('LOI-7.3 refund due date and materials return', () => {
  it('LOI-7.3: without materials, the refund is due 14 days after the withdrawal', () => {
    const d = loiWithdrawal(loi, { ...base, requestedAt: '2026-03-10' });
    expect(d.deadlines).toEqual({ withdrawalPeriodEndsOn: '2026-03-15', refundDueDate: '2026-03-24' });
  });

  it('LOI-7.3: with materials sent, they must be returned within 14 days and the refund date waits for the return', () => {
    const d = loiWithdrawal(loi, { ...base, materialsSent: true, requestedAt: '2026-03-10' });
    expect(d.deadlines).toEqual({ withdrawalPeriodEndsOn: '2026-03-15', materialsReturnBy: '2026-03-24' });
    expect(d.refundCents).toBe(19_900);
  });

  it('LOI-7.3: materials arriving 5 days after the withdrawal: refund due 14 days after their arrival (the later date)', () => {
    const d = loiMaterialsReturn(loi, {
      withdrawnOn: '2026-03-15',
      returnReceivedAt: '2026-03-20',
      originalState: true,
      paidCents: 19_900,
    });
    expect(d.ruleIds).toEqual(['LOI-7.3']);
    expect(d.deadlines).toEqual({ refundDueDate: '2026-04-03' });
    expect(d.refundCents).toBe(19_900);
    expect(d.feeCents).toBe(0);
    expect(d.inputs).toMatchObject({
      refundDueAfterWithdrawal: '2026-03-29',
      refundDueAfterReturn: '2026-04-03',
      returnedInTime: true,
    });
  });

  it('LOI-7.3: materials arriving on the withdrawal day: both dates coincide (14 days after)', () => {
    const d = loiMaterialsReturn(loi, {
      withdrawnOn: '2026-03-15',
      returnReceivedAt: '2026-03-15T10:00:00+01:00',
      originalState: true,
      paidCents: 0,
    });
    expect(d.deadlines).toEqual({ refundDueDate: '2026-03-29' });
  });

  it('LOI-7.3: a return after the 14-day return term is recorded as late', () => {
    const d = loiMaterialsReturn(loi, {
      withdrawnOn: '2026-03-15',
      returnReceivedAt: '2026-03-30',
      originalState: true,
      paidCents: 100,
    });
    expect(d.inputs).toMatchObject({ materialsReturnBy: '2026-03-29', returnedInTime: false });
    expect(d.deadlines).toEqual({ refundDueDate: '2026-04-13' });
  });
});

describe('LOI-7.4 materials not in original state', () => {
  it('LOI-7.4: given damaged materials and no value reduction agreed, then the return is refused', () => {
    const v = violation(() =>
      loiMaterialsReturn(loi, {
        withdrawnOn: '2026-03-15',
        returnReceivedAt: '2026-03-20',
        originalState: false,
        paidCents: 19_900,
      }),
    );
    expect(v.error).toBe('RETURN_REFUSED');
    expect(v.ruleId).toBe('LOI-7.4');
  });

  it('LOI-7.4: given a value reduction of 50.00 on 199.00 paid, then 149.00 is refunded', () => {
    const d = loiMaterialsReturn(loi, {
      withdrawnOn: '2026-03-15',
      returnReceivedAt: '2026-03-20',
      originalState: false,
      paidCents: 19_900,
      valueReductionCents: 5_000,
      vatRateBasisPoints: 2_100,
    });
    expect(d.ruleIds).toEqual(['LOI-7.3', 'LOI-7.4']);
    // MONEY-I1: the 50.00 is paid VAT included; net 41.32 + VAT 8.68.
    expect([d.feeCents, d.feeVatCents, d.feeGrossCents]).toEqual([4_132, 868, 5_000]);
    expect(d.interpretationIds).toEqual(['MONEY-I1']);
    expect(d.refundCents).toBe(14_900);
    expect(d.inputs.stillOwedCents).toBe(0);
  });

  it('LOI-7.4: a value reduction above what was paid leaves the difference owed', () => {
    const d = loiMaterialsReturn(loi, {
      withdrawnOn: '2026-03-15',
      returnReceivedAt: '2026-03-20',
      originalState: false,
      paidCents: 2_000,
      valueReductionCents: 5_000,
      vatRateBasisPoints: 0,
    });
    expect(d.refundCents).toBe(0);
    expect(d.inputs.stillOwedCents).toBe(3_000);
  });
});
