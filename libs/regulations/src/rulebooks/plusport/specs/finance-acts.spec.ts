/** PlusPort's finance acts (PP-5.4, PP-16.5) as the domain calls them: given the facts, when the act decides, then its figures. */
import { financeActsOf } from '../../../contract/finance';
import { RuleViolation } from '../../../decision';
import { PLUSPORT_2024 } from '..';

const acts = financeActsOf(PLUSPORT_2024);
const reminderInput = {
  dueDate: '2024-05-31',
  outstandingCents: 121_000,
  sentAt: '2024-06-10T10:00:00+02:00',
  sentOn: '2024-06-10',
  receivedOn: '2024-06-10',
  termDays: 14,
};

describe('PlusPort finance acts', () => {
  it('PP-5.4: given an invoice due 2024-05-31 and no reminder, then interest runs from 2024-06-01 without notice', () => {
    expect(
      acts.interestStart.interestStart({ dueDate: '2024-05-31', firstReminder: null, asOf: '2024-06-15' }),
    ).toEqual({ from: '2024-06-01', ruleIds: ['PP-5.4'], interpretationIds: [] });
  });

  it('PP-5.4 / WIK-I2: given a reminder received Mon 2024-06-10, when sent to a business, then costs run from 06-25 and the late-payment decision records interest from 06-01', () => {
    const sent = acts.reminders.send({ ...reminderInput, customerKind: 'business' });
    expect(acts.reminders).toMatchObject({ ruleId: 'PP-5.4', needsCustomerKind: false });
    expect(sent).toMatchObject({
      termDays: 14,
      reminderTermEndsOn: '2024-06-24',
      collectionCostsDueFrom: '2024-06-25',
      interestFrom: '2024-06-01',
      interpretationIds: [],
    });
    expect(sent.decision).toMatchObject({
      kind: 'late-payment',
      ruleIds: ['PP-5.4'],
      rulebook: { id: 'plusport', version: '2024-01-01' },
      deadlines: { interestFrom: '2024-06-01' },
    });
  });

  it('PP-5.4: given a customer of unknown kind, when a reminder is sent, then the clock is recorded without a decision', () => {
    expect(acts.reminders.send({ ...reminderInput, customerKind: null })).toMatchObject({
      collectionCostsDueFrom: '2024-06-25',
      decision: null,
    });
  });

  it('PP-5.4 / WIK-2: PlusPort sets no collection costs of its own: 1,210.00 unpaid after the term gives the statutory 181.50', () => {
    const costs = acts.collectionCosts.collectionCosts({
      customerKind: 'business',
      dueDate: '2024-05-31',
      principalCents: 121_000,
      reminder: {
        ...reminderInput,
        reminderTermEndsOn: '2024-06-24',
        collectionCostsDueFrom: '2024-06-25',
        interestFrom: '2024-06-01',
      },
      asOf: '2024-07-01',
    });
    expect(costs).toMatchObject({ costsCents: 18_150, ruleIds: ['WIK-2'], interpretationIds: ['WIK-I1'] });
  });

  it('PP-16.5: given a course ended Fri 2024-06-14, when a complaint arrives Thu 06-20, then the answer is due Mon 2024-07-01 (7 working days)', () => {
    const filed = acts.complaints.file({
      filedAt: '2024-06-20T10:00:00+02:00',
      filedOn: '2024-06-20',
      incidentOn: null,
      courseEndedOn: '2024-06-14',
    });
    expect(filed).toMatchObject({
      deadlines: { complaintWindowEndsOn: '2024-06-28', answerDueBy: '2024-07-01' },
      suspendedFrom: null,
      ruleIds: ['PP-16.5'],
    });
    expect(filed.interpretationIds).toContain('FIN-I11');
    expect(acts.complaints.deadlineRuleIds).toEqual({ answerDueBy: 'PP-16.5' });
    expect(acts.complaints.requiredFact).toMatchObject({
      field: 'courseEndedOn',
      error: 'COURSE_END_REQUIRED',
      ruleId: 'PP-16.5',
    });
  });

  it('PP-16.5 / FIN-I11: given the same course, when the complaint arrives 2024-06-29, then it is refused as too late', () => {
    const late = () =>
      acts.complaints.file({
        filedAt: '2024-06-29T10:00:00+02:00',
        filedOn: '2024-06-29',
        incidentOn: null,
        courseEndedOn: '2024-06-14',
      });
    expect(late).toThrow(RuleViolation);
    expect(late).toThrow(expect.objectContaining({ error: 'COMPLAINT_TOO_LATE', ruleId: 'PP-16.5' }));
  });

  it('FIN-I9: PlusPort invoices are numbered PP-<year>-<sequence>', () => {
    expect(acts.invoiceNumbering.prefix).toBe('PP');
  });
});
