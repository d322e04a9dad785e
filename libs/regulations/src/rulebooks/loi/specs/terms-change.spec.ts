/**
 * LOI-17: changed terms are announced at least 10 calendar days before they take effect; a change is
 * published as a new version of the rulebook, from which every act decides under the new figures.
 */
import { isNotCovered, registerPublication, type VersionPublishingAct } from '../../../contract';
import { RuleViolation, type Decision } from '../../../decision';
import { RulebookRegistry } from '../../../rulebook';
import { loiVersions } from '..';

function freshRegistry(): RulebookRegistry {
  const registry = new RulebookRegistry();
  for (const v of loiVersions) registry.register(v);
  return registry;
}

const publishingOf = (registry: RulebookRegistry): VersionPublishingAct => {
  const act = registry.rulebookFor('loi', '2026-06-01').acts.publishing;
  if (!act || isNotCovered(act)) throw new Error('LOI publishes changed terms');
  return act;
};

const change = {
  version: '2027-01-01',
  effectiveFrom: '2027-01-01',
  publishedAt: '2026-12-22T10:00:00+01:00',
  details: { noticeChannel: 'website', summary: 'Notice period of other courses 2 months', otherNoticeMonths: 2 },
};

describe("LOI-17 10 days' notice of changed terms", () => {
  it('LOI-17: given a change announced on the website on 2026-12-22, when it takes effect on 2027-01-01, then the notice (10 days) suffices and the decision names 2027-01-01 as the earliest first day', () => {
    const registry = freshRegistry();
    const decision = publishingOf(registry).decide(change);
    expect(decision).toMatchObject({
      kind: 'terms-change-notice',
      ruleIds: ['LOI-17'],
      rulebook: { id: 'loi', version: '2024-01-01' },
      allowed: true,
      deadlines: { earliestEffectiveFrom: '2027-01-01', effectiveFrom: '2027-01-01' },
      inputs: {
        noticeOn: '2026-12-22',
        noticeDays: 10,
        minimumNoticeDays: 10,
        changes: { otherNoticeMonths: 2 },
        previous: { otherNoticeMonths: 3 },
        changedRules: ['LOI-12.3-OV'],
      },
    });
    expect(registry.recompute(JSON.parse(JSON.stringify(decision)) as Decision)).toEqual(decision);
  });

  it('LOI-17: given a change announced on 2026-12-23 (9 days ahead), when it would take effect on 2027-01-01, then it is refused naming LOI-17 and the earliest day, 2027-01-02', () => {
    let thrown: unknown;
    try {
      publishingOf(freshRegistry()).decide({ ...change, publishedAt: '2026-12-23T08:00:00+01:00' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RuleViolation);
    expect(thrown).toMatchObject({
      error: 'TERMS_CHANGE_NOTICE_TOO_SHORT',
      ruleId: 'LOI-17',
      details: { earliestEffectiveFrom: '2027-01-02' },
    });
  });

  it('LOI-17: the notice day is the Amsterdam date (23:30 UTC on 2026-12-21 is 2026-12-22 in Amsterdam)', () => {
    const decision = publishingOf(freshRegistry()).decide({ ...change, publishedAt: '2026-12-21T23:30:00Z' });
    expect(decision.inputs['noticeOn']).toBe('2026-12-22');
  });

  it('LOI-17: given the change published, then from 2027-01-01 the version in force has 2 months notice; before it, 3; decisions of the old version still recompute', () => {
    const registry = freshRegistry();
    const act = publishingOf(registry);
    act.decide(change);
    registerPublication(registry, {
      rulebookId: 'loi',
      version: change.version,
      effectiveFrom: change.effectiveFrom,
      basedOn: '2024-01-01',
      details: change.details,
    });
    const before = registry.rulebookFor('loi', '2026-12-31');
    const after = registry.rulebookFor('loi', '2027-01-01');
    expect(before.version).toBe('2024-01-01');
    expect(after.version).toBe('2027-01-01');
    expect((after.data as { termination: { otherNoticeMonths: number } }).termination.otherNoticeMonths).toBe(2);
    expect((before.data as { termination: { otherNoticeMonths: number } }).termination.otherNoticeMonths).toBe(3);
    // The changed version publishes changed terms itself, under the same rule.
    expect(after.acts.publishing && !isNotCovered(after.acts.publishing)).toBe(true);
  });

  it('LOI-17: a channel other than personal notice or the website, a missing summary or a figure out of bounds is bad input naming the field', () => {
    const act = publishingOf(freshRegistry());
    for (const [field, details] of [
      ['noticeChannel', { ...change.details, noticeChannel: 'newspaper' }],
      ['summary', { noticeChannel: 'website' }],
      ['otherNoticeMonths', { ...change.details, otherNoticeMonths: 0 }],
      ['lowRateCents', { ...change.details, lowRateCents: 100 }],
    ] as const)
      expect(() => act.decide({ ...change, details })).toThrow(expect.objectContaining({ field }));
  });
});
