/**
 * "As of" queries on two time axes (docs/design.md "Time"): `asOf` is business time (the event's
 * `metadata.occurredAt`: when it happened), `knownAt` is record time (`recordedAt`: when the
 * ledger learned it). An event belongs to the view when it happened at or before `asOf` AND was
 * recorded at or before `knownAt`. Instants are compared as instants, not as strings, so
 * `+01:00` and `Z` forms of the same moment agree.
 */
import type { RecordedEvent } from '@ledger/event-store';
import { isInstant, isLocalDate, parseInstant, startOfDay, addDays } from '@ledger/regulations';

export interface BitemporalQuery {
  /** Business time (instant, or a date meaning the end of that day in Europe/Amsterdam). */
  asOf?: string;
  /** Record time (instant, or a date meaning the end of that day in Europe/Amsterdam). */
  knownAt?: string;
}

/** A bad `asOf`/`knownAt`: the error filter maps names ending in InputError to 400. */
export class BitemporalInputError extends Error {
  constructor(
    readonly field: 'asOf' | 'knownAt',
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'BitemporalInputError';
  }
}

export interface BitemporalCut {
  /** Epoch milliseconds, inclusive; undefined = no limit. */
  asOfMs?: number;
  knownAtMs?: number;
}

/** Validates and resolves a query; a calendar date means "through the end of that day". */
export function parseBitemporal(query: BitemporalQuery): BitemporalCut {
  return {
    ...(query.asOf !== undefined ? { asOfMs: toMillis('asOf', query.asOf) } : {}),
    ...(query.knownAt !== undefined ? { knownAtMs: toMillis('knownAt', query.knownAt) } : {}),
  };
}

function toMillis(field: 'asOf' | 'knownAt', value: string): number {
  if (typeof value !== 'string' || value.length > 40)
    throw new BitemporalInputError(field, 'must be an ISO 8601 instant or a date YYYY-MM-DD');
  if (isLocalDate(value)) return parseInstant(startOfDay(addDays(value, 1))).toMillis() - 1;
  if (isInstant(value)) return parseInstant(value).toMillis();
  throw new BitemporalInputError(
    field,
    'must be an ISO 8601 instant with offset (2026-03-12T10:00:00+01:00) or a date YYYY-MM-DD',
  );
}

/** Whether an event is part of the view at the cut. Events without a business time count from their record time. */
export function visibleAt(event: Pick<RecordedEvent, 'metadata' | 'recordedAt'>, cut: BitemporalCut): boolean {
  const recordedMs = Date.parse(event.recordedAt);
  if (cut.knownAtMs !== undefined && recordedMs > cut.knownAtMs) return false;
  if (cut.asOfMs !== undefined) {
    const occurredAt = event.metadata.occurredAt;
    const occurredMs =
      typeof occurredAt === 'string' && isInstant(occurredAt) ? parseInstant(occurredAt).toMillis() : recordedMs;
    if (occurredMs > cut.asOfMs) return false;
  }
  return true;
}

/** The events of a stream as they stand at the cut, in stream order (fold them with the feature's evolve/view). */
export function eventsAt<E extends Pick<RecordedEvent, 'metadata' | 'recordedAt'>>(
  events: readonly E[],
  query: BitemporalQuery,
): E[] {
  const cut = parseBitemporal(query);
  if (cut.asOfMs === undefined && cut.knownAtMs === undefined) return [...events];
  return events.filter((event) => visibleAt(event, cut));
}
