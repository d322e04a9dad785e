/**
 * LOI-17: LOI may change its terms; a change is announced at least ten calendar days before it takes
 * effect, by personal notice or on LOI's website. A change is published as a new version of the
 * rulebook (docs/architecture.md, "Published rulebook versions"): from its first day every act
 * decides under it, on running agreements too.
 */
import { addDays, compareDates, daysBetween, toLocalDate, type Instant, type LocalDate } from '../../../calendar';
import { RuleViolation, type Decision } from '../../../decision';
import type { LoiData } from '../data';
import { cite, loiDecision, type LoiBook } from './common';
import { asJson, readDate, readInteger, readOneOf, readString, readTime, type JsonInputs } from './inputs';

export const LOI_NOTICE_CHANNELS = ['personal', 'website'] as const;
export type LoiNoticeChannel = (typeof LOI_NOTICE_CHANNELS)[number];

interface ChangeableTerm {
  /** The rule whose figure the change sets. */
  ruleId: string;
  min: number;
  max: number;
  current(data: LoiData): number | null;
  apply(data: LoiData, value: number): LoiData;
}

/**
 * The figures of LOI's terms a change may set through the API (the ones the ledger decides with). The
 * withdrawal periods are left out: 14 days is the statutory minimum for distance contracts.
 */
export const LOI_CHANGEABLE_TERMS = {
  abroadMonthlySurchargeCents: {
    ruleId: 'LOI-14',
    min: 0,
    max: 1_000_000,
    current: (d) => d.abroad.monthlySurchargeCents,
    apply: (d, v) => ({ ...d, abroad: { monthlySurchargeCents: v } }),
  },
  collectionCostsCapBasisPoints: {
    ruleId: 'LOI-6.2-3',
    min: 0,
    max: 10_000,
    current: (d) => d.latePayment.collectionCostsCapBasisPoints,
    apply: (d, v) => ({ ...d, latePayment: { ...d.latePayment, collectionCostsCapBasisPoints: v } }),
  },
  otherNoticeMonths: {
    ruleId: 'LOI-12.3-OV',
    min: 1,
    max: 12,
    current: (d) => d.termination.otherNoticeMonths,
    apply: (d, v) => ({ ...d, termination: { ...d.termination, otherNoticeMonths: v } }),
  },
  mboDataDeadlineDays: {
    ruleId: 'LOI-4',
    min: 1,
    max: 365,
    current: (d) => d.mboData.deadlineDays,
    apply: (d, v) => ({ ...d, mboData: { ...d.mboData, deadlineDays: v } }),
  },
  maxActiveModules: {
    ruleId: 'LOI-10',
    min: 1,
    max: 100,
    current: (d) => d.modules.maxActive,
    apply: (d, v) => ({ ...d, modules: { ...d.modules, maxActive: v } }),
  },
} as const satisfies Record<string, ChangeableTerm>;

export type LoiChangeableTerm = keyof typeof LOI_CHANGEABLE_TERMS;
export type LoiTermChanges = Partial<Record<LoiChangeableTerm, number>>;
const CHANGEABLE = Object.keys(LOI_CHANGEABLE_TERMS) as LoiChangeableTerm[];

export interface LoiTermsChangeInput {
  /** The new version's name. */
  version: string;
  effectiveFrom: LocalDate;
  /** Business time of the notice (personal notice sent, or publication on the website). */
  publishedAt: Instant | LocalDate;
  noticeChannel: LoiNoticeChannel;
  /** What changes, in LOI's words. */
  summary: string;
  /** The figures the change sets; absent ones stay as they are. */
  changes: LoiTermChanges;
}

function readChanges(raw: JsonInputs): LoiTermChanges {
  const value = raw['changes'];
  const changes = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as JsonInputs;
  const read: LoiTermChanges = {};
  for (const key of CHANGEABLE)
    if (changes[key] !== undefined && changes[key] !== null) {
      const { min, max } = LOI_CHANGEABLE_TERMS[key];
      read[key] = readInteger(changes, key, min, max);
    }
  return read;
}

/** The data of a version after the change. */
export function loiDataAfterChange(data: LoiData, changes: LoiTermChanges): LoiData {
  return CHANGEABLE.reduce(
    (changed, key) => (changes[key] === undefined ? changed : LOI_CHANGEABLE_TERMS[key].apply(changed, changes[key]!)),
    data,
  );
}

/**
 * LOI-17: the notice of changed terms. It may take effect on the notice day + the minimum notice
 * (10 calendar days) at the earliest; an earlier first day is refused, naming that date.
 */
export function loiTermsChangeNotice(book: LoiBook, input: LoiTermsChangeInput): Decision {
  const raw = asJson(input);
  const version = readString(raw, 'version');
  const effectiveFrom = readDate(raw, 'effectiveFrom');
  const publishedAt = readTime(raw, 'publishedAt');
  const noticeChannel = readOneOf(raw, 'noticeChannel', LOI_NOTICE_CHANNELS);
  const summary = readString(raw, 'summary');
  const changes = readChanges(raw);
  const { minimumNoticeDays } = book.data.termsChange;
  const noticeOn = toLocalDate(publishedAt);
  const earliestEffectiveFrom = addDays(noticeOn, minimumNoticeDays);
  if (compareDates(effectiveFrom, earliestEffectiveFrom) < 0)
    throw new RuleViolation(
      'TERMS_CHANGE_NOTICE_TOO_SHORT',
      'LOI-17',
      `Changed terms announced on ${noticeOn} take effect on ${earliestEffectiveFrom} at the earliest ` +
        `(at least ${minimumNoticeDays} calendar days' notice), not on ${effectiveFrom}`,
      { noticeOn, effectiveFrom, earliestEffectiveFrom },
    );
  const previous = Object.fromEntries(
    Object.keys(changes).map((key) => [key, LOI_CHANGEABLE_TERMS[key as LoiChangeableTerm].current(book.data)]),
  );
  const changedRules = [
    ...new Set(Object.keys(changes).map((k) => LOI_CHANGEABLE_TERMS[k as LoiChangeableTerm].ruleId)),
  ];
  const noticeDays = daysBetween(noticeOn, effectiveFrom);
  return loiDecision(book, 'terms-change-notice', {
    ruleIds: ['LOI-17'],
    interpretationIds: [],
    inputs: {
      version,
      effectiveFrom,
      publishedAt,
      noticeChannel,
      summary,
      changes,
      noticeOn,
      minimumNoticeDays,
      noticeDays,
      earliestEffectiveFrom,
      previous,
      changedRules,
    },
    allowed: true,
    deadlines: { earliestEffectiveFrom, effectiveFrom },
    explanation:
      `Changed terms (${summary}) announced on ${noticeOn} by ${noticeChannel === 'personal' ? 'personal notice' : "publication on LOI's website"}, ` +
      `${noticeDays} days before they take effect on ${effectiveFrom} as version ${version} ` +
      `(at least ${minimumNoticeDays} days: from ${earliestEffectiveFrom})` +
      (changedRules.length > 0 ? `; they set the figures of ${changedRules.join(', ')}` : '') +
      ` (LOI-17, ${cite(book)})`,
  });
}
