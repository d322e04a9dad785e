/** The statutory finance defaults and how `financeActsOf` fills them in for acts a rulebook leaves out. */
import { TERMIJNENWET_CALENDAR } from '../calendar';
import { financeActsOf, type FinanceActs } from '../contract/finance';
import { RulebookRegistry, type RulebookVersion } from '../rulebook';
import { createRulebookRegistry } from '../rulebooks';
import { STATUTORY_REMINDER } from './finance';

const fixture = (acts: RulebookVersion['acts'] = {}): RulebookVersion => ({
  id: 'fixture-book',
  version: '2024-01-01',
  effectiveFrom: '2024-01-01',
  vatRateBasisPoints: 2_100,
  calendar: TERMIJNENWET_CALENDAR,
  data: {},
  decisions: {},
  acts,
});

const reminder = {
  sentOn: '2024-04-02',
  receivedOn: '2024-04-02',
  termDays: 14,
  reminderTermEndsOn: '2024-04-16',
  collectionCostsDueFrom: '2024-04-17',
  interestFrom: '2024-04-01',
};

describe('statutory finance defaults (FIN-I1, FIN-I2, FIN-I12, BW-6:96-6)', () => {
  it('FIN-I1: given a rulebook without finance acts, then interest runs from the day after the due date without a reminder', () => {
    const acts = financeActsOf(fixture());
    expect(
      acts.interestStart.interestStart({ dueDate: '2024-03-31', firstReminder: null, asOf: '2024-06-30' }),
    ).toEqual({ from: '2024-04-01', ruleIds: [], interpretationIds: ['FIN-I1'] });
  });

  it('BW-6:96-6 / WIK-I2: given a reminder received Tue 2024-04-02 giving 21 days, then its term ends Tue 04-23 and costs run from 04-24; no decision', () => {
    const { reminders } = financeActsOf(fixture());
    expect(reminders).toMatchObject({ ruleId: 'BW-6:96-6', needsCustomerKind: false });
    expect(STATUTORY_REMINDER).toEqual({ ruleId: 'BW-6:96-6', legalBasis: 'art. 6:96 lid 6 BW', minimumTermDays: 14 });
    expect(
      reminders.send({
        dueDate: '2024-03-31',
        outstandingCents: 100_000,
        sentAt: '2024-04-02T09:00:00+02:00',
        sentOn: '2024-04-02',
        receivedOn: '2024-04-02',
        termDays: 21,
        customerKind: null,
      }),
    ).toEqual({
      termDays: 21,
      reminderTermEndsOn: '2024-04-23',
      collectionCostsDueFrom: '2024-04-24',
      interestFrom: '2024-04-01',
      decision: null,
      interpretationIds: ['FIN-I1'],
    });
  });

  it('WIK-2 / WIK-I1: given 3,000.00 unpaid after the reminder term, then collection costs are 425.00 on the statutory scale', () => {
    const costs = financeActsOf(fixture()).collectionCosts;
    expect(costs.needsCustomerKind).toBe(false);
    expect(
      costs.collectionCosts({
        customerKind: null,
        dueDate: '2024-03-31',
        principalCents: 300_000,
        reminder,
        asOf: '2024-05-01',
      }),
    ).toMatchObject({
      costsCents: 42_500,
      wikScaleCents: 42_500,
      capCents: null,
      ruleIds: ['WIK-2'],
      interpretationIds: ['WIK-I1'],
    });
  });

  it('FIN-I12: given a rulebook without a complaint rule, then a complaint sets no deadline and suspends nothing', () => {
    const { complaints } = financeActsOf(fixture());
    expect(complaints).toMatchObject({ requiredFact: null, deadlineRuleIds: {}, suspensionRuleIds: [] });
    expect(complaints.declareWellFounded).toBeUndefined();
    expect(
      complaints.file({
        filedAt: '2024-05-01T10:00:00+02:00',
        filedOn: '2024-05-01',
        incidentOn: null,
        courseEndedOn: null,
      }),
    ).toEqual({ decision: null, deadlines: {}, suspendedFrom: null, ruleIds: [], interpretationIds: ['FIN-I12'] });
  });

  it('FIN-I9: given a rulebook that names no invoice-number prefix, then its id in capitals is the prefix', () => {
    expect(financeActsOf(fixture()).invoiceNumbering.prefix).toBe('FIXTURE-BOOK');
  });

  it('given a rulebook that implements some finance acts, then it keeps its own and gets the defaults for the rest', () => {
    const own: Partial<FinanceActs> = { invoiceNumbering: { prefix: 'FX' } };
    const acts = financeActsOf(fixture({ finance: own }));
    expect(acts.invoiceNumbering).toBe(own.invoiceNumbering);
    expect(acts.reminders.ruleId).toBe('BW-6:96-6');
    const version = fixture({ finance: own });
    expect(financeActsOf(version)).toBe(financeActsOf(version));
  });

  it('given the ledger registry, then every rulebook decides finance acts and only spot-lms decides licences', () => {
    const registry = createRulebookRegistry();
    expect(registry.idsOffering('finance').sort()).toEqual(['excellus', 'loi', 'plusport', 'spot-lms', 'vli']);
    expect(registry.idsOffering('licences')).toEqual(['spot-lms']);
    expect(new RulebookRegistry().register(fixture()).idsOffering('finance')).toEqual([]);
  });
});
