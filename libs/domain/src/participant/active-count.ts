/**
 * How many licences are active on a day, answered in O(log n) instead of a scan of every licence
 * (a registration asks it for the tier rule, and a care organisation holds thousands of licences;
 * docs/decisions.md D33).
 *
 * Each licence is active on an interval of days [start, end): from its start until the first of its
 * revocation, its recorded expiry and, once it will not renew, the end of its term. The count on a
 * day is then (intervals started on or before it) - (intervals ended on or before it), two binary
 * searches over sorted lists of dates. "Active at the opening of a day" (the tier evaluation at an
 * invoice date) has its own intervals, shifted as isActiveAtStartOf reads the same facts.
 *
 * The lists are plain sorted arrays of ISO dates (they snapshot as JSON); an insert or removal
 * moves at most MAX_LICENCES_PER_PARTICIPANT references, which is bounded and cheap next to a scan
 * that evaluates every licence's dates.
 */
import { addDays, type LocalDate } from '@ledger/regulations';
import { invariant } from '../shared/decider';

/** The facts of a licence that decide when it is active. */
export interface ActivityFacts {
  startsOn: LocalDate;
  expiresOn: LocalDate;
  notToRenew: boolean;
  revokedOn: LocalDate | null;
  expiredOn: LocalDate | null;
}

export interface ActiveCountIndex {
  /** Sorted interval starts and ends of "active on a day". */
  startsOn: LocalDate[];
  endsOn: LocalDate[];
  /** Sorted interval starts and ends of "active at the opening of a day". */
  startsAtOpening: LocalDate[];
  endsAtOpening: LocalDate[];
}

interface Interval {
  start: LocalDate;
  /** Exclusive; null while the licence runs on without an end. */
  end: LocalDate | null;
}

export const emptyActiveCountIndex = (): ActiveCountIndex => ({
  startsOn: [],
  endsOn: [],
  startsAtOpening: [],
  endsAtOpening: [],
});

const earliest = (...dates: (LocalDate | null)[]): LocalDate | null => {
  let first: LocalDate | null = null;
  for (const date of dates) if (date !== null && (first === null || date < first)) first = date;
  return first;
};

/** An interval never ends before it starts: a licence revoked before its start is never active. */
const interval = (start: LocalDate, end: LocalDate | null): Interval => ({
  start,
  end: end !== null && end < start ? start : end,
});

/** Active on a day: started on or before it, and not revoked, expired or run out (without renewal) by it. */
function activeOnInterval(facts: ActivityFacts): Interval {
  return interval(
    facts.startsOn,
    earliest(facts.revokedOn, facts.expiredOn, facts.notToRenew ? facts.expiresOn : null),
  );
}

/** Active at the opening of a day: started before it, not revoked before it, not expired or run out by it. */
function activeAtOpeningInterval(facts: ActivityFacts): Interval {
  const revokedAfter = facts.revokedOn === null ? null : addDays(facts.revokedOn, 1);
  return interval(
    addDays(facts.startsOn, 1),
    earliest(revokedAfter, facts.expiredOn, facts.notToRenew ? facts.expiresOn : null),
  );
}

/** Index of the first date in `sorted` after `day`: the number of dates on or before it. */
function countOnOrBefore(sorted: readonly LocalDate[], day: LocalDate): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= day) low = middle + 1;
    else high = middle;
  }
  return low;
}

function insertSorted(sorted: LocalDate[], day: LocalDate): void {
  sorted.splice(countOnOrBefore(sorted, day), 0, day);
}

function removeSorted(sorted: LocalDate[], day: LocalDate): void {
  const at = countOnOrBefore(sorted, day) - 1;
  invariant(at >= 0 && sorted[at] === day, `active-count index holds ${day}`);
  sorted.splice(at, 1);
}

function addInterval(starts: LocalDate[], ends: LocalDate[], { start, end }: Interval): void {
  insertSorted(starts, start);
  if (end !== null) insertSorted(ends, end);
}

function removeInterval(starts: LocalDate[], ends: LocalDate[], { start, end }: Interval): void {
  removeSorted(starts, start);
  if (end !== null) removeSorted(ends, end);
}

const sameInterval = (a: Interval, b: Interval): boolean => a.start === b.start && a.end === b.end;

/** Records a new licence, or a change to one (`before` is its facts before the event). */
export function indexLicence(index: ActiveCountIndex, before: ActivityFacts | null, after: ActivityFacts): void {
  const onAfter = activeOnInterval(after);
  const openingAfter = activeAtOpeningInterval(after);
  if (before !== null) {
    const onBefore = activeOnInterval(before);
    if (!sameInterval(onBefore, onAfter)) {
      removeInterval(index.startsOn, index.endsOn, onBefore);
      addInterval(index.startsOn, index.endsOn, onAfter);
    }
    const openingBefore = activeAtOpeningInterval(before);
    if (!sameInterval(openingBefore, openingAfter)) {
      removeInterval(index.startsAtOpening, index.endsAtOpening, openingBefore);
      addInterval(index.startsAtOpening, index.endsAtOpening, openingAfter);
    }
    return;
  }
  addInterval(index.startsOn, index.endsOn, onAfter);
  addInterval(index.startsAtOpening, index.endsAtOpening, openingAfter);
}

/** The index of a whole list of licences at once (a read view of the projected licences). */
export function activeCountIndexOf(licences: Iterable<ActivityFacts>): ActiveCountIndex {
  const index = emptyActiveCountIndex();
  for (const facts of licences) {
    const on = activeOnInterval(facts);
    const opening = activeAtOpeningInterval(facts);
    index.startsOn.push(on.start);
    if (on.end !== null) index.endsOn.push(on.end);
    index.startsAtOpening.push(opening.start);
    if (opening.end !== null) index.endsAtOpening.push(opening.end);
  }
  for (const dates of Object.values(index)) dates.sort();
  return index;
}

/** Licences active on the day (isActiveOn), counted without a scan. */
export const activeCountOn = (index: ActiveCountIndex, day: LocalDate): number =>
  countOnOrBefore(index.startsOn, day) - countOnOrBefore(index.endsOn, day);

/** Licences active at the opening of the day (isActiveAtStartOf), counted without a scan. */
export const activeCountAtOpeningOf = (index: ActiveCountIndex, day: LocalDate): number =>
  countOnOrBefore(index.startsAtOpening, day) - countOnOrBefore(index.endsAtOpening, day);
