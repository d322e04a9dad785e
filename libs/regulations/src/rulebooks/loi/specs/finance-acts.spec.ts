/** LOI's finance acts (LOI-6.2-3; no complaint rule) as the domain calls them: given the facts, when the act decides, then its figures. */
import { financeActsOf } from '../../../contract/finance';
import { loiVersions } from '..';

const acts = financeActsOf(loiVersions[0]!);
const reminder = {
  sentOn: '2024-10-04',
  receivedOn: '2024-10-05',
  termDays: 14,
  reminderTermEndsOn: '2024-10-21',
  collectionCostsDueFrom: '2024-10-22',
  interestFrom: '2024-10-01',
};

describe('LOI finance acts', () => {
  it('LOI-6.2-3 / WIK-I2: given a reminder received Sat 2024-10-05 by a consumer, then its 14 days end Sat 10-19, moved to Mon 10-21; chargeable from 10-22; interest from the original due date', () => {
    const send = (customerKind: 'consumer' | 'business') =>
      acts.reminders.send({
        dueDate: '2024-09-30',
        outstandingCents: 100_000,
        sentAt: '2024-10-04T17:00:00+02:00',
        sentOn: '2024-10-04',
        receivedOn: '2024-10-05',
        termDays: 14,
        customerKind,
      });
    expect(acts.reminders).toMatchObject({ ruleId: 'LOI-6.2-3', needsCustomerKind: true });
    const consumer = send('consumer');
    expect(consumer).toMatchObject({
      reminderTermEndsOn: '2024-10-21',
      collectionCostsDueFrom: '2024-10-22',
      interestFrom: '2024-10-01',
    });
    expect(consumer.decision).toMatchObject({ kind: 'late-payment', inputs: { status: 'reminder-term-running' } });
    expect(send('business')).toMatchObject({ reminderTermEndsOn: '2024-10-19', collectionCostsDueFrom: '2024-10-20' });
  });

  it('LOI-6.2-3: interest counts from the original due date, but only once the reminder term has passed', () => {
    const start = (firstReminder: typeof reminder | null, asOf: string) =>
      acts.interestStart.interestStart({ dueDate: '2024-09-30', firstReminder, asOf });
    expect(start(null, '2024-11-01')).toMatchObject({ from: '2024-10-01', blocked: 'reminder-needed' });
    expect(start(reminder, '2024-10-21')).toMatchObject({ from: '2024-10-01', blocked: 'reminder-term-running' });
    expect(start(reminder, '2024-10-22')).toEqual({
      from: '2024-10-01',
      ruleIds: ['LOI-6.2-3'],
      interpretationIds: [],
    });
  });

  it('LOI-6.2-3 / WIK-2: given 200.00 unpaid after the term, then the 15 % cap (30.00) wins over the 40.00 WIK minimum', () => {
    const costs = acts.collectionCosts.collectionCosts({
      customerKind: 'consumer',
      dueDate: '2024-09-30',
      principalCents: 20_000,
      reminder,
      asOf: '2024-10-22',
    });
    expect(costs).toMatchObject({
      costsCents: 3_000,
      wikScaleCents: 4_000,
      capCents: 3_000,
      ruleIds: ['LOI-6.2-3', 'WIK-2'],
    });
    expect(costs.interpretationIds).toEqual(expect.arrayContaining(['WIK-I1', 'FIN-I14']));
  });

  it('FIN-I12: LOI has no complaint rule: a complaint sets no deadline and suspends nothing', () => {
    expect(
      acts.complaints.file({
        filedAt: '2024-10-04T10:00:00+02:00',
        filedOn: '2024-10-04',
        incidentOn: null,
        courseEndedOn: null,
      }),
    ).toEqual({ decision: null, deadlines: {}, suspendedFrom: null, ruleIds: [], interpretationIds: ['FIN-I12'] });
  });

  it('FIN-I9: LOI invoices are numbered LOI-<year>-<sequence>', () => {
    expect(acts.invoiceNumbering.prefix).toBe('LOI');
  });
});
