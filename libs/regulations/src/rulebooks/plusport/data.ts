/**
 * PlusPort rulebook data, version 2024-01-01 (docs/regulations.md §2; seed 001 art. 5, 7, 8, 10, 13-16).
 * Tables and parameters live here, not in code, so a later version can change them.
 */
import type { PlusportData } from './decisions/types';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}

export const PLUSPORT_DATA_2024: PlusportData = deepFreeze<PlusportData>({
  cancellation: {
    eLearning: {
      freeWhileWorkingDaysAfterPurchaseBelow: 10,
      notStartedWithinWindowFeeBasisPoints: 0,
      startedFeeBasisPoints: 10_000,
      afterWindowFeeBasisPoints: 10_000,
    },
    bands: {
      // PP-15.5-EX: wdBefore >= 6 0 %; <= 5 100 %.
      exam: [
        { minWorkingDaysBefore: 6, feeBasisPoints: 0 },
        { minWorkingDaysBefore: 0, feeBasisPoints: 10_000 },
      ],
      // PP-15.5-PS: >= 11 0 %; 6..10 50 %; <= 5 100 %.
      'practical-session': [
        { minWorkingDaysBefore: 11, feeBasisPoints: 0 },
        { minWorkingDaysBefore: 6, feeBasisPoints: 5_000 },
        { minWorkingDaysBefore: 0, feeBasisPoints: 10_000 },
      ],
      // PP-15.5-CLS: >= 11 0 %; 6..10 50 %; <= 5 100 %.
      classroom: [
        { minWorkingDaysBefore: 11, feeBasisPoints: 0 },
        { minWorkingDaysBefore: 6, feeBasisPoints: 5_000 },
        { minWorkingDaysBefore: 0, feeBasisPoints: 10_000 },
      ],
    },
    textbook: { returnedUnusedFeeBasisPoints: 0, otherwiseFeeBasisPoints: 10_000, notSentFeeBasisPoints: 0 },
    previouslyRescheduled: { feeBasisPoints: 10_000, appliesTo: ['practical-session', 'classroom'] },
    noShowFeeBasisPoints: 10_000,
  },
  exemption: {
    exemptComponents: ['exam', 'practical-session', 'classroom'],
    qualifyingPersons: {
      death: ['learner', 'first-degree-relative'],
      hospitalisation: ['learner', 'first-degree-relative'],
      illness: ['learner'],
    },
    evidenceWindowCalendarDays: 7,
  },
  reschedule: {
    // PP-14.4: up to and including 6 working days before free; 5 or fewer and on the day not possible.
    exam: {
      bands: [
        { minWorkingDaysBefore: 6, allowed: true, feeCents: 0 },
        { minWorkingDaysBefore: 0, allowed: false },
      ],
      onTheDay: { minWorkingDaysBefore: 0, allowed: false },
      newDateRequired: false,
    },
    // PP-14.5: >= 11 free; 10..1 55.00 (and 0 on a non-working day before the date: INTERP PP-I8);
    // on the day 100 % of the session price; new date given at once, within 3 months.
    'practical-session': {
      bands: [
        { minWorkingDaysBefore: 11, allowed: true, feeCents: 0 },
        { minWorkingDaysBefore: 0, allowed: true, feeCents: 5_500 },
      ],
      onTheDay: { minWorkingDaysBefore: 0, allowed: true, feeBasisPoints: 10_000 },
      newDateWithinMonths: 3,
      newDateRequired: true,
    },
  },
  forceMajeure: { retentionBasisPoints: 2_000 },
  priceChange: { thresholdBasisPoints: 1_000, windowMonths: 3 },
  complaints: { windowCalendarDays: 14, answerWorkingDays: 7 },
  deliveries: { resultWorkingDays: 2, certificateWorkingDays: 2 },
  interpretations: {
    eLearningColumns: 'PP-I1',
    oneComponentTable: 'PP-I2',
    eLearningWorkingDayCount: 'PP-I3',
    evidenceWindow: 'PP-I4',
    perComponentStart: 'PP-I5',
    previouslyRescheduledScope: 'PP-I6',
    vatOnFees: 'PP-I7',
    rescheduleNonWorkingDayBefore: 'PP-I8',
    rescheduleWindow: 'PP-I9',
    rescheduleScope: 'PP-I10',
    dueDate: 'PP-I11',
    forceMajeureProRata: 'PP-I12',
    priceChangeWindow: 'PP-I13',
    complaintWindows: 'PP-I14',
    colleagueSwap: 'PP-I15',
    textbookNotSent: 'PP-I16',
    suspensionWhileUnpaid: 'PP-I17',
  },
});
