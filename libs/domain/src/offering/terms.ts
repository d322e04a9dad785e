/**
 * The terms an offering is sold under (api.md "Reference data"): its rulebook, kind, start,
 * priced components and the rulebook-specific options. An enrolment snapshots these at
 * registration, so later edits to the offering never change a booking's terms.
 */
import { isInstant } from '@ledger/regulations';
import { OfferingInputError } from './errors';

export const OFFERING_RULEBOOK_IDS = ['plusport', 'vli', 'excellus', 'loi'] as const;
export type OfferingRulebookId = (typeof OFFERING_RULEBOOK_IDS)[number];

export const COMPONENT_KINDS = [
  'e-learning',
  'exam',
  'practical-session',
  'classroom',
  'textbook',
  'tuition',
  'exam-fee',
  'material',
] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

/** Offering kinds per rulebook, with the component kinds each may carry. */
export const OFFERING_KINDS: Readonly<Record<OfferingRulebookId, Readonly<Record<string, readonly ComponentKind[]>>>> =
  Object.freeze({
    plusport: {
      'e-learning': ['e-learning'],
      'package-exam': ['e-learning', 'exam', 'textbook'],
      'package-practical': ['e-learning', 'practical-session', 'textbook'],
      'practical-training': ['practical-session', 'e-learning', 'textbook'],
      classroom: ['classroom', 'textbook'],
      'book-exam': ['textbook', 'exam'],
      exam: ['exam'],
    },
    vli: { training: ['classroom', 'practical-session', 'exam', 'material', 'e-learning'] },
    excellus: {
      'contact-course': ['classroom', 'tuition', 'material', 'exam', 'e-learning'],
      'exam-only': ['exam', 'e-learning'],
      'e-learning': ['e-learning'],
      material: ['material'],
    },
    // LOI prices are monthly: `tuition` and `exam-fee` per month (LOI-12.4), `material` once.
    loi: { 'home-study': ['tuition', 'exam-fee', 'material'] },
  });

/** Kinds that take place on a date: the offering must say when (the cancellation tables count from it). */
const KINDS_WITHOUT_START: ReadonlySet<string> = new Set([
  'plusport:e-learning',
  'excellus:e-learning',
  'excellus:material',
]);

export const MAX_COMPONENTS = 10;
export const MAX_MODULES = 100;
export const MAX_STUDY_MONTHS = 240;

export interface OfferingComponent {
  kind: ComponentKind;
  /** Net price, excluding VAT (regulations.md §0). LOI: per month for tuition and exam-fee. */
  priceCents: number;
}

/** Every rulebook option, normalised (defaults filled in for the offering's rulebook). */
export interface OfferingOptions {
  /** plusport PP-14.6: ATEX / NEN 1010 / NEN 3140 / VCA classroom: reschedule follows the cancellation table. */
  rescheduleAsCancellation?: boolean;
  /** plusport PP-14.5: a colleague taking the place must have passed the online theory exam. */
  requiresProofOfParticipation?: boolean;
  /** plusport/excellus/loi: correct answers needed to pass the exam (PP-13.2-3), unless the result gives one. */
  examPassMark?: number;
  /** vli VLI-2.1: a security course needs a valid VOG. */
  securityCourse?: boolean;
  /** vli VLI-4.3a. */
  examType?: 'standard' | 'ilt-dangerous-goods';
  /** excellus EXC-4.1* in-company or group agreement (no cooling-off; rates on the whole agreement). */
  group?: boolean;
  /** excellus EXC-4.3 administration costs stated by the offering (capped by the rulebook). */
  adminCostsCents?: number;
  /** loi LOI-12.3: hbo | mbo | other. */
  level?: 'hbo' | 'mbo' | 'other';
  /** loi LOI-9.1 / LOI-12: study duration in months. */
  studyMonths?: number;
  /** loi LOI-12.2: tutor guidance (self-study courses cannot be terminated early). */
  tutor?: boolean;
  /** loi LOI-5.3-4 (VAT-exempt) and LOI-4 (MBO data). */
  recognised?: boolean;
  /** loi LOI-10: the course's modules in the prescribed order (the first two activate at the start). */
  moduleIds?: string[];
  /** loi LOI-11: the exam fee charged again for a resit. */
  resitExamFeeCents?: number;
}

export type OfferingTerms = {
  offeringId: string;
  rulebookId: OfferingRulebookId;
  kind: string;
  title: string;
  /** Start of the course, session or sitting (instant with offset); null for kinds without a date. */
  startsAt: string | null;
  components: OfferingComponent[];
  options: OfferingOptions;
};

const OPTIONS_BY_RULEBOOK: Readonly<Record<OfferingRulebookId, readonly (keyof OfferingOptions)[]>> = {
  plusport: ['rescheduleAsCancellation', 'requiresProofOfParticipation', 'examPassMark'],
  vli: ['securityCourse', 'examType'],
  excellus: ['group', 'adminCostsCents', 'examPassMark'],
  loi: ['level', 'studyMonths', 'tutor', 'recognised', 'moduleIds', 'examPassMark', 'resitExamFeeCents'],
};

const isCents = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/**
 * Checks an offering's terms against its rulebook and fills in the option defaults. Throws
 * OfferingInputError naming the field (HTTP 400): these are malformed offerings, not rule refusals.
 */
export function normaliseOfferingTerms(input: OfferingTerms): OfferingTerms {
  const kinds = OFFERING_KINDS[input.rulebookId];
  if (!kinds)
    throw new OfferingInputError('rulebookId', `rulebookId must be one of ${OFFERING_RULEBOOK_IDS.join(', ')}`);
  const allowedComponents = kinds[input.kind];
  if (!allowedComponents)
    throw new OfferingInputError(
      'kind',
      `kind must be one of ${Object.keys(kinds).join(', ')} for rulebook ${input.rulebookId}`,
    );
  if (input.components.length === 0 || input.components.length > MAX_COMPONENTS) {
    throw new OfferingInputError('components', `components must list 1 to ${MAX_COMPONENTS} priced components`);
  }
  const seen = new Set<string>();
  input.components.forEach((c, i) => {
    if (!allowedComponents.includes(c.kind)) {
      throw new OfferingInputError(
        `components[${i}].kind`,
        `a ${input.rulebookId} ${input.kind} offering has components ${allowedComponents.join(', ')}`,
      );
    }
    if (seen.has(c.kind)) throw new OfferingInputError(`components[${i}].kind`, `component ${c.kind} is listed twice`);
    seen.add(c.kind);
    if (!isCents(c.priceCents))
      throw new OfferingInputError(
        `components[${i}].priceCents`,
        'priceCents must be a whole number of cents, 0 or more',
      );
  });
  const needsStart = !KINDS_WITHOUT_START.has(`${input.rulebookId}:${input.kind}`);
  if (needsStart && input.startsAt === null)
    throw new OfferingInputError('startsAt', `a ${input.rulebookId} ${input.kind} offering needs startsAt`);
  if (input.startsAt !== null && !isInstant(input.startsAt))
    throw new OfferingInputError('startsAt', 'startsAt must be an ISO 8601 instant with offset');

  const allowedOptions = OPTIONS_BY_RULEBOOK[input.rulebookId];
  for (const [key, value] of Object.entries(input.options)) {
    if (value !== undefined && !allowedOptions.includes(key as keyof OfferingOptions)) {
      throw new OfferingInputError(
        key,
        `option ${key} does not apply to rulebook ${input.rulebookId} (options: ${allowedOptions.join(', ')})`,
      );
    }
  }
  return {
    ...input,
    components: input.components.map((c) => ({ kind: c.kind, priceCents: c.priceCents })),
    options: withDefaults(input),
  };
}

function withDefaults(input: OfferingTerms): OfferingOptions {
  const o = input.options;
  switch (input.rulebookId) {
    case 'plusport':
      return dropUndefined({
        rescheduleAsCancellation: o.rescheduleAsCancellation ?? false,
        requiresProofOfParticipation: o.requiresProofOfParticipation ?? false,
        examPassMark: o.examPassMark,
      });
    case 'vli':
      return { securityCourse: o.securityCourse ?? false, examType: o.examType ?? 'standard' };
    case 'excellus':
      return dropUndefined({
        group: o.group ?? false,
        adminCostsCents: o.adminCostsCents,
        examPassMark: o.examPassMark,
      });
    case 'loi': {
      if (o.level === undefined)
        throw new OfferingInputError('level', 'an LOI offering needs level: hbo, mbo or other');
      if (
        o.studyMonths === undefined ||
        !Number.isSafeInteger(o.studyMonths) ||
        o.studyMonths < 1 ||
        o.studyMonths > MAX_STUDY_MONTHS
      ) {
        throw new OfferingInputError('studyMonths', `an LOI offering needs studyMonths, 1 to ${MAX_STUDY_MONTHS}`);
      }
      if (!input.components.some((c) => c.kind === 'tuition'))
        throw new OfferingInputError('components', 'an LOI offering has a monthly tuition component');
      const moduleIds = o.moduleIds ?? [];
      if (moduleIds.length > MAX_MODULES || new Set(moduleIds).size !== moduleIds.length) {
        throw new OfferingInputError('moduleIds', `moduleIds must be at most ${MAX_MODULES} distinct ids`);
      }
      return dropUndefined({
        level: o.level,
        studyMonths: o.studyMonths,
        tutor: o.tutor ?? false,
        recognised: o.recognised ?? false,
        moduleIds,
        examPassMark: o.examPassMark,
        resitExamFeeCents: o.resitExamFeeCents,
      });
    }
  }
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export const totalNetCents = (components: readonly OfferingComponent[]): number =>
  components.reduce((sum, c) => sum + c.priceCents, 0);
