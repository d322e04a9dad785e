import { loiLatePayment, loiVersions, LoiInputError, type LoiBook, type LoiLatePaymentInput } from '..';

const loi = loiVersions[0] as unknown as LoiBook;

const consumer: LoiLatePaymentInput = {
  customerKind: 'consumer',
  principalCents: 300_000,
  dueDate: '2026-03-31',
  reminderSentOn: '2026-04-02',
  reminderReceivedOn: '2026-04-03',
  reminderTermDays: 14,
  asOf: '2026-04-18',
};

describe('LOI-6.2-3 late payment: default, reminder, statutory interest, collection costs at most 15 %', () => {
  it('LOI-6.2-3: on the due date itself nothing is owed beyond the invoice', () => {
    const d = loiLatePayment(loi, { ...consumer, reminderSentOn: null, asOf: '2026-03-31' });
    expect(d.inputs.status).toBe('not-yet-due');
    expect(d.feeCents).toBe(0);
    expect(d.allowed).toBe(false);
  });

  it('LOI-6.2-3: the day after the due date the customer is in default, but needs a reminder first', () => {
    const d = loiLatePayment(loi, { ...consumer, reminderSentOn: null, asOf: '2026-04-01' });
    expect(d.inputs.status).toBe('reminder-needed');
    expect(d.deadlines).toEqual({ defaultFrom: '2026-04-01' });
    expect(d.feeCents).toBe(0);
  });

  it('LOI-6.2-3: reminder received Fri 2026-04-03 with 14 days: the term ends Fri 04-17; interest and costs not yet', () => {
    const d = loiLatePayment(loi, { ...consumer, asOf: '2026-04-17' });
    expect(d.inputs.status).toBe('reminder-term-running');
    expect(d.deadlines).toEqual({
      defaultFrom: '2026-04-01',
      reminderTermEndsOn: '2026-04-17',
      chargeableFrom: '2026-04-18',
    });
    expect(d.feeCents).toBe(0);
  });

  it('LOI-6.2-3: unpaid after the term: interest from the original due date and WIK costs 425.00 on 3,000.00 (below the 15 % cap 450.00)', () => {
    const d = loiLatePayment(loi, consumer);
    expect(d.allowed).toBe(true);
    expect(d.inputs).toMatchObject({
      status: 'interest-and-costs-chargeable',
      wikScaleCents: 42_500,
      collectionCostsCapCents: 45_000,
    });
    expect(d.feeCents).toBe(42_500);
    expect(d.deadlines).toMatchObject({ interestFrom: '2026-04-01', defaultFrom: '2026-04-01' });
    expect(d.inputs.interestTable).toBe('nl-wettelijke-rente-6-119');
  });

  it('LOI-6.2-3: the 15 % cap wins where it is lower than the WIK scale (200.00: WIK minimum 40.00, cap 30.00)', () => {
    const d = loiLatePayment(loi, { ...consumer, principalCents: 20_000 });
    expect(d.inputs).toMatchObject({ wikScaleCents: 4_000, collectionCostsCapCents: 3_000 });
    expect(d.feeCents).toBe(3_000);
  });

  it('LOI-6.2-3 with §6: a consumer reminder giving 7 days still gives 14; a term ending on Saturday moves to Monday', () => {
    const d = loiLatePayment(loi, {
      ...consumer,
      reminderReceivedOn: '2026-04-04',
      reminderTermDays: 7,
      asOf: '2026-04-20',
    });
    expect(d.inputs).toMatchObject({ effectiveReminderTermDays: 14, status: 'reminder-term-running' });
    expect(d.deadlines).toMatchObject({ reminderTermEndsOn: '2026-04-20', chargeableFrom: '2026-04-21' });
  });

  it('LOI-6.2-3: a business gets the term the reminder names (7 days from the day after receipt)', () => {
    const d = loiLatePayment(loi, { ...consumer, customerKind: 'business', reminderTermDays: 7, asOf: '2026-04-11' });
    expect(d.deadlines).toMatchObject({
      reminderTermEndsOn: '2026-04-10',
      chargeableFrom: '2026-04-11',
      interestFrom: '2026-04-01',
    });
    expect(d.inputs.interestTable).toBe('nl-wettelijke-handelsrente-6-119a');
    expect(d.feeCents).toBe(42_500);
  });

  it('LOI-6.2-3: nothing outstanding, nothing charged', () => {
    const d = loiLatePayment(loi, { ...consumer, principalCents: 0 });
    expect(d.inputs.status).toBe('paid');
    expect(d.feeCents).toBe(0);
  });

  it('LOI-6.2-3: a reminder needs its receipt date and term, and cannot precede the default', () => {
    expect(() => loiLatePayment(loi, { ...consumer, reminderReceivedOn: null })).toThrow(LoiInputError);
    expect(() => loiLatePayment(loi, { ...consumer, reminderSentOn: '2026-03-31' })).toThrow(LoiInputError);
  });
});
