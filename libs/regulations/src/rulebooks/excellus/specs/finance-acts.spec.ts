/** Excellus's finance acts (EXC-11, EXC-12) as the domain calls them: given the facts, when the act decides, then its figures. */
import { financeActsOf } from '../../../contract/finance';
import { EXCELLUS_2024_01_01 } from '..';

const acts = financeActsOf(EXCELLUS_2024_01_01);
const reminder = {
  sentOn: '2024-04-02',
  receivedOn: '2024-04-02',
  termDays: 14,
  reminderTermEndsOn: '2024-04-16',
  collectionCostsDueFrom: '2024-04-17',
  interestFrom: '2024-04-17',
};

describe('Excellus finance acts', () => {
  it('EXC-11: given an invoice due 2024-03-31, when a reminder received 2024-04-02 is sent to a consumer, then its 14 days end 04-16 and interest and costs run from 04-17', () => {
    expect(acts.reminders).toMatchObject({ ruleId: 'EXC-11', needsCustomerKind: true });
    const sent = acts.reminders.send({
      dueDate: '2024-03-31',
      outstandingCents: 100_000,
      sentAt: '2024-04-02T09:00:00+02:00',
      sentOn: '2024-04-02',
      receivedOn: '2024-04-02',
      termDays: 14,
      customerKind: 'consumer',
    });
    expect(sent).toMatchObject({
      termDays: 14,
      reminderTermEndsOn: '2024-04-16',
      collectionCostsDueFrom: '2024-04-17',
      interestFrom: '2024-04-17',
      interpretationIds: [],
    });
    expect(sent.decision).toMatchObject({
      kind: 'collection-costs',
      ruleIds: ['EXC-11', 'WIK-2'],
      surchargeCents: 15_000,
    });
  });

  it('EXC-11: interest needs the free reminder first, waits for its term, then runs from the day after it', () => {
    const start = (firstReminder: typeof reminder | null, asOf: string) =>
      acts.interestStart.interestStart({ dueDate: '2024-03-31', firstReminder, asOf });
    expect(start(null, '2024-05-01')).toEqual({
      from: null,
      blocked: 'reminder-needed',
      ruleIds: ['EXC-11'],
      interpretationIds: [],
    });
    expect(start(reminder, '2024-04-16')).toMatchObject({ from: '2024-04-17', blocked: 'reminder-term-running' });
    expect(start(reminder, '2024-04-17')).toEqual({ from: '2024-04-17', ruleIds: ['EXC-11'], interpretationIds: [] });
  });

  it('EXC-11 / WIK-I1 / FIN-I14: given 1,000.00 unpaid after the reminder term, then collection costs are 150.00, for a known customer kind only', () => {
    expect(acts.collectionCosts.needsCustomerKind).toBe(true);
    const costs = acts.collectionCosts.collectionCosts({
      customerKind: 'consumer',
      dueDate: '2024-03-31',
      principalCents: 100_000,
      reminder,
      asOf: '2024-05-01',
    });
    expect(costs).toMatchObject({ costsCents: 15_000, wikScaleCents: 15_000, ruleIds: ['EXC-11', 'WIK-2'] });
    expect(costs.interpretationIds).toEqual(expect.arrayContaining(['WIK-I1', 'FIN-I14']));
  });

  it('EXC-12 / FIN-I6: given a complaint filed 2024-05-01, then charges are suspended from that day; closed 2024-05-10, they resume on 05-11 after 10 days', () => {
    const filed = acts.complaints.file({
      filedAt: '2024-05-01T11:00:00+02:00',
      filedOn: '2024-05-01',
      incidentOn: null,
      courseEndedOn: null,
    });
    expect(filed).toMatchObject({ suspendedFrom: '2024-05-01', ruleIds: ['EXC-12'], interpretationIds: ['FIN-I6'] });
    expect(acts.complaints.suspensionRuleIds).toEqual(['EXC-12']);
    const ended = acts.complaints.endSuspension!({
      filedAt: '2024-05-01T11:00:00+02:00',
      closedAt: '2024-05-10T16:00:00+02:00',
    });
    expect(ended).toMatchObject({
      suspendedUntil: '2024-05-11',
      decision: { ruleIds: ['EXC-12'], inputs: { suspendedDays: 10 } },
    });
  });

  it('FIN-I9: Excellus invoices are numbered EXC-<year>-<sequence>', () => {
    expect(acts.invoiceNumbering.prefix).toBe('EXC');
  });
});
