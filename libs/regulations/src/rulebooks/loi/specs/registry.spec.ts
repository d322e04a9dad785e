import { RuleViolation, type Decision, type JsonValue } from '../../../decision';
import { RulebookRegistry } from '../../../rulebook';
import { LOI_DECISION_KINDS, loiVersions } from '..';

const registry = new RulebookRegistry();
for (const v of loiVersions) registry.register(v);
const version = registry.rulebookFor('loi', '2026-06-01');

/** One representative JSON input per kind (raw facts only). */
const samples: Record<(typeof LOI_DECISION_KINDS)[number], Record<string, JsonValue>> = {
  withdrawal: {
    customerKind: 'consumer',
    agreementDate: '2026-03-01',
    requestedAt: '2026-03-10T09:00:00+01:00',
    paidCents: 19_900,
    materialsSent: true,
  },
  'withdrawal-materials-return': {
    withdrawnOn: '2026-03-15',
    returnReceivedAt: '2026-03-20',
    originalState: false,
    paidCents: 19_900,
    valueReductionCents: 5_000,
  },
  'service-duration': { studyMonths: 8, startDate: '2026-01-31' },
  'modules-at-start': { startDate: '2026-01-15', studyMonths: 12, moduleIds: ['m1', 'm2', 'm3'] },
  'module-activation': {
    startDate: '2026-01-15',
    studyMonths: 12,
    moduleId: 'm3',
    at: '2026-06-01',
    activeModuleIds: ['m1', 'm2'],
    prerequisitesMet: true,
  },
  'mbo-data-deadline': {
    level: 'mbo',
    recognised: true,
    registrationDate: '2026-03-01',
    asOf: '2026-04-01',
    diplomasReceivedOn: '2026-03-05',
    personalNumberReceivedOn: null,
    signedAgreementReceivedOn: '2026-03-10',
  },
  'vat-regime': { recognised: false, netCents: 12_345 },
  'late-payment': {
    customerKind: 'consumer',
    principalCents: 300_000,
    dueDate: '2026-03-31',
    reminderSentOn: '2026-04-02',
    reminderReceivedOn: '2026-04-03',
    reminderTermDays: 14,
    asOf: '2026-04-18',
  },
  'exam-fee': { event: 'resit', examFeeCents: 12_500, examFeesInMonthlyInstalments: true },
  'early-termination': {
    level: 'other',
    studyMonths: 12,
    tutor: true,
    startDate: '2026-02-23',
    requestedAt: '2026-06-20',
    monthlyTuitionCents: 5_000,
    monthlyExamFeeCents: 1_000,
    extraMaterialsCents: 8_000,
    paidCents: 54_000,
  },
  'abroad-surcharge': { months: 3, monthlySurchargeCents: 1_500 },
  'exam-result': {
    sittingAt: '2026-06-01T10:00:00+02:00',
    attempt: 1,
    identified: true,
    fraud: false,
    score: 28,
    maxScore: 40,
    passMark: 30,
    mboDataMissing: [],
  },
  suspension: {
    suspendedAt: '2026-05-04T09:00:00+02:00',
    ground: 'unpaid',
    invoices: [{ invoiceId: 'I1', dueDate: '2026-03-15', outstandingCents: 59_880 }],
    documentsDueDate: null,
    documentsComplete: false,
    startDate: '2026-03-01',
    studyMonths: 12,
  },
  'suspension-end': {
    suspendedAt: '2026-05-04T09:00:00+02:00',
    resumedAt: '2026-06-01T09:00:00+02:00',
    startDate: '2026-03-01',
    studyMonths: 12,
  },
  'terms-change-notice': {
    version: '2027-01-01',
    effectiveFrom: '2027-01-01',
    publishedAt: '2026-12-15T10:00:00+01:00',
    noticeChannel: 'website',
    summary: 'Notice period of other courses 2 months',
    changes: { otherNoticeMonths: 2 },
  },
};

describe('loi rulebook versions and recomputation', () => {
  it('registers loi@2024-01-01 in force from 2024-01-01 with every decision kind', () => {
    expect(version.version).toBe('2024-01-01');
    expect(version.effectiveFrom).toBe('2024-01-01');
    expect(Object.keys(version.decisions).sort()).toEqual([...LOI_DECISION_KINDS].sort());
  });

  it.each(LOI_DECISION_KINDS.map((k) => [k]))(
    'recompute(%s) from the recorded inputs (after a JSON round trip) gives the identical decision',
    (kind) => {
      const decision = version.decisions[kind]!(samples[kind]);
      expect(decision.kind).toBe(kind);
      expect(decision.rulebook).toEqual({ id: 'loi', version: '2024-01-01' });
      const stored = JSON.parse(JSON.stringify(decision)) as Decision;
      expect(stored).toEqual(decision); // JSON-only: nothing lost in the event store
      expect(registry.recompute(stored)).toEqual(decision);
    },
  );

  it('LOI-12.2 refusals recompute to the same RuleViolation', () => {
    const inputs = { ...samples['early-termination'], tutor: false };
    const attempt = () =>
      registry.recompute({ kind: 'early-termination', rulebook: { id: 'loi', version: '2024-01-01' }, inputs });
    expect(attempt).toThrow(RuleViolation);
    expect(attempt).toThrow('Self-study courses');
  });

  it('the early-termination decision of LOI-12.3-OV records raw facts and derived figures', () => {
    const d = version.decisions['early-termination']!(samples['early-termination']);
    expect(d.inputs).toMatchObject({
      receivedOn: '2026-06-20',
      monthsDue: 7,
      totalDueCents: 50_000,
      studyEndsOn: '2027-02-23',
    });
    expect(d).toMatchObject({
      feeCents: 50_000,
      refundCents: 4_000,
      deadlines: { noticeStart: '2026-06-23', effectiveEnd: '2026-09-23' },
    });
  });
});
