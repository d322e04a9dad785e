/** VLI's finance acts (VLI-6.2; no late-payment rule: FIN-I1) as the domain calls them: given the facts, when the act decides, then its figures. */
import { financeActsOf } from '../../../contract/finance';
import { VLI_2024_01_01 } from '..';

const acts = financeActsOf(VLI_2024_01_01);
const filing = (filedAt: string) => ({
  filedAt,
  filedOn: filedAt.slice(0, 10),
  incidentOn: '2024-06-03',
  courseEndedOn: null,
});

describe('VLI finance acts', () => {
  it('VLI-6.2: given an incident on Mon 2024-06-03, when a complaint is filed Mon 06-10, then acknowledgement is due in 5 working days (06-17) and filing was open until 06-24', () => {
    const filed = acts.complaints.file(filing('2024-06-10T09:00:00+02:00'));
    expect(filed).toMatchObject({
      deadlines: { filingDeadline: '2024-06-24', acknowledgementDue: '2024-06-17' },
      suspendedFrom: null,
      ruleIds: ['VLI-6.2'],
    });
    expect(acts.complaints.requiredFact).toMatchObject({
      field: 'incidentOn',
      error: 'INCIDENT_DATE_REQUIRED',
      ruleId: 'VLI-6.2',
    });
    expect(acts.complaints.deadlineRuleIds).toEqual({ acknowledgementDue: 'VLI-6.2', investigationDue: 'VLI-6.2' });
  });

  it('VLI-6.2: given the same incident, when the complaint is filed 2024-06-25 (more than 3 weeks later), then it is refused as too late', () => {
    expect(() => acts.complaints.file(filing('2024-06-25T09:00:00+02:00'))).toThrow(
      expect.objectContaining({ error: 'COMPLAINT_TOO_LATE', ruleId: 'VLI-6.2' }),
    );
  });

  it('VLI-6.2: given a filed complaint, when declared well-founded on 2024-06-12, then the investigation is due 2 weeks later (06-26)', () => {
    expect(
      acts.complaints.declareWellFounded!({
        incidentOn: '2024-06-03',
        filedAt: '2024-06-10T09:00:00+02:00',
        declaredOn: '2024-06-12',
      }),
    ).toMatchObject({ investigationDue: '2024-06-26', decision: { ruleIds: ['VLI-6.2'] } });
  });

  it('FIN-I1 / BW-6:96-6: VLI has no late-payment rule: statutory interest from the day after the due date, the statutory reminder and WIK scale', () => {
    expect(
      acts.interestStart.interestStart({ dueDate: '2024-03-31', firstReminder: null, asOf: '2024-05-01' }),
    ).toEqual({ from: '2024-04-01', ruleIds: [], interpretationIds: ['FIN-I1'] });
    expect(acts.reminders.ruleId).toBe('BW-6:96-6');
    expect(acts.collectionCosts.needsCustomerKind).toBe(false);
  });

  it('FIN-I9: VLI invoices are numbered VLI-<year>-<sequence>', () => {
    expect(acts.invoiceNumbering.prefix).toBe('VLI');
  });
});
