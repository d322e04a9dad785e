/**
 * Readings of the regulations that were corrected (catalogue revision 2): each correction is a
 * new version of the interpretation it touches (docs/decisions.md, "Versioned readings").
 *
 * A decision records the versions it was made under in `inputs.readings`. Decisions recorded
 * before readings existed carry none: they were made under version 1 of every reading and keep
 * recomputing exactly as recorded. So the two entry points of a decision function differ:
 * - the JSON path (`registry.recompute`) reads `inputs.readings`, and a missing reading is version 1;
 * - the typed path (new decisions) takes an optional `readings` request and fills in the current
 *   version of every reading the caller did not pin.
 */
import type { JsonValue } from '../decision';

export type Readings = Readonly<Record<string, number>>;

export interface ReadingTouch {
  rulebookId: string;
  decisionKinds: readonly string[];
}

export interface VersionedReading {
  /** What each version reads, oldest first: version n is `versions[n - 1]`. */
  versions: readonly string[];
  /** The decision kinds whose outcome (or money representation) depends on this reading. */
  touches: readonly ReadingTouch[];
}

export const MONEY_READING = 'MONEY-I1';

/** Every versioned reading. A new correction adds a version here and a branch where it decides. */
export const VERSIONED_READINGS: Readonly<Record<string, VersionedReading>> = deepFreeze({
  'PP-I18': {
    versions: [
      'PP-15.5-BOOK: a textbook sent and not returned unused is charged 100 %, without noting that the fee column says "Geen kosten"',
      'PP-15.5-BOOK: the fee column says "Geen kosten" while the line beneath makes no cost depend on the textbook coming back unused; a textbook not returned unused keeps being charged, and the decision cites PP-I18',
    ],
    touches: [{ rulebookId: 'plusport', decisionKinds: ['cancellation-fee', 'cancellation-evidence'] }],
  },
  'PP-I19': {
    versions: [
      'PP-15.5-EL applies to the e-learning of every booking, a Praktijkopleiding included (PP-I2)',
      'In a Praktijkopleiding (practical-training) the e-learning is an extra service with no cancellation cost; PP-15.5-EL applies only to the package, online and e-learning-only tables',
    ],
    touches: [{ rulebookId: 'plusport', decisionKinds: ['cancellation-fee', 'cancellation-evidence'] }],
  },
  'EXC-I3': {
    versions: [
      'EXC-4.2 cooling-off applies to consumers only',
      'EXC-4.2 cooling-off applies to consumers and business customers (instellingen) alike, not to in-company or group courses',
    ],
    touches: [{ rulebookId: 'excellus', decisionKinds: ['cancellation-fee'] }],
  },
  'EXC-I4': {
    versions: [
      'EXC-4.3: an e-learning environment was used when the learner started it',
      'EXC-4.3: an e-learning environment is used once its login details were issued, whether or not the learner started',
    ],
    touches: [{ rulebookId: 'excellus', decisionKinds: ['cancellation-fee'] }],
  },
  [MONEY_READING]: {
    versions: [
      'Each rulebook states its fee in its own terms (VLI and LOI including VAT, PlusPort excluding VAT with the VAT in the inputs)',
      'feeCents is the fee excluding VAT, computed on the price excluding VAT, in every rulebook; feeVatCents and feeGrossCents stand beside it; refundCents is money to pay back, VAT included',
    ],
    touches: [
      {
        rulebookId: 'plusport',
        decisionKinds: [
          'cancellation-fee',
          'cancellation-evidence',
          'reschedule',
          'colleague-swap',
          'provider-cancellation',
          'force-majeure-refund',
          'attendance',
        ],
      },
      { rulebookId: 'vli', decisionKinds: ['cancellation-fee', 'resit'] },
      {
        rulebookId: 'excellus',
        decisionKinds: ['cancellation-fee', 'substitution', 'provider-cancellation', 'attendance-exclusion', 'resit'],
      },
      {
        rulebookId: 'loi',
        decisionKinds: ['withdrawal', 'withdrawal-materials-return', 'early-termination', 'exam-fee'],
      },
    ],
  },
});

/** The current (latest) version of every versioned reading. */
export const CURRENT_READINGS: Readings = Object.freeze(
  Object.fromEntries(Object.entries(VERSIONED_READINGS).map(([id, r]) => [id, r.versions.length])),
);

/** Which decision kinds each versioned reading touches, by rulebook (for what-if). */
export const READING_TOUCHES: Readonly<Record<string, readonly ReadingTouch[]>> = Object.freeze(
  Object.fromEntries(Object.entries(VERSIONED_READINGS).map(([id, r]) => [id, r.touches])),
);

/** The readings a decision kind of a rulebook depends on, in catalogue order. */
export function readingIdsOf(rulebookId: string, decisionKind: string): string[] {
  return Object.keys(VERSIONED_READINGS).filter((id) => readingTouches(id, rulebookId, decisionKind));
}

export function readingTouches(readingId: string, rulebookId: string, decisionKind: string): boolean {
  return (READING_TOUCHES[readingId] ?? []).some(
    (t) => t.rulebookId === rulebookId && t.decisionKinds.includes(decisionKind),
  );
}

/**
 * A reading cannot be applied: an unknown version, or a fact the reading needs is missing (e.g.
 * PP-I19 version 2 needs the offering kind, which decisions recorded before it do not hold).
 * Bad input, never guessed around (HTTP 400).
 */
export class ReadingInputError extends Error {
  constructor(
    readonly readingId: string,
    readonly field: string,
    message: string,
    /** A fact the reading needs is missing (rather than a malformed value). */
    readonly missingFact = false,
  ) {
    super(message);
    this.name = 'ReadingInputError';
  }
}

/** A fact a reading's version needs: present, or a ReadingInputError saying which reading needs it and why. */
export function factFor<T>(value: T | undefined | null, readingId: string, field: string, why: string): T {
  if (value === undefined || value === null) {
    throw new ReadingInputError(readingId, field, `${field} is required: ${why}`, true);
  }
  return value;
}

/**
 * MONEY-I1 version 2: the VAT rate (basis points, 0..10,000) a fee is stated at: the one given,
 * else the rulebook's where it has one rate for everything it sells.
 */
export function vatRateFor(given: number | undefined | null, rulebookRate: number | undefined): number {
  const rate = factFor(
    given ?? rulebookRate,
    MONEY_READING,
    'vatRateBasisPoints',
    "MONEY-I1 (rev 2) states the fee excluding VAT with its VAT beside it, at the agreement's VAT rate",
  );
  if (!Number.isSafeInteger(rate) || rate < 0 || rate > 10_000) {
    throw new ReadingInputError(
      MONEY_READING,
      'vatRateBasisPoints',
      `vatRateBasisPoints must be 0..10000, got ${rate}`,
    );
  }
  return rate;
}

/** A valid version of a versioned reading, or a ReadingInputError. */
export function checkedVersion(id: string, version: unknown): number {
  const latest = CURRENT_READINGS[id];
  if (latest === undefined) throw new ReadingInputError(id, 'readings', `${id} is not a versioned reading`);
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1 || version > latest) {
    throw new ReadingInputError(
      id,
      `readings.${id}`,
      `${id} has versions 1..${latest}, got ${JSON.stringify(version)}`,
    );
  }
  return version;
}

/** The versions a decision is made under, and what it records in `inputs.readings`. */
export interface DecisionReadings {
  /** The version of every reading the decision kind depends on. */
  readonly versions: Readings;
  /** What the decision records; null for a decision recorded before readings existed (records none). */
  readonly recorded: Readings | null;
}

/** Typed path: the current version of each reading, unless the caller pins one. */
export function readingsForNewDecision(ids: readonly string[], requested?: Readings): DecisionReadings {
  const versions: Record<string, number> = {};
  for (const id of ids) versions[id] = checkedVersion(id, requested?.[id] ?? CURRENT_READINGS[id]);
  return { versions, recorded: versions };
}

/**
 * A step of an earlier decision (e.g. PP-15.6 step 2 of a cancellation) decides under the readings
 * that decision recorded; a reading it does not record predates it (version 1).
 */
export function readingsOfEarlierDecision(ids: readonly string[], earlier: Readings | undefined): DecisionReadings {
  const versions: Record<string, number> = {};
  for (const id of ids) versions[id] = checkedVersion(id, earlier?.[id] ?? 1);
  return { versions, recorded: versions };
}

/** JSON path: the versions recorded in `inputs.readings`; a reading not recorded is version 1. */
export function readingsOfRecordedInputs(
  inputs: Readonly<Record<string, JsonValue>>,
  ids: readonly string[],
): DecisionReadings {
  const raw = inputs['readings'];
  if (raw === undefined || raw === null) {
    return { versions: Object.fromEntries(ids.map((id) => [id, 1])), recorded: null };
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ReadingInputError('readings', 'readings', 'readings must be an object of reading id -> version');
  }
  const versions: Record<string, number> = {};
  const recorded: Record<string, number> = {};
  for (const id of ids) {
    if (raw[id] === undefined) {
      versions[id] = 1;
    } else {
      versions[id] = checkedVersion(id, raw[id]);
      recorded[id] = versions[id];
    }
  }
  return { versions, recorded };
}

export function versionOf(readings: DecisionReadings, id: string): number {
  const version = readings.versions[id];
  if (version === undefined) throw new Error(`Invariant violated: the decision does not depend on reading ${id}`);
  return version;
}

/** `{ readings }` to spread into a decision's inputs (nothing for a decision recorded before readings). */
export function readingsJson(readings: DecisionReadings): { readings?: Record<string, JsonValue> } {
  return readings.recorded === null ? {} : { readings: { ...readings.recorded } };
}

/** The readings a recorded decision's inputs hold (undefined when it predates readings). */
export function recordedReadings(inputs: Readonly<Record<string, JsonValue>>): Readings | undefined {
  const raw = inputs['readings'];
  if (raw === undefined || raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const out: Record<string, number> = {};
  for (const [id, version] of Object.entries(raw)) out[id] = checkedVersion(id, version);
  return out;
}

/** The current version of each reading named (kept for callers of the contract's first draft). */
export function currentReadings(...ids: string[]): Readings {
  return readingsForNewDecision(ids).versions;
}

/** The version of a reading recorded in a decision's inputs (1 when the decision predates it). */
export function readingIn(inputs: Readonly<Record<string, JsonValue>>, id: string): number {
  return readingsOfRecordedInputs(inputs, [id]).versions[id]!;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
