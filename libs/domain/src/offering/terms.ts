/**
 * The terms an offering is sold under (docs/api.md "Reference data"): its rulebook, kind, start,
 * priced components and the rulebook's own options. An enrolment snapshots these at registration,
 * so later edits to the offering never change a booking's terms. Which kinds, components and
 * options exist is the rulebook's business (its offering catalogue); the domain checks the shape.
 */
import {
  isInstant,
  isNotCovered,
  type JsonValue,
  type OfferingCatalogue,
  type OfferingTermsFacts,
  type RulebookRegistry,
} from '@ledger/regulations';
import { OfferingInputError } from './errors';

/** Component kinds the API names (docs/api.md); a rulebook's catalogue says which of them it sells. */
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

export const MAX_COMPONENTS = 10;

export interface OfferingComponent {
  kind: string;
  /** Net price, excluding VAT (docs/regulations.md §0); the rulebook says per what (e.g. per month). */
  priceCents: number;
}

/** The rulebook's options of an offering, normalised by its catalogue (defaults filled in). */
export type OfferingOptions = Record<string, JsonValue>;

export type OfferingTerms = {
  offeringId: string;
  rulebookId: string;
  kind: string;
  title: string;
  /** Start of the course, session or sitting (instant with offset); null for kinds without a date. */
  startsAt: string | null;
  components: OfferingComponent[];
  options: OfferingOptions;
};

const isCents = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** The offering catalogue of the rulebook version in force on a date; 400 when no rulebook sells offerings. */
export function offeringCatalogueOf(rulebooks: RulebookRegistry, rulebookId: string, at: string): OfferingCatalogue {
  const selling = rulebooks.idsOffering('enrolment');
  if (!selling.includes(rulebookId)) {
    throw new OfferingInputError('rulebookId', `rulebookId must be one of ${selling.join(', ')}`);
  }
  const enrolment = rulebooks.rulebookFor(rulebookId, at).acts.enrolment;
  if (!enrolment || isNotCovered(enrolment.offerings)) {
    throw new OfferingInputError('rulebookId', `rulebook ${rulebookId} sells no offerings on ${at}`);
  }
  return enrolment.offerings;
}

/**
 * Checks an offering's terms against its rulebook's catalogue and fills in the option defaults.
 * Throws OfferingInputError (or the book's ActInputError) naming the field (HTTP 400): these are
 * malformed offerings, not rule refusals.
 */
export function normaliseOfferingTerms(input: OfferingTerms, catalogue: OfferingCatalogue): OfferingTerms {
  // The options first: a field no rulebook option knows is the first thing to tell the client.
  const options = catalogue.normaliseOptions(input as OfferingTermsFacts);
  const kinds = catalogue.kinds;
  const kind = kinds[input.kind];
  if (!kind) {
    throw new OfferingInputError(
      'kind',
      `kind must be one of ${Object.keys(kinds).join(', ')} for rulebook ${input.rulebookId}`,
    );
  }
  if (input.components.length === 0 || input.components.length > MAX_COMPONENTS) {
    throw new OfferingInputError('components', `components must list 1 to ${MAX_COMPONENTS} priced components`);
  }
  const seen = new Set<string>();
  input.components.forEach((c, i) => {
    if (!kind.components.includes(c.kind)) {
      throw new OfferingInputError(
        `components[${i}].kind`,
        `a ${input.rulebookId} ${input.kind} offering has components ${kind.components.join(', ')}`,
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
  if (kind.needsStart && input.startsAt === null)
    throw new OfferingInputError('startsAt', `a ${input.rulebookId} ${input.kind} offering needs startsAt`);
  if (input.startsAt !== null && !isInstant(input.startsAt))
    throw new OfferingInputError('startsAt', 'startsAt must be an ISO 8601 instant with offset');

  return { ...input, components: input.components.map((c) => ({ kind: c.kind, priceCents: c.priceCents })), options };
}

export const totalNetCents = (components: readonly OfferingComponent[]): number =>
  components.reduce((sum, c) => sum + c.priceCents, 0);
