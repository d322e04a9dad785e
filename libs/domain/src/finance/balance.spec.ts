/**
 * Customer balances as of a business time (docs/regulations.md §6, PP-5.4, EXC-11/12, LOI-6.2-3), given
 * events, when the balance is asked as of a day, then hand-computed figures. Rates: commercial
 * (art. 6:119a BW) 12.50 % from 2024-01-01, 12.25 % from 2024-07-01, 11.15 % from 2025-01-01;
 * 10.15 % from 2025-07-01; consumer (art. 6:119 BW) 7 % in 2024, 6 % in 2025, 4 % from 2026-01-01; both
 * tables known until 2026-06-30.
 * Day count actual/actual (INT-I1): 2024 has 366 days, 2025 has 365.
 */
import { FinanceWorld } from './finance.test-support';

/** Business customer B, PlusPort invoice of 1,000.00 + 21 % VAT = 1,210.00, due Fri 2024-05-31. */
function plusportBusiness(): { world: FinanceWorld; stream: string } {
  const world = new FinanceWorld().customer('B', 'business');
  const stream = world.account('pp1', 'B', 'plusport');
  world.invoice(stream, 'pp1-INV-1', {
    issuedOn: '2024-05-01',
    dueDate: '2024-05-31',
    netCents: 100_000,
    vatRateBasisPoints: 2100,
  });
  return { world, stream };
}

describe('balance as of several dates across a rate change and a year boundary (PP-5.4, §6 art. 6:119a BW, INT-I1..I4)', () => {
  const { world } = plusportBusiness();

  it('PP-5.4 given the invoice of 1,210.00 due 2024-05-31, when asked as of the due date, then it is outstanding but neither overdue nor accruing interest', () => {
    const b = world.balance('B', '2024-05-31');
    expect(b).toMatchObject({
      invoicedCents: 121_000,
      outstandingCents: 121_000,
      overdueCents: 0,
      interestCents: 0,
      collectionCostsCents: 0,
      interestStatus: 'ok',
      customerKind: 'business',
    });
    expect(b.invoices[0]!.interest.status).toBe('not-overdue');
  });

  it('PP-5.4 as of 2024-06-30: 30 days at 12.50 % from the day after the due date, no notice needed = 12.40', () => {
    // 121,000 x 0.125 x 30/366 = 453,750/366 = 1,239.75 -> 1,240 cents
    const b = world.balance('B', '2024-06-30');
    expect(b).toMatchObject({ overdueCents: 121_000, interestCents: 1_240, interestStatus: 'ok' });
    expect(b.invoices[0]!.interest).toMatchObject({ interestFrom: '2024-06-01', ruleIds: ['PP-5.4'] });
  });

  it('PP-5.4 as of 2024-12-31, across the 2024-07-01 rate change (12.50 % -> 12.25 %): 86.92', () => {
    // June:     121,000 x 0.1250 x  30/366 =   453,750/366
    // Jul-Dec:  121,000 x 0.1225 x 184/366 = 2,727,340/366
    // together 3,181,090/366 = 8,691.50 -> 8,692 cents (rounded once, INT-I2)
    const b = world.balance('B', '2024-12-31');
    expect(b.interestCents).toBe(8_692);
    expect(b.invoices[0]!.interest.tranches[0]!.periods.map((p) => [p.rateBasisPoints, p.days])).toEqual([
      [1250, 30],
      [1225, 184],
    ]);
  });

  it('PP-5.4 as of 2025-03-31, across the year boundary and the 2025-01-01 change to 11.15 % (365-day year): 120.18', () => {
    // 2024 part as above: 8,691.5027 cents (exact)
    // Jan-Mar 2025: 121,000 x 0.1115 x 90/365 = 1,214,235/365 = 3,326.6712
    // one default year so far, no compounding: 8,691.5027 + 3,326.6712 = 12,018.17 -> 12,018
    const b = world.balance('B', '2025-03-31');
    expect(b.interestCents).toBe(12_018);
    expect(b.invoices[0]!.interest.tranches[0]!.compoundedAt).toEqual([]);
  });

  it('§6 art. 6:119 lid 2 BW as of 2025-06-30: the first year of default ends 2025-06-01 and its interest is added to the principal: 155.13', () => {
    // Year 1 (2024-06-01 .. 2025-05-31): 8,691.5027 + 121,000 x 0.1115 x 151/365 (5,581.4151) = 14,272.92 -> 142.73 capitalised
    // June 2025 on 1,210.00 + 142.73 = 1,352.73: 135,273 x 0.1115 x 30/365 = 1,239.69 -> 12.40
    // total 142.73 + 12.40 = 155.13
    const b = world.balance('B', '2025-06-30');
    expect(b.interestCents).toBe(15_513);
    expect(b.invoices[0]!.interest.tranches[0]!.compoundedAt).toEqual(['2025-06-01']);
    expect(b.totalDueCents).toBe(121_000 + 15_513);
  });

  it('INT-I4 as of 2026-07-15 the rate table ends at 2026-06-30: the answer says rate-unknown from 2026-07-01 and gives only the interest known up to then: 293.58', () => {
    // Year 2 (2025-06-01 .. 2026-05-31) on 1,352.73: June 2025 at 11.15 % (1,239.69) + Jul-Dec 2025 at 10.15 %
    // (135,273 x 0.1015 x 184/365 = 6,921.53) + Jan-May 2026 at 10.15 % (x 151/365 = 5,680.17) = 13,841.39 -> 138.41
    // capitalised on 2026-06-01; June 2026 on 1,491.14 at 10.15 %: 149,114 x 0.1015 x 30/365 = 1,243.98 -> 12.44.
    // 142.73 + 138.41 + 12.44 = 293.58
    const b = world.balance('B', '2026-07-15');
    expect(b).toMatchObject({
      interestStatus: 'rate-unknown',
      interestRateUnknownFrom: '2026-07-01',
      interestCents: 29_358,
    });
    expect(b.invoices[0]!.interest).toMatchObject({
      status: 'rate-unknown',
      rateUnknownFrom: '2026-07-01',
      table: { knownUntil: '2026-06-30' },
    });
    expect(b.interpretationIds).toContain('INT-I4');
  });
});

describe('collection costs through the balance (WIK-2, FIN-I2, FIN-I3; §6 art. 6:96 lid 6 BW)', () => {
  it('WIK-2 given a reminder received Mon 2024-06-10, when asked within its 14 days and the day after, then 0.00 until 2024-06-24 and 181.50 from 2024-06-25', () => {
    const { world } = plusportBusiness();
    world.remind('pp1-INV-1', '2024-06-10T10:00:00+02:00');
    // term: 2024-06-11 .. 2024-06-24 (a Monday, a working day); costs owed from 2024-06-25
    expect(world.balance('B', '2024-06-24').invoices[0]!.collectionCosts).toMatchObject({
      status: 'reminder-term-running',
      collectionCostsCents: 0,
      dueFrom: '2024-06-25',
    });
    // WIK: 15 % of 1,210.00 = 181.50 (above the 40.00 minimum)
    const b = world.balance('B', '2024-06-25');
    expect(b.collectionCostsCents).toBe(18_150);
    expect(b.invoices[0]!.collectionCosts).toMatchObject({
      status: 'due',
      principalCents: 121_000,
      ruleIds: ['WIK-2'],
    });
  });

  it('FIN-I2 given an overdue invoice and no reminder, then no collection costs: a reminder is needed first', () => {
    const { world } = plusportBusiness();
    expect(world.balance('B', '2024-09-01').invoices[0]!.collectionCosts).toMatchObject({
      status: 'reminder-needed',
      collectionCostsCents: 0,
    });
  });

  it('FIN-I3 given the invoice paid in full within the reminder term, then no collection costs, yet the 19 days of interest stay owed', () => {
    const { world, stream } = plusportBusiness();
    world.remind('pp1-INV-1', '2024-06-10T10:00:00+02:00');
    world.pay(stream, 'p1', 'pp1-INV-1', 121_000, '2024-06-20T12:00:00+02:00');
    const b = world.balance('B', '2024-07-31');
    expect(b.invoices[0]!.collectionCosts).toMatchObject({ status: 'paid-within-term', collectionCostsCents: 0 });
    // 2024-06-01 .. 2024-06-19: 19 days x 121,000 x 0.125 / 366 = 287,375/366 = 785.18 -> 785
    expect(b).toMatchObject({ outstandingCents: 0, overdueCents: 0, interestCents: 785, totalDueCents: 785 });
  });
});

describe('variable principal (FIN-I4) and reversals (FIN-I5)', () => {
  it('FIN-I4 given 605.00 of the 1,210.00 paid on 2024-08-01, when asked as of 2024-12-31, then each half accrues until it is paid: 12.48 + 43.46 = 55.94', () => {
    const { world, stream } = plusportBusiness();
    world.remind('pp1-INV-1', '2024-06-10T10:00:00+02:00');
    world.pay(stream, 'p1', 'pp1-INV-1', 60_500, '2024-08-01T09:00:00+02:00');
    const b = world.balance('B', '2024-12-31');
    // tranche paid 2024-08-01: 60,500 x (0.125 x 30 + 0.1225 x 31)/366 = 456,621.25/366 = 1,247.60 -> 1,248
    // tranche still open:      60,500 x (0.125 x 30 + 0.1225 x 184)/366 = 1,590,545/366 = 4,345.75 -> 4,346
    expect(b.invoices[0]!.interest.tranches.map((t) => [t.amountCents, t.from, t.until, t.interestCents])).toEqual([
      [60_500, '2024-06-01', '2024-08-01', 1_248],
      [60_500, '2024-06-01', '2025-01-01', 4_346],
    ]);
    expect(b).toMatchObject({ paidCents: 60_500, outstandingCents: 60_500, interestCents: 5_594 });
    // FIN-I3: the costs were fixed on the 1,210.00 unpaid when the term ended (2024-06-24): 181.50
    expect(b.collectionCostsCents).toBe(18_150);
    expect(b.totalDueCents).toBe(60_500 + 5_594 + 18_150);
  });

  it('FIN-I5 given a full payment on 2024-07-01 reversed on 2024-09-01, then before the reversal only June accrues, after it interest runs as if never paid', () => {
    const { world, stream } = plusportBusiness();
    world.pay(stream, 'p1', 'pp1-INV-1', 121_000, '2024-07-01T09:00:00+02:00');
    world.reverse(stream, 'p1', 'pp1-INV-1', '2024-09-01T09:00:00+02:00');
    // before: June only, 453,750/366 = 1,239.75 -> 12.40; nothing outstanding
    expect(world.balance('B', '2024-08-15')).toMatchObject({
      paidCents: 121_000,
      outstandingCents: 0,
      interestCents: 1_240,
    });
    // after: as if never paid, as in the 2024-12-31 figure above: 86.92
    const after = world.balance('B', '2024-12-31');
    expect(after).toMatchObject({
      paidCents: 0,
      outstandingCents: 121_000,
      overdueCents: 121_000,
      interestCents: 8_692,
    });
    expect(after.invoices[0]).toMatchObject({ paidCents: 121_000, reversedCents: 121_000 });
    expect(after.interpretationIds).toContain('FIN-I5');
  });
});

describe('Excellus: interest after the reminder term (EXC-11), suspended during a complaint (EXC-12)', () => {
  /** Consumer C, Excellus (VAT 0) invoice of 1,000.00 due Sun 2024-03-31; reminder received Tue 2024-04-02. */
  function excellus(withReminder = true) {
    const world = new FinanceWorld().customer('C', 'consumer');
    const stream = world.account('ex1', 'C', 'excellus');
    world.invoice(stream, 'ex1-INV-1', { issuedOn: '2024-03-01', dueDate: '2024-03-31', netCents: 100_000 });
    if (withReminder) world.remind('ex1-INV-1', '2024-04-02T09:00:00+02:00');
    return { world, stream };
  }

  it('EXC-11 given no reminder, when the invoice is overdue, then neither interest nor collection costs: the free reminder comes first', () => {
    const b = excellus(false).world.balance('C', '2024-05-31');
    expect(b).toMatchObject({ overdueCents: 100_000, interestCents: 0, collectionCostsCents: 0 });
    expect(b.invoices[0]!.interest.status).toBe('reminder-needed');
  });

  it('EXC-11 given the reminder received 2024-04-02, then its 14 days run to 2024-04-16 and nothing is charged before 2024-04-17', () => {
    const b = excellus().world.balance('C', '2024-04-16');
    expect(b.invoices[0]!.interest).toMatchObject({ status: 'reminder-term-running', interestFrom: '2024-04-17' });
    expect(b).toMatchObject({ interestCents: 0, collectionCostsCents: 0 });
  });

  it('EXC-12 given a complaint filed 2024-05-01, when asked on 2024-05-05, then interest stopped on 2024-05-01 and collection costs are suspended', () => {
    const { world } = excellus();
    world.fileComplaint({
      complaintId: 'k1',
      enrolmentId: 'ex1',
      ownerStreamId: 'enrolment-ex1',
      customerId: 'C',
      provider: 'excellus',
      filedAt: '2024-05-01T11:00:00+02:00',
    });
    const b = world.balance('C', '2024-05-05');
    // 2024-04-17 .. 2024-04-30 = 14 days at 7 %: 100,000 x 0.07 x 14/366 = 98,000/366 = 267.76 -> 2.68
    expect(b.interestCents).toBe(268);
    expect(b.invoices[0]!.collectionCosts).toMatchObject({
      status: 'suspended',
      collectionCostsCents: 0,
      ruleIds: ['EXC-12'],
    });
    expect(b.invoices[0]!.interest).toMatchObject({ suspendedDays: 5, ruleIds: ['EXC-11', 'EXC-12'] });
  });

  it('EXC-12 given the complaint closed 2024-05-10, when asked on 2024-05-31, then the 10 suspended days accrue nothing and the costs are charged again', () => {
    const { world } = excellus();
    world.fileComplaint({
      complaintId: 'k1',
      enrolmentId: 'ex1',
      ownerStreamId: 'enrolment-ex1',
      customerId: 'C',
      provider: 'excellus',
      filedAt: '2024-05-01T11:00:00+02:00',
    });
    world.complaint(
      { type: 'CloseComplaint', complaintId: 'k1', closedAt: '2024-05-10T16:00:00+02:00', outcome: 'rejected' },
      '2024-05-10T16:00:00+02:00',
    );
    const b = world.balance('C', '2024-05-31');
    // 2024-04-17 .. 2024-05-31 = 45 days, minus 2024-05-01 .. 2024-05-10 (10 days) = 35 days:
    // 100,000 x 0.07 x 35/366 = 245,000/366 = 669.40 -> 6.69
    expect(b.interestCents).toBe(669);
    expect(b.invoices[0]!.interest.suspendedDays).toBe(10);
    // EXC-11: 15 % of 1,000.00 = 150.00
    expect(b.collectionCostsCents).toBe(15_000);
  });
});

describe('WIK examples surfaced through the balance (WIK-2, EXC-11, EXC-I2, LOI-6.2-3)', () => {
  /** Consumer X with one invoice per case, all due Mon 2024-09-30, reminded Tue 2024-10-01 (term to 2024-10-15, costs from 2024-10-16). */
  function withInvoice(provider: 'excellus' | 'loi' | 'vli', netCents: number) {
    const world = new FinanceWorld().customer('X', 'consumer');
    const stream = world.account('w1', 'X', provider);
    world.invoice(stream, 'w1-INV-1', { issuedOn: '2024-09-01', dueDate: '2024-09-30', netCents });
    world.remind('w1-INV-1', '2024-10-01T09:00:00+02:00');
    return world.balance('X', '2024-10-31').invoices[0]!.collectionCosts;
  }

  it('WIK-2 / EXC-11 3,000.00 owed gives 425.00 (15 % of 2,500.00 = 375.00 + 10 % of 500.00 = 50.00)', () => {
    expect(withInvoice('excellus', 300_000)).toMatchObject({
      status: 'due',
      dueFrom: '2024-10-16',
      collectionCostsCents: 42_500,
      principalCents: 300_000,
    });
  });

  it('WIK-2 / EXC-11 minimum: 200.00 owed gives 40.00 (15 % would be 30.00)', () => {
    expect(withInvoice('excellus', 20_000)).toMatchObject({ collectionCostsCents: 4_000, wikScaleCents: 4_000 });
  });

  it('WIK-2 / EXC-I2 cap: 2,000,000.00 owed gives 6,775.00 (375 + 250 + 250 + 1,900 + 0.5 % of 1,800,000.00 = 11,775.00, capped)', () => {
    const costs = withInvoice('excellus', 200_000_000);
    expect(costs).toMatchObject({ collectionCostsCents: 677_500 });
    expect(costs.interpretationIds).toContain('EXC-I2');
  });

  it('LOI-6.2-3 15 % cap: 200.00 owed gives 30.00, below the 40.00 WIK minimum', () => {
    // WIK 40.00 (minimum) vs 15 % of 200.00 = 30.00: the lower cap wins
    const costs = withInvoice('loi', 20_000);
    expect(costs).toMatchObject({ collectionCostsCents: 3_000, wikScaleCents: 4_000, capCents: 3_000 });
    expect(costs.ruleIds).toEqual(['LOI-6.2-3', 'WIK-2']);
  });

  it('LOI-6.2-3 3,000.00 owed gives the WIK 425.00, below the 15 % cap of 450.00', () => {
    expect(withInvoice('loi', 300_000)).toMatchObject({ collectionCostsCents: 42_500, capCents: 45_000 });
  });

  it('WIK-2 for VLI (no rulebook scale, FIN-I1/FIN-I2): 3,000.00 owed gives 425.00', () => {
    expect(withInvoice('vli', 300_000)).toMatchObject({ collectionCostsCents: 42_500, ruleIds: ['WIK-2'] });
  });
});

describe('LOI-6.2-3: interest from the original due date, chargeable only after the reminder term', () => {
  it('LOI-6.2-3 given a reminder received 2024-10-01, then no interest on 2024-10-15 and interest from 2024-10-01 (day after due) on 2024-10-16', () => {
    const world = new FinanceWorld().customer('L', 'consumer');
    const stream = world.account('l1', 'L', 'loi');
    world.invoice(stream, 'l1-INV-1', { issuedOn: '2024-09-01', dueDate: '2024-09-30', netCents: 100_000 });
    expect(world.balance('L', '2024-10-20').invoices[0]!.interest.status).toBe('reminder-needed');
    world.remind('l1-INV-1', '2024-10-01T09:00:00+02:00');
    expect(world.balance('L', '2024-10-15')).toMatchObject({ interestCents: 0 });
    // 2024-10-01 .. 2024-10-16 = 16 days at 7 %: 100,000 x 0.07 x 16/366 = 112,000/366 = 306.01 -> 3.06
    const b = world.balance('L', '2024-10-16');
    expect(b.interestCents).toBe(306);
    expect(b.invoices[0]!.interest).toMatchObject({ interestFrom: '2024-10-01', ruleIds: ['LOI-6.2-3'] });
  });
});

describe('refunds and the reconciliation identity (LEDGER-I1, FIN-I10)', () => {
  it('LEDGER-I1 / FIN-I10 given 600.00 paid on a 544.50 invoice and 20.00 of the 55.50 refund paid out, then net position -35.50 = outstanding 0 - refunds owed 35.50', () => {
    const world = new FinanceWorld().customer('R', 'consumer');
    const stream = world.account('r1', 'R', 'plusport');
    // 450.00 + 21 % = 544.50
    world.invoice(stream, 'r1-INV-1', {
      issuedOn: '2024-03-01',
      dueDate: '2024-03-20',
      netCents: 45_000,
      vatRateBasisPoints: 2100,
    });
    world.pay(stream, 'p1', 'r1-INV-1', 60_000, '2024-03-05T10:00:00+01:00');
    world.payRefund(stream, 'enrolment-r1-RF-1', 2_000, '2024-03-12T10:00:00+01:00');
    const b = world.balance('R', '2024-03-31');
    expect(b).toMatchObject({
      invoicedCents: 54_450,
      paidCents: 60_000,
      refundsGrantedCents: 5_550,
      refundsPaidCents: 2_000,
      refundsOwedCents: 3_550,
      outstandingCents: 0,
      creditBalanceCents: 0,
      interestCents: 0,
      netPositionCents: 54_450 - 60_000 + 2_000,
    });
    expect(b.netPositionCents).toBe(
      b.outstandingCents - b.creditBalanceCents - b.refundsOwedCents + b.unlinkedRefundsCents,
    );
  });

  it('PP-15.5-CLS / LEDGER-I1 given a paid invoice credited down to 225.00 net (PP-15.5-CLS example) and a goodwill refund not tied to an invoice, then the identity holds with the unlinked refund', () => {
    const world = new FinanceWorld().customer('S', 'consumer');
    const stream = world.account('s1', 'S', 'plusport');
    world.invoice(stream, 's1-INV-1', {
      issuedOn: '2024-03-01',
      dueDate: '2024-03-20',
      netCents: 45_000,
      vatRateBasisPoints: 2100,
    });
    world.pay(stream, 'p1', 's1-INV-1', 54_450, '2024-03-05T10:00:00+01:00');
    // 225.00 + 47.25 VAT = 272.25 chargeable: credit 272.25, refund 272.25
    world.creditDown(stream, 's1-INV-1', 22_500, '2024-03-10T10:00:00+01:00');
    world.unlinkedRefund(stream, 1_000, '2024-03-11T10:00:00+01:00');
    const b = world.balance('S', '2024-03-31');
    expect(b).toMatchObject({
      creditedCents: 27_225,
      refundsGrantedCents: 27_225 + 1_000,
      unlinkedRefundsCents: 1_000,
      outstandingCents: 0,
    });
    // net = 544.50 - 272.25 - 544.50 + 0 = -272.25 = 0 - 0 - 282.25 + 10.00
    expect(b.netPositionCents).toBe(-27_225);
    expect(b.netPositionCents).toBe(
      b.outstandingCents - b.creditBalanceCents - b.refundsOwedCents + b.unlinkedRefundsCents,
    );
  });
});

describe('business time and record time (FIN-I8, FIN-I13)', () => {
  it('FIN-I8 knownAt: a payment of 2024-06-20 recorded only on 2024-07-05 is not known on 2024-07-01', () => {
    const { world, stream } = plusportBusiness();
    world.pay(stream, 'p1', 'pp1-INV-1', 121_000, '2024-06-20T12:00:00+02:00');
    world.events[world.events.length - 1]!.recordedAt = '2024-07-05T08:00:00.000Z';
    expect(world.balance('B', '2024-06-30', '2024-07-01T00:00:00Z')).toMatchObject({
      paidCents: 0,
      outstandingCents: 121_000,
    });
    expect(world.balance('B', '2024-06-30', '2024-07-06T00:00:00Z')).toMatchObject({
      paidCents: 121_000,
      outstandingCents: 0,
    });
  });

  it('FIN-I8 an instant cut: a payment at 12:00 counts as of 12:00 and not as of 11:59 the same day', () => {
    const { world, stream } = plusportBusiness();
    world.pay(stream, 'p1', 'pp1-INV-1', 100, '2024-06-20T12:00:00+02:00');
    expect(world.balance('B', '2024-06-20T11:59:00+02:00').paidCents).toBe(0);
    expect(world.balance('B', '2024-06-20T12:00:00+02:00').paidCents).toBe(100);
  });

  it('FIN-I13 given an invoice for a customer of unknown kind, then no interest is computed and the answer says customer-kind-unknown', () => {
    const world = new FinanceWorld();
    const stream = world.account('u1', 'U', 'plusport');
    world.invoice(stream, 'u1-INV-1', { issuedOn: '2024-05-01', dueDate: '2024-05-31', netCents: 10_000 });
    const b = world.balance('U', '2024-06-30');
    expect(b).toMatchObject({
      customerKind: null,
      interestStatus: 'customer-kind-unknown',
      interestCents: 0,
      overdueCents: 10_000,
    });
  });
});
