/**
 * LOI-9.1 service duration, LOI-10 module activation, LOI-4 MBO data deadline,
 * LOI-5.3-4 VAT regime, LOI-11 exam fees and exam results, LOI-14 abroad surcharge.
 */
import { addDays, addMonths, compareDates, toLocalDate, type Instant, type LocalDate } from '../../../calendar';
import { RuleViolation, feeOnNet, type Decision, type JsonValue } from '../../../decision';
import { addVat, formatEuro, type Cents } from '../../../money';
import {
  MONEY_READING,
  readingIdsOf,
  readingsForNewDecision,
  readingsJson,
  readingsOfRecordedInputs,
  vatRateFor,
  versionOf,
  type DecisionReadings,
  type Readings,
} from '../../../contract/readings';
import { cite, LOI_LEVELS, loiDecision, MAX_STUDY_MONTHS, type LoiBook, type LoiLevel } from './common';
import {
  asJson,
  LoiInputError,
  readBoolean,
  readCents,
  readDate,
  readInteger,
  readOneOf,
  readOptionalCentsOrNull,
  readOptionalDate,
  readString,
  readStringArray,
  readTime,
  type JsonInputs,
} from './inputs';

// ---------------------------------------------------------------- LOI-9.1 service duration

/** LOI-9.1: 2 x study duration, at least 12 and at most 72 months (pure figure). */
export function loiServiceMonths(book: LoiBook, studyMonths: number): number {
  const { factor, minMonths, maxMonths } = book.data.serviceDuration;
  return Math.min(maxMonths, Math.max(minMonths, factor * studyMonths));
}

export interface LoiServiceDurationInput {
  studyMonths: number;
  /** Start of the study (aanvangsdatum), from which the service duration runs; optional. */
  startDate?: LocalDate | null;
}

/** LOI-9.1: service duration; with a start date, the date it has elapsed (datum einde opleiding). */
export function loiServiceDuration(book: LoiBook, input: LoiServiceDurationInput): Decision {
  const raw = asJson(input);
  const studyMonths = readInteger(raw, 'studyMonths', 1, MAX_STUDY_MONTHS);
  const startDate = readOptionalDate(raw, 'startDate');
  const { factor, minMonths, maxMonths } = book.data.serviceDuration;
  const serviceMonths = loiServiceMonths(book, studyMonths);
  const deadlines: Record<string, LocalDate> = {};
  if (startDate) deadlines.serviceEndsOn = addMonths(startDate, serviceMonths);
  return loiDecision(book, 'service-duration', {
    ruleIds: ['LOI-9.1'],
    interpretationIds: [],
    inputs: {
      studyMonths,
      startDate,
      factor,
      minMonths,
      maxMonths,
      uncappedMonths: factor * studyMonths,
      serviceMonths,
    },
    allowed: true,
    deadlines,
    explanation:
      `Study duration ${studyMonths} months: service duration ${factor} x ${studyMonths} = ${factor * studyMonths}, ` +
      `bounded to ${minMonths}..${maxMonths}: ${serviceMonths} months` +
      (startDate ? `, from ${startDate} until ${deadlines.serviceEndsOn}` : '') +
      ` (LOI-9.1, ${cite(book)})`,
  });
}

// ---------------------------------------------------------------- LOI-10 modules

interface ServicePeriod {
  startDate: LocalDate;
  studyMonths: number;
  serviceMonths: number;
  serviceEndsOn: LocalDate;
}

function readServicePeriod(book: LoiBook, raw: JsonInputs): ServicePeriod {
  const startDate = readDate(raw, 'startDate');
  const studyMonths = readInteger(raw, 'studyMonths', 1, MAX_STUDY_MONTHS);
  const serviceMonths = loiServiceMonths(book, studyMonths);
  return { startDate, studyMonths, serviceMonths, serviceEndsOn: addMonths(startDate, serviceMonths) };
}

export interface LoiModulesAtStartInput {
  /** Start of the service duration (aanvangsdatum). */
  startDate: LocalDate;
  studyMonths: number;
  /** The course's modules in the order the course prescribes. */
  moduleIds: string[];
}

/** LOI-10: at the start of the service duration the first two modules are activated. */
export function loiModulesAtStart(book: LoiBook, input: LoiModulesAtStartInput): Decision {
  const raw = asJson(input);
  const period = readServicePeriod(book, raw);
  const moduleIds = readStringArray(raw, 'moduleIds', 500);
  if (new Set(moduleIds).size !== moduleIds.length) throw new LoiInputError('input moduleIds: duplicate module id');
  const { activatedAtStart } = book.data.modules;
  const activated = moduleIds.slice(0, activatedAtStart);
  return loiDecision(book, 'modules-at-start', {
    ruleIds: ['LOI-10', 'LOI-9.1'],
    interpretationIds: [],
    inputs: {
      startDate: period.startDate,
      studyMonths: period.studyMonths,
      moduleIds,
      activatedAtStart,
      serviceMonths: period.serviceMonths,
      activatedModuleIds: activated,
    },
    allowed: true,
    deadlines: { activatedOn: period.startDate, serviceEndsOn: period.serviceEndsOn },
    explanation:
      `Service duration starts ${period.startDate}: modules ${activated.join(', ') || '(none)'} activated ` +
      `(${activatedAtStart} at the start); all modules to be activated and completed before ${period.serviceEndsOn} (LOI-10, ${cite(book)})`,
  });
}

export interface LoiModuleActivationInput {
  startDate: LocalDate;
  studyMonths: number;
  moduleId: string;
  /** Business time of the activation request. */
  at: Instant | LocalDate;
  /** Modules active (activated, not completed) just before this activation. */
  activeModuleIds: string[];
  /** LOI-10 (seed art. 10.4): the course's order and prior-module requirements are met. */
  prerequisitesMet: boolean;
}

/** LOI-10: activation by the customer: within the service duration, at most 5 active, prerequisites met. */
export function loiModuleActivation(book: LoiBook, input: LoiModuleActivationInput): Decision {
  const raw = asJson(input);
  const period = readServicePeriod(book, raw);
  const moduleId = readString(raw, 'moduleId');
  const at = readTime(raw, 'at');
  const activeModuleIds = readStringArray(raw, 'activeModuleIds', 500);
  const prerequisitesMet = readBoolean(raw, 'prerequisitesMet');
  const { maxActive } = book.data.modules;
  const on = toLocalDate(at);
  const facts = { moduleId, on, startDate: period.startDate, serviceEndsOn: period.serviceEndsOn };
  if (compareDates(on, period.startDate) < 0 || compareDates(on, period.serviceEndsOn) >= 0) {
    throw new RuleViolation(
      'MODULE_ACTIVATION_OUTSIDE_SERVICE_DURATION',
      'LOI-10',
      `Modules can be activated only within the service duration ${period.startDate} until ${period.serviceEndsOn}`,
      facts,
    );
  }
  if (activeModuleIds.includes(moduleId)) {
    throw new RuleViolation('MODULE_ALREADY_ACTIVE', 'LOI-10', `Module ${moduleId} is already active`, facts);
  }
  if (activeModuleIds.length >= maxActive) {
    throw new RuleViolation('TOO_MANY_ACTIVE_MODULES', 'LOI-10', `At most ${maxActive} modules can be active at once`, {
      ...facts,
      activeCount: activeModuleIds.length,
    });
  }
  if (!prerequisitesMet) {
    throw new RuleViolation(
      'MODULE_PREREQUISITES_NOT_MET',
      'LOI-10',
      `Module ${moduleId} requires modules not yet completed`,
      facts,
    );
  }
  const activeAfter = activeModuleIds.length + 1;
  return loiDecision(book, 'module-activation', {
    ruleIds: ['LOI-10', 'LOI-9.1'],
    interpretationIds: [],
    inputs: {
      startDate: period.startDate,
      studyMonths: period.studyMonths,
      moduleId,
      at,
      activeModuleIds,
      prerequisitesMet,
      activatedOn: on,
      serviceMonths: period.serviceMonths,
      serviceEndsOn: period.serviceEndsOn,
      maxActive,
      activeCountAfter: activeAfter,
    },
    allowed: true,
    deadlines: { activatedOn: on, serviceEndsOn: period.serviceEndsOn },
    explanation:
      `Module ${moduleId} activated ${on}: ${activeAfter} of at most ${maxActive} active, within the service duration ` +
      `until ${period.serviceEndsOn} (LOI-10, ${cite(book)})`,
  });
}

// ---------------------------------------------------------------- LOI-4 MBO data

export type LoiMboItem = 'diplomas' | 'personalNumber' | 'signedAgreement';

export interface LoiMboDataInput {
  /** Only a full recognised MBO course carries the obligation. */
  level: LoiLevel;
  recognised: boolean;
  /** Registration date (aanmelddatum). */
  registrationDate: LocalDate;
  /** The day the state is judged (exam sign-up, scheduler tick). */
  asOf: LocalDate;
  /** Date each item arrived complete and approved, or null. */
  diplomasReceivedOn: LocalDate | null;
  personalNumberReceivedOn: LocalDate | null;
  signedAgreementReceivedOn: LocalDate | null;
}

/**
 * LOI-4: diplomas copy, personal number and signed agreement within 30 days after registration.
 * Exams are blocked while any item is missing (`allowed` = may sit exams); studying is blocked
 * once the deadline has passed with an item missing. Items not yet received by `asOf` count as missing.
 */
export function loiMboDataDeadline(book: LoiBook, input: LoiMboDataInput): Decision {
  const raw = asJson(input);
  const level = readOneOf(raw, 'level', LOI_LEVELS);
  const recognised = readBoolean(raw, 'recognised');
  if (level !== 'mbo' || !recognised) throw new LoiInputError('LOI-4 applies to recognised MBO courses only');
  const registrationDate = readDate(raw, 'registrationDate');
  const asOf = readDate(raw, 'asOf');
  const received: Record<LoiMboItem, LocalDate | null> = {
    diplomas: readOptionalDate(raw, 'diplomasReceivedOn'),
    personalNumber: readOptionalDate(raw, 'personalNumberReceivedOn'),
    signedAgreement: readOptionalDate(raw, 'signedAgreementReceivedOn'),
  };
  const dataDueDate = addDays(registrationDate, book.data.mboData.deadlineDays);
  const items: LoiMboItem[] = ['diplomas', 'personalNumber', 'signedAgreement'];
  const missing = items.filter((k) => received[k] === null || compareDates(received[k]!, asOf) > 0);
  const late = items.filter((k) => received[k] !== null && compareDates(received[k]!, dataDueDate) > 0);
  const deadlinePassed = compareDates(asOf, dataDueDate) > 0;
  const examsBlocked = missing.length > 0;
  const studyBlocked = examsBlocked && deadlinePassed;
  const state = !examsBlocked
    ? `complete${late.length ? ` (late: ${late.join(', ')})` : ''}: exams allowed`
    : `missing ${missing.join(', ')}: exams blocked${studyBlocked ? ', study blocked (deadline passed)' : ''}`;
  return loiDecision(book, 'mbo-data-deadline', {
    ruleIds: ['LOI-4'],
    interpretationIds: [],
    inputs: {
      level,
      recognised,
      registrationDate,
      asOf,
      diplomasReceivedOn: received.diplomas,
      personalNumberReceivedOn: received.personalNumber,
      signedAgreementReceivedOn: received.signedAgreement,
      deadlineDays: book.data.mboData.deadlineDays,
      missing,
      late,
      deadlinePassed,
      examsBlocked,
      studyBlocked,
    },
    allowed: !examsBlocked,
    deadlines: { dataDueDate },
    explanation: `Recognised MBO registered ${registrationDate}: data due by ${dataDueDate}; as of ${asOf} ${state} (LOI-4, ${cite(book)})`,
  });
}

// ---------------------------------------------------------------- LOI-5.3-4 VAT regime

export interface LoiVatRegimeInput {
  /** Legally recognised (wettelijk erkende) training. */
  recognised: boolean;
  /** Net amount to invoice, optional. */
  netCents?: Cents | null;
}

/** LOI-5.3-4: recognised training is VAT-exempt and invoiced by Leidse Onderwijsinstellingen B.V.; other training carries VAT via LOI Zakelijk B.V. */
export function loiVatRegime(book: LoiBook, input: LoiVatRegimeInput): Decision {
  const raw = asJson(input);
  const recognised = readBoolean(raw, 'recognised');
  const netCents = readOptionalCentsOrNull(raw, 'netCents');
  const regime = recognised ? book.data.vat.recognised : book.data.vat.notRecognised;
  const inputs: Record<string, JsonValue> = {
    recognised,
    netCents,
    invoicingEntity: regime.entity,
    vatRateBasisPoints: regime.vatRateBasisPoints,
  };
  let amounts = '';
  if (netCents !== null) {
    const vat = addVat(netCents, regime.vatRateBasisPoints);
    inputs.vatCents = vat.vatCents;
    inputs.grossCents = vat.grossCents;
    amounts = `: net ${formatEuro(vat.netCents)} + VAT ${formatEuro(vat.vatCents)} = ${formatEuro(vat.grossCents)}`;
  }
  return loiDecision(book, 'vat-regime', {
    ruleIds: ['LOI-5.3-4'],
    interpretationIds: [],
    inputs,
    allowed: true,
    explanation:
      `${recognised ? 'Recognised training: VAT-exempt' : `Training not recognised: VAT ${regime.vatRateBasisPoints / 100} %`}, ` +
      `invoiced by ${regime.entity}${amounts} (LOI-5.3-4, ${cite(book)})`,
  });
}

// ---------------------------------------------------------------- LOI-11 exam fees

export type LoiExamEvent = 'skipped' | 'resit';
export const LOI_EXAM_EVENTS: readonly LoiExamEvent[] = ['skipped', 'resit'];

export interface LoiExamFeeInput {
  event: LoiExamEvent;
  /** The exam fee of the exam (loi.nl; the offering's exam-fee component). */
  examFeeCents: Cents;
  /** Exam fee paid in monthly instalments as part of the course (the case LOI-11 covers). */
  examFeesInMonthlyInstalments: boolean;
  /** MONEY-I1 version 2: the agreement's VAT rate on a resit fee (0 for recognised training, LOI-5.3-4). */
  vatRateBasisPoints?: number;
  /** Readings to pin (default the current version of each reading the decision depends on). */
  readings?: Readings;
}

const EXAM_FEE_READINGS = readingIdsOf('loi', 'exam-fee');

/** LOI-11: a skipped exam is not refunded; a resit costs an extra exam fee (net, as invoiced). */
export function loiExamFee(book: LoiBook, input: LoiExamFeeInput): Decision {
  return examFee(book, asJson(input), readingsForNewDecision(EXAM_FEE_READINGS, input.readings));
}

/** JSON path (`registry.recompute`): decided under the readings the inputs record (version 1 when none). */
export function loiExamFeeFromJson(book: LoiBook, inputs: JsonInputs): Decision {
  return examFee(book, inputs, readingsOfRecordedInputs(inputs, EXAM_FEE_READINGS));
}

function examFee(book: LoiBook, raw: JsonInputs, decidedUnder: DecisionReadings): Decision {
  const event = readOneOf(raw, 'event', LOI_EXAM_EVENTS);
  const examFeeCents = readCents(raw, 'examFeeCents');
  const inInstalments = readBoolean(raw, 'examFeesInMonthlyInstalments');
  if (!inInstalments) {
    throw new LoiInputError(
      'LOI-11 covers exam fees paid in monthly instalments; separately booked exams follow their booking terms',
    );
  }
  const netPrices = versionOf(decidedUnder, MONEY_READING) >= 2;
  const feeCents = event === 'resit' ? examFeeCents : 0;
  // MONEY-I1 (rev 2): the fee's VAT at the agreement's rate, needed only where there is a fee.
  const vatRateBasisPoints =
    netPrices && feeCents > 0 ? vatRateFor(readOptionalCentsOrNull(raw, 'vatRateBasisPoints'), undefined) : undefined;
  const fee = netPrices ? feeOnNet(feeCents, vatRateBasisPoints ?? 0) : { feeCents };
  const inputs = {
    event,
    examFeeCents,
    examFeesInMonthlyInstalments: inInstalments,
    ...(vatRateBasisPoints === undefined ? {} : { vatRateBasisPoints }),
    ...readingsJson(decidedUnder),
  };
  if (event === 'skipped') {
    return loiDecision(book, 'exam-fee', {
      ruleIds: ['LOI-11'],
      interpretationIds: [],
      inputs,
      allowed: true,
      ...fee,
      refundCents: 0,
      explanation: `Exam not taken: the exam fee paid in monthly instalments (${formatEuro(examFeeCents)}) is not refunded (LOI-11, ${cite(book)})`,
    });
  }
  return loiDecision(book, 'exam-fee', {
    ruleIds: ['LOI-11'],
    interpretationIds: [],
    inputs,
    allowed: true,
    ...fee,
    refundCents: 0,
    explanation: `Resit after a failed exam: an additional exam fee of ${formatEuro(examFeeCents)} (LOI-11, ${cite(book)})`,
  });
}

// ---------------------------------------------------------------- exam results (LOI-4, LOI-11)

export interface LoiExamResultInput {
  sittingAt: Instant | LocalDate;
  /** 1 = the first sitting, 2 = the first resit, ... */
  attempt: number;
  /** The examiner established the learner's identity. */
  identified: boolean;
  fraud?: boolean;
  /** Correct answers. */
  score: number;
  maxScore: number;
  /** Correct answers required to pass (the result's, else the offering's). */
  passMark: number;
  /**
   * LOI-4: the MBO data items still missing on the sitting date for a recognised MBO course
   * (empty when complete); absent/null for a course without that obligation.
   */
  mboDataMissing?: string[] | null;
}

export interface LoiExamResultDecision extends Decision {
  passed: boolean;
  /** A resit may follow (at an extra exam fee, LOI-11). */
  resitAllowed: boolean;
}

/**
 * An exam sitting: refused (EXAMS_BLOCKED, LOI-4) while a recognised MBO course's data is
 * incomplete; passed when the learner was identified, did not commit fraud and reached the pass
 * mark; after a failure without fraud a resit may follow at an extra exam fee (LOI-11).
 */
export function loiExamResult(book: LoiBook, input: LoiExamResultInput): LoiExamResultDecision {
  const raw = asJson(input);
  const sittingAt = readTime(raw, 'sittingAt');
  const attempt = readInteger(raw, 'attempt', 1, 1_000);
  const identified = readBoolean(raw, 'identified');
  const fraud = raw['fraud'] === undefined || raw['fraud'] === null ? false : readBoolean(raw, 'fraud');
  const maxScore = readInteger(raw, 'maxScore', 1, Number.MAX_SAFE_INTEGER);
  const score = readInteger(raw, 'score', 0, maxScore);
  const passMark = readInteger(raw, 'passMark', 0, maxScore);
  const mboDataMissing =
    raw['mboDataMissing'] === undefined || raw['mboDataMissing'] === null
      ? null
      : readStringArray(raw, 'mboDataMissing', book.data.mboData.items.length);
  if (mboDataMissing !== null && mboDataMissing.length > 0) {
    throw new RuleViolation(
      'EXAMS_BLOCKED',
      'LOI-4',
      `Exams are blocked until the MBO data is complete: missing ${mboDataMissing.join(', ')}`,
      { missing: mboDataMissing },
    );
  }
  const reachesPassMark = score >= passMark;
  const passed = identified && !fraud && reachesPassMark;
  const resitAllowed = !passed && !fraud;
  const ruleIds = [...(mboDataMissing === null ? [] : ['LOI-4']), 'LOI-11'];
  const why = !identified
    ? 'the learner was not identified'
    : fraud
      ? 'fraud'
      : `${score}/${maxScore} correct, below the pass mark of ${passMark}`;
  return {
    ...loiDecision(book, 'exam-result', {
      ruleIds,
      interpretationIds: [],
      inputs: {
        sittingAt,
        attempt,
        identified,
        fraud,
        score,
        maxScore,
        passMark,
        mboDataMissing,
        reachesPassMark,
        resitRuleId: passed ? null : 'LOI-11',
      },
      explanation: passed
        ? `Exam passed: ${score}/${maxScore} correct, pass mark ${passMark}${mboDataMissing === null ? '' : ', MBO data complete'} (${ruleIds.join(', ')}, ${cite(book)})`
        : `Exam failed (${why}): ${resitAllowed ? 'a resit costs an extra exam fee' : 'no resit after fraud'} (${ruleIds.join(', ')}, ${cite(book)})`,
    }),
    passed,
    resitAllowed,
  };
}

// ---------------------------------------------------------------- LOI-14 abroad surcharge

export interface LoiAbroadSurchargeInput {
  /** Months studied from abroad to charge. */
  months: number;
  /** The monthly surcharge published for the course; absent/null: the rulebook parameter. */
  monthlySurchargeCents?: Cents | null;
}

/** LOI-14: students abroad pay a surcharge per month. */
export function loiAbroadSurcharge(book: LoiBook, input: LoiAbroadSurchargeInput): Decision {
  const raw = asJson(input);
  const months = readInteger(raw, 'months', 0, MAX_STUDY_MONTHS * 3);
  const offered = readOptionalCentsOrNull(raw, 'monthlySurchargeCents');
  const rate = offered ?? book.data.abroad.monthlySurchargeCents;
  if (rate === null) {
    throw new RuleViolation(
      'ABROAD_SURCHARGE_RATE_UNKNOWN',
      'LOI-14',
      `Rulebook ${book.id}@${book.version} has no monthly abroad surcharge and the offering gives none: not computed rather than guessed`,
      { months },
    );
  }
  const surchargeCents = rate * months;
  return loiDecision(book, 'abroad-surcharge', {
    ruleIds: ['LOI-14'],
    interpretationIds: [],
    inputs: {
      months,
      monthlySurchargeCents: offered,
      rateSource: offered === null ? 'rulebook' : 'offering',
      appliedMonthlySurchargeCents: rate,
    },
    allowed: true,
    surchargeCents,
    explanation: `Studying from abroad: ${months} x ${formatEuro(rate)} = ${formatEuro(surchargeCents)} surcharge (LOI-14, ${cite(book)})`,
  });
}
