/** Payment reminders (EXC-11, LOI-6.2-3, PP-5.4, art. 6:96 lid 6 BW): given reminders, when one is sent, then the recorded clock. */
import { createRulebookRegistry } from '@ledger/regulations';
import { deciderSpec } from '../shared/decider-spec';
import type { SendPaymentReminder } from './commands';
import { dunningDecider } from './decide';
import { MAX_REMINDERS_PER_INVOICE, type DunningEvent, type PaymentReminderSent } from './events';

const spec = deciderSpec(dunningDecider);
const ctx = { rulebooks: createRulebookRegistry(), recordedAt: '2026-01-01T00:00:00.000Z' };

const remind = (
  overrides: Partial<Omit<SendPaymentReminder, 'invoice'>> & { invoice?: Partial<SendPaymentReminder['invoice']> } = {},
): SendPaymentReminder => ({
  type: 'SendPaymentReminder',
  invoiceId: 'e1-INV-1',
  sentAt: '2024-04-02T09:00:00+02:00',
  receivedOn: '2024-04-02',
  termDays: 14,
  customerKind: 'consumer',
  ...overrides,
  invoice: {
    customerId: 'c1',
    provider: 'excellus',
    ownerStreamId: 'enrolment-e1',
    dueDate: '2024-03-31',
    outstandingCents: 100_000,
    ...overrides.invoice,
  },
});

const only = (events: DunningEvent[]): PaymentReminderSent['data'] => {
  expect(events).toHaveLength(1);
  expect(events[0]!.type).toBe('PaymentReminderSent');
  return events[0]!.data as PaymentReminderSent['data'];
};

describe('dunning decider', () => {
  it('EXC-11 given an Excellus invoice due 2024-03-31, when a reminder received 2024-04-02 is sent, then its 14 days end 2024-04-16 and interest and costs run from 2024-04-17', () => {
    spec
      .given([])
      .when(remind())
      .then((events) => {
        const d = only(events);
        expect(d).toMatchObject({
          reminderNumber: 1,
          sentOn: '2024-04-02',
          termDays: 14,
          defaultFrom: '2024-04-01',
          reminderTermEndsOn: '2024-04-16',
          collectionCostsDueFrom: '2024-04-17',
          interestFrom: '2024-04-17',
          outstandingCents: 100_000,
          interpretationIds: ['FIN-I2', 'WIK-I2', 'FIN-I7'],
        });
        expect(d.ruleIds).toEqual(['EXC-11', 'WIK-2']);
        // EXC-11 decision recorded for audit: 15 % of 1,000.00 = 150.00 if still unpaid after the term
        expect(d.decision).toMatchObject({
          kind: 'collection-costs',
          rulebook: { id: 'excellus', version: '2024-01-01' },
          surchargeCents: 15_000,
        });
      });
  });

  it('EXC-11 given the invoice due 2024-03-31, when a reminder is sent on the due date, then 422 REMINDER_BEFORE_DEFAULT and nothing is recorded', () => {
    spec
      .given([])
      .when(remind({ sentAt: '2024-03-31T09:00:00+02:00', receivedOn: '2024-03-31' }))
      .thenThrows({ error: 'REMINDER_BEFORE_DEFAULT', ruleId: 'EXC-11' });
  });

  it('EXC-11 given nothing unpaid, when a reminder is sent, then 422 INVOICE_NOT_OVERDUE', () => {
    spec
      .given([])
      .when(remind({ invoice: { outstandingCents: 0 } }))
      .thenThrows({ error: 'INVOICE_NOT_OVERDUE', ruleId: 'EXC-11' });
  });

  it('EXC-11 given an Excellus customer of unknown kind, then 422 CUSTOMER_KIND_UNKNOWN (the rule needs the kind)', () => {
    spec
      .given([])
      .when(remind({ customerKind: null }))
      .thenThrows({ error: 'CUSTOMER_KIND_UNKNOWN', status: 422 });
  });

  it('LOI-6.2-3 consumer: a reminder received Sat 2024-10-05 gives 14 days ending Sat 10-19, moved to Mon 10-21 (WIK-I2); chargeable from 10-22; interest from the original due date', () => {
    spec
      .given([])
      .when(
        remind({
          sentAt: '2024-10-04T17:00:00+02:00',
          receivedOn: '2024-10-05',
          invoice: { provider: 'loi', dueDate: '2024-09-30' },
        }),
      )
      .then((events) => {
        expect(only(events)).toMatchObject({
          reminderTermEndsOn: '2024-10-21',
          collectionCostsDueFrom: '2024-10-22',
          interestFrom: '2024-10-01',
          ruleIds: ['LOI-6.2-3'],
        });
        expect(only(events).decision).toMatchObject({
          kind: 'late-payment',
          inputs: { status: 'reminder-term-running' },
        });
      });
  });

  it('LOI-6.2-3 business: the same reminder runs 14 days from the day after receipt without the consumer shift: chargeable from Sun 2024-10-20', () => {
    spec
      .given([])
      .when(
        remind({
          sentAt: '2024-10-04T17:00:00+02:00',
          receivedOn: '2024-10-05',
          customerKind: 'business',
          invoice: { provider: 'loi', dueDate: '2024-09-30' },
        }),
      )
      .then((events) =>
        expect(only(events)).toMatchObject({ reminderTermEndsOn: '2024-10-19', collectionCostsDueFrom: '2024-10-20' }),
      );
  });

  it('PP-5.4 PlusPort: interest runs from the day after the due date without notice; the reminder only starts the costs clock (WIK-I2)', () => {
    spec
      .given([])
      .when(
        remind({
          sentAt: '2024-06-10T10:00:00+02:00',
          receivedOn: '2024-06-10',
          customerKind: 'business',
          invoice: { provider: 'plusport', dueDate: '2024-05-31', outstandingCents: 121_000 },
        }),
      )
      .then((events) => {
        // 2024-06-10 + 14 = Mon 2024-06-24, a working day: costs from 2024-06-25
        expect(only(events)).toMatchObject({
          interestFrom: '2024-06-01',
          reminderTermEndsOn: '2024-06-24',
          collectionCostsDueFrom: '2024-06-25',
          ruleIds: ['PP-5.4'],
        });
        expect(only(events).decision).toMatchObject({
          kind: 'late-payment',
          deadlines: { interestFrom: '2024-06-01' },
        });
      });
  });

  it('BW-6:96-6 VLI has no late-payment rule: no decision, statutory interest from the day after the due date (FIN-I1), 21 days given', () => {
    spec
      .given([])
      .when(remind({ termDays: 21, invoice: { provider: 'vli' } }))
      .then((events) => {
        // received Tue 2024-04-02 + 21 = Tue 2024-04-23
        expect(only(events)).toMatchObject({
          decision: null,
          ruleIds: ['BW-6:96-6'],
          termDays: 21,
          reminderTermEndsOn: '2024-04-23',
          collectionCostsDueFrom: '2024-04-24',
          interestFrom: '2024-04-01',
        });
        expect(only(events).interpretationIds).toContain('FIN-I1');
      });
  });

  it('BW-6:96-6 FIN-I7 a reminder naming no term and no receipt day offers the reminder act default (the statutory 14 days) from the sending day', () => {
    spec
      .given([])
      .when(remind({ termDays: null, receivedOn: null, invoice: { provider: 'vli' } }))
      .then((events) => {
        // sent and received Tue 2024-04-02 + 14 = Tue 2024-04-16
        expect(only(events)).toMatchObject({
          termDays: 14,
          receivedOn: '2024-04-02',
          reminderTermEndsOn: '2024-04-16',
          collectionCostsDueFrom: '2024-04-17',
        });
        expect(only(events).interpretationIds).toContain('FIN-I7');
      });
  });

  it('BW-6:96-6 a reminder received before it was sent, or giving fewer than 14 days, is refused (422)', () => {
    spec
      .given([])
      .when(remind({ receivedOn: '2024-04-01' }))
      .thenThrows({ error: 'REMINDER_RECEIVED_BEFORE_SENT', status: 422 });
    spec
      .given([])
      .when(remind({ termDays: 10 }))
      .thenThrows({ error: 'REMINDER_TERM_TOO_SHORT', status: 422 });
  });

  it('EXC-11 given a first reminder, when a second is sent, then it is number 2 (the first one keeps the costs clock)', () => {
    const [first] = dunningDecider.decide(remind(), dunningDecider.initialState(), ctx);
    spec
      .given([first!])
      .when(remind({ sentAt: '2024-04-20T09:00:00+02:00', receivedOn: '2024-04-20' }))
      // received Sat 2024-04-20 + 14 = Sat 05-04 -> Sun 05-05 (also Bevrijdingsdag) -> last day Mon 05-06 (WIK-I2): costs from 05-07
      .then((events) =>
        expect(only(events)).toMatchObject({
          reminderNumber: 2,
          reminderTermEndsOn: '2024-05-06',
          collectionCostsDueFrom: '2024-05-07',
        }),
      );
  });

  it(`EXC-11 given ${MAX_REMINDERS_PER_INVOICE} reminders, when another is sent, then 409 REMINDER_LIMIT_REACHED (a bound on what grows)`, () => {
    let state = dunningDecider.initialState();
    const given: DunningEvent[] = [];
    for (let i = 0; i < MAX_REMINDERS_PER_INVOICE; i++) {
      const [event] = dunningDecider.decide(
        remind({
          sentAt: `2024-04-${String(2 + i).padStart(2, '0')}T09:00:00+02:00`,
          receivedOn: `2024-04-${String(2 + i).padStart(2, '0')}`,
        }),
        state,
        ctx,
      );
      given.push(event!);
      state = dunningDecider.evolve(state, event!);
    }
    spec
      .given(given)
      .when(remind({ sentAt: '2024-04-30T09:00:00+02:00', receivedOn: '2024-04-30' }))
      .thenThrows({ error: 'REMINDER_LIMIT_REACHED', status: 409 });
  });
});
