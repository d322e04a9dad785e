import { RulebookRegistry } from '../../../rulebook';
import { VLI_2024_01_01, decideVliComplaintDeadlines, decideVliRetention, vliVersions } from '../index';
import { expectRecomputesIdentically } from './test-support';
import { violation } from '../../../rule-violation.test-support';

const vli = VLI_2024_01_01;
const registry = new RulebookRegistry();
for (const v of vliVersions) registry.register(v);

describe('VLI-6.2 complaints: filed within 3 weeks of the incident; acknowledged within 5 working days; investigated within 2 weeks', () => {
  it('VLI-6.2 given an incident on Mon 2026-03-02, when the complaint is filed on 03-23 (day 21), then it is in time and acknowledgement is due Mon 03-30', () => {
    const d = decideVliComplaintDeadlines(vli, { incidentOn: '2026-03-02', filedAt: '2026-03-23T16:00:00+01:00' });
    expect(d.allowed).toBe(true);
    expect(d.ruleIds).toEqual(['VLI-6.2']);
    expect(d.deadlines).toEqual({ filingDeadline: '2026-03-23', acknowledgementDue: '2026-03-30' });
    expect(d.inputs['filedOn']).toBe('2026-03-23');
    expectRecomputesIdentically(registry, d);
  });

  it('VLI-6.2 given the same incident, when the complaint is filed on 03-24 (a day later), then it is refused (COMPLAINT_TOO_LATE)', () => {
    const e = violation(() => decideVliComplaintDeadlines(vli, { incidentOn: '2026-03-02', filedAt: '2026-03-24' }));
    expect(e.error).toBe('COMPLAINT_TOO_LATE');
    expect(e.ruleId).toBe('VLI-6.2');
    expect(e.details).toEqual({ incidentOn: '2026-03-02', filedOn: '2026-03-24', filingDeadline: '2026-03-23' });
  });

  it('VLI-6.2 given a complaint e-mailed at 2026-03-23T23:30Z (00:30 on 03-24 in Amsterdam), when decided, then it counts as filed on 03-24: too late', () => {
    const e = violation(() =>
      decideVliComplaintDeadlines(vli, { incidentOn: '2026-03-02', filedAt: '2026-03-23T23:30:00Z' }),
    );
    expect(e.ruleId).toBe('VLI-6.2');
  });

  it('VLI-6.2 given a complaint filed Thu 2026-04-02 before Easter, when decided, then the 5 working days skip Good Friday and Easter Monday: due Mon 04-13', () => {
    const d = decideVliComplaintDeadlines(vli, { incidentOn: '2026-03-20', filedAt: '2026-04-02' });
    expect(d.deadlines?.['acknowledgementDue']).toBe('2026-04-13');
    expect(d.deadlines?.['filingDeadline']).toBe('2026-04-10');
  });

  it('VLI-6.2 given a complaint declared well-founded on 2026-04-20, when decided, then the investigation is due 14 days later on 2026-05-04', () => {
    const d = decideVliComplaintDeadlines(vli, {
      incidentOn: '2026-03-20',
      filedAt: '2026-04-02',
      declaredWellFoundedOn: '2026-04-20',
    });
    expect(d.deadlines).toEqual({
      filingDeadline: '2026-04-10',
      acknowledgementDue: '2026-04-13',
      investigationDue: '2026-05-04',
    });
    expect(d.explanation).toBe(
      'Complaint filed 2026-04-02, within 21 days of the incident on 2026-03-20: acknowledgement due by 2026-04-13 (5 working days), investigation due by 2026-05-04 (14 days after being declared well-founded on 2026-04-20) (VLI-6.2, rulebook vli@2024-01-01)',
    );
    expectRecomputesIdentically(registry, d);
  });

  it('VLI-6.2 given a complaint dated before the incident, when decided, then the input is rejected', () => {
    expect(() => decideVliComplaintDeadlines(vli, { incidentOn: '2026-03-20', filedAt: '2026-03-19' })).toThrow(
      /before the incident/,
    );
  });
});

describe('VLI-5.2 retention: former learners name and e-mail kept 10 years', () => {
  it('VLI-5.2 given a learner whose last training ended 2026-06-30, when scheduled, then name and e-mail are erased on 2036-06-30', () => {
    const d = decideVliRetention(vli, { formerLearnerSince: '2026-06-30' });
    expect(d.ruleIds).toEqual(['VLI-5.2']);
    expect(d.deadlines).toEqual({ retainContactDataUntil: '2036-06-30', erasureDueOn: '2036-06-30' });
    expect(d.inputs['retentionYears']).toBe(10);
    expect(d.explanation).toBe(
      'Former learner since 2026-06-30: name and e-mail kept 10 years, erasure due on 2036-06-30 (VLI-5.2, rulebook vli@2024-01-01)',
    );
    expectRecomputesIdentically(registry, d);
  });

  it('VLI-5.2 given a former learner since 29 Feb 2028, when scheduled, then the 10 years end on 2038-02-28 (month arithmetic clamps)', () => {
    expect(decideVliRetention(vli, { formerLearnerSince: '2028-02-29' }).deadlines?.['erasureDueOn']).toBe(
      '2038-02-28',
    );
  });

  it('VLI-5.2 given an erasure request on 2027-01-15, when scheduled, then erasure is due on the request date; a request after the 10 years changes nothing', () => {
    const d = decideVliRetention(vli, { formerLearnerSince: '2026-06-30', erasureRequestedOn: '2027-01-15' });
    expect(d.deadlines).toEqual({ retainContactDataUntil: '2036-06-30', erasureDueOn: '2027-01-15' });
    expectRecomputesIdentically(registry, d);
    const later = decideVliRetention(vli, { formerLearnerSince: '2026-06-30', erasureRequestedOn: '2037-01-01' });
    expect(later.deadlines?.['erasureDueOn']).toBe('2036-06-30');
  });
});
