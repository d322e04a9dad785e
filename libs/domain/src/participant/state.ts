/**
 * Participant state: its licences with their dated history (so "active on a date" can be answered
 * for any date), the tier facts (invoice date, evaluations, surcharges), coordinators and billing.
 *
 * A participant's stream grows with every licence, renewal and invoice (a care organisation has
 * thousands of licences), so evolve updates the state in place: amortised O(1) per event, never a
 * copy of the licences or invoices (docs/decisions.md D24). Records inside are replaced, not
 * changed. The state holds no personal data (the name stays in the log), so the command pipeline
 * keeps it in memory and snapshots it (PARTICIPANT_SNAPSHOT).
 */
import type { LocalDate, RulebookId } from '@ledger/regulations';
import { applyBillingEvent, initialBillingState, isBillingEvent, type BillingState } from '../billing';
import { invariant, type SnapshotSpec } from '../shared/decider';
import {
  activeCountAtOpeningOf,
  activeCountOn,
  emptyActiveCountIndex,
  indexLicence,
  type ActiveCountIndex,
} from './active-count';
import type { ParticipantEvent, ParticipantOwnEvent } from './events';

export interface LicenceTerm {
  startsOn: LocalDate;
  /** Exclusive end: the renewal (or expiry) date. */
  expiresOn: LocalDate;
}

export interface LicenceRecord {
  licenceId: string;
  learnerId: string;
  startsOn: LocalDate;
  /** One per term the licence ran, oldest first. */
  terms: LicenceTerm[];
  /** End of the current term. */
  expiresOn: LocalDate;
  notToRenew: boolean;
  revokedOn: LocalDate | null;
  expiredOn: LocalDate | null;
  /** Fee invoices of this licence (registration and renewals): what a revocation leaves due. */
  invoiceIds: string[];
  /** Expiry date the last reminder was for, so a reminder fires once per term. */
  remindedForExpiry: LocalDate | null;
}

export interface ParticipantRecord {
  participantId: string;
  /** The rulebook whose licence acts decide for this participant. */
  rulebookId: RulebookId;
  registeredAt: string;
  /** Agreed invoice date, or null (then the first licence registration anchors it). */
  invoiceDate: LocalDate | null;
  /** The invoice date in use: agreed, or anchored by the first registration; null before either. */
  invoiceAnchor: LocalDate | null;
  firstRegistrationOn: LocalDate | null;
  lastRegistrationOn: LocalDate | null;
  licences: Record<string, LicenceRecord>;
  /** Number of licences ever registered (the limit counts them; Object.keys would copy every id). */
  licenceCount: number;
  /** Each learner's licence ids, so "does this learner hold a licence" reads one learner, not all licences. */
  licenceIdsByLearner: Record<string, string[]>;
  /** Active-licence counts per day without a scan (the tier rule asks on every registration). */
  activeCount: ActiveCountIndex;
  /** Coordinators by normalised location. */
  coordinators: Record<string, { location: string; personIds: string[] }>;
  /** Active licences found at each evaluated invoice date. */
  evaluations: Record<LocalDate, number>;
  crossingDates: LocalDate[];
  surchargeDates: LocalDate[];
  /** Use of the licences ends then (set by the termination request). */
  lmsUseEndsOn: LocalDate | null;
  /** The participant left then. */
  membershipEndedOn: LocalDate | null;
  billing: BillingState;
}

export type ParticipantState = { status: 'unknown' } | ({ status: 'registered' } & ParticipantRecord);

/** Raise the version whenever ParticipantRecord or evolveParticipant changes (docs/decisions.md D24). */
// Version 2: the billing state records corrected decisions.
// Version 3: licence count, learner index and active-count index (D33).
export const PARTICIPANT_SNAPSHOT: SnapshotSpec = { name: 'participant', version: 3 };
export type RegisteredParticipant = Extract<ParticipantState, { status: 'registered' }>;

export const initialParticipantState = (): ParticipantState => ({ status: 'unknown' });

/** Locations are compared without case and surrounding/double spaces ("Utrecht " = "utrecht"). */
export const locationKeyOf = (location: string): string => location.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Decisions scan every licence (active counts, the learner's current licence), so these run
 * thousands of times per command on a large participant: ISO dates (`YYYY-MM-DD`, validated when
 * their events were decided) compare as strings, without compareDates' parsing.
 */
const onOrBefore = (a: LocalDate, b: LocalDate): boolean => a <= b;
const before = (a: LocalDate, b: LocalDate): boolean => a < b;

/**
 * A licence is active on a day from its start until it is revoked or its last term ends. A term
 * that has ended without a recorded renewal still counts while the licence is due to renew: the
 * scheduler may not have fired yet, and the licence renews on that date.
 */
export function isActiveOn(licence: LicenceRecord, on: LocalDate): boolean {
  if (before(on, licence.startsOn)) return false;
  if (licence.revokedOn !== null && onOrBefore(licence.revokedOn, on)) return false;
  if (licence.expiredOn !== null && onOrBefore(licence.expiredOn, on)) return false;
  return before(on, licence.expiresOn) || !licence.notToRenew;
}

/**
 * Active at the opening of an invoice date (tier re-evaluation): registered before that day,
 * not revoked before it, and not ending on it. Registrations on the day itself come after.
 */
export function isActiveAtStartOf(licence: LicenceRecord, day: LocalDate): boolean {
  if (!before(licence.startsOn, day)) return false;
  if (licence.revokedOn !== null && before(licence.revokedOn, day)) return false;
  if (licence.expiredOn !== null && onOrBefore(licence.expiredOn, day)) return false;
  return before(day, licence.expiresOn) || !licence.notToRenew;
}

export function countActiveOn(state: RegisteredParticipant, on: LocalDate): number {
  return activeCountOn(state.activeCount, on);
}

export function countActiveAtStartOf(state: RegisteredParticipant, day: LocalDate): number {
  return activeCountAtOpeningOf(state.activeCount, day);
}

/** The learner's live licence (not revoked, not expired) active on the day, if any. */
export function activeLicenceOfLearner(
  state: RegisteredParticipant,
  learnerId: string,
  on: LocalDate,
): LicenceRecord | undefined {
  for (const licenceId of state.licenceIdsByLearner[learnerId] ?? []) {
    const licence = state.licences[licenceId]!;
    if (isLive(licence) && isActiveOn(licence, on)) return licence;
  }
  return undefined;
}

/** The latest date in a list on or before `on`. */
export function latestOnOrBefore(dates: readonly LocalDate[], on: LocalDate): LocalDate | null {
  let latest: LocalDate | null = null;
  for (const date of dates) if (onOrBefore(date, on) && (latest === null || before(latest, date))) latest = date;
  return latest;
}

function updateLicence(
  state: RegisteredParticipant,
  licenceId: string,
  change: (l: LicenceRecord) => LicenceRecord,
): RegisteredParticipant {
  const licence = state.licences[licenceId];
  invariant(licence, `event for known licence ${licenceId}`);
  const changed = change(licence);
  indexLicence(state.activeCount, licence, changed);
  state.licences[licenceId] = changed;
  return state;
}

function markNotToRenew(state: RegisteredParticipant, licenceIds: readonly string[]): RegisteredParticipant {
  for (const id of licenceIds) updateLicence(state, id, (l) => ({ ...l, notToRenew: true }));
  return state;
}

export function evolveParticipant(state: ParticipantState, event: ParticipantEvent): ParticipantState {
  if (event.type === 'ParticipantRegistered') {
    invariant(state.status === 'unknown', 'a participant is registered once');
    const d = event.data;
    return {
      status: 'registered',
      participantId: d.participantId,
      rulebookId: d.rulebookId,
      registeredAt: d.registeredAt,
      invoiceDate: d.invoiceDate,
      invoiceAnchor: d.invoiceDate,
      firstRegistrationOn: null,
      lastRegistrationOn: null,
      licences: {},
      licenceCount: 0,
      licenceIdsByLearner: {},
      activeCount: emptyActiveCountIndex(),
      coordinators: {},
      evaluations: {},
      crossingDates: [],
      surchargeDates: [],
      lmsUseEndsOn: null,
      membershipEndedOn: null,
      billing: initialBillingState(),
    };
  }
  invariant(state.status === 'registered', `${event.type} follows ParticipantRegistered`);
  if (isBillingEvent(event)) {
    applyBillingEvent(state.billing, event);
    return state;
  }
  return evolveOwn(state, event as Exclude<ParticipantOwnEvent, { type: 'ParticipantRegistered' }>);
}

function evolveOwn(
  state: RegisteredParticipant,
  event: Exclude<ParticipantOwnEvent, { type: 'ParticipantRegistered' }>,
): RegisteredParticipant {
  switch (event.type) {
    case 'InvoiceDateAnchored':
      invariant(state.invoiceAnchor === null, 'the invoice date is anchored once');
      state.invoiceAnchor = event.data.invoiceDate;
      return state;
    case 'CoordinatorAppointed': {
      const { locationKey, location, personId } = event.data;
      const current = state.coordinators[locationKey] ?? { location, personIds: [] };
      invariant(!current.personIds.includes(personId), 'a coordinator is appointed once per location');
      state.coordinators[locationKey] = { ...current, personIds: [...current.personIds, personId] };
      return state;
    }
    case 'LicenceRegistered': {
      const d = event.data;
      invariant(!state.licences[d.licenceId], `licence ${d.licenceId} registered once`);
      invariant(before(d.startsOn, d.expiresOn), 'a licence term ends after it starts');
      const licence: LicenceRecord = {
        licenceId: d.licenceId,
        learnerId: d.learnerId,
        startsOn: d.startsOn,
        terms: [{ startsOn: d.startsOn, expiresOn: d.expiresOn }],
        expiresOn: d.expiresOn,
        notToRenew: false,
        revokedOn: null,
        expiredOn: null,
        invoiceIds: [d.invoiceId],
        remindedForExpiry: null,
      };
      state.firstRegistrationOn ??= d.startsOn;
      state.lastRegistrationOn = d.startsOn;
      state.licences[d.licenceId] = licence;
      state.licenceCount += 1;
      (state.licenceIdsByLearner[d.learnerId] ??= []).push(d.licenceId);
      indexLicence(state.activeCount, null, licence);
      return state;
    }
    case 'TierThresholdCrossed': {
      const d = event.data;
      state.crossingDates.push(d.crossedOn);
      if (d.surchargeCents > 0) state.surchargeDates.push(d.crossedOn);
      return state;
    }
    case 'TierEvaluated':
      invariant(state.evaluations[event.data.evaluatedOn] === undefined, 'an invoice date is evaluated once');
      invariant(event.data.activeLicences >= 0, 'a licence count is never negative');
      state.evaluations[event.data.evaluatedOn] = event.data.activeLicences;
      return state;
    case 'LicenceRenewed': {
      const d = event.data;
      return updateLicence(state, d.licenceId, (l) => {
        invariant(l.expiresOn === d.renewalOn, 'a licence renews at the end of its term');
        return {
          ...l,
          expiresOn: d.expiresOn,
          terms: [...l.terms, { startsOn: d.renewalOn, expiresOn: d.expiresOn }],
          invoiceIds: [...l.invoiceIds, d.invoiceId],
        };
      });
    }
    case 'LicenceExpired':
      return updateLicence(state, event.data.licenceId, (l) => ({ ...l, expiredOn: event.data.expiredOn }));
    case 'LicenceExpiryReminderDue':
      return updateLicence(state, event.data.licenceId, (l) => ({ ...l, remindedForExpiry: event.data.expiresOn }));
    case 'LicenceMarkedNotToRenew':
      return markNotToRenew(state, [event.data.licenceId]);
    case 'LmsUseTerminated':
      markNotToRenew(state, event.data.notRenewedLicenceIds).lmsUseEndsOn = event.data.effectiveEnd;
      return state;
    case 'MembershipEnded':
      markNotToRenew(state, event.data.notRenewedLicenceIds).membershipEndedOn = event.data.endedOn;
      return state;
    case 'LicenceRevoked':
      return updateLicence(state, event.data.licenceId, (l) => {
        invariant(l.revokedOn === null, 'a licence is revoked once');
        return { ...l, revokedOn: event.data.revokedOn };
      });
    // Its money is the InvoiceIssued beside it (billing); the participant's own record does not change.
    case 'ExtraContributionCharged':
      return state;
  }
}

const isLive = (licence: LicenceRecord): boolean => licence.revokedOn === null && licence.expiredOn === null;

/** Licences not yet ended by a revocation or a recorded expiry. */
export function liveLicences(state: RegisteredParticipant): LicenceRecord[] {
  const live: LicenceRecord[] = [];
  for (const id in state.licences) {
    const licence = state.licences[id]!;
    if (isLive(licence)) live.push(licence);
  }
  return live;
}
