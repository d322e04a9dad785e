/**
 * SPOT participant-level rules: coordinators (SPOT-1.4), transfer (SPOT-3.5), ending LMS use
 * (SPOT-6.1), revocation (SPOT-6.2, 6.3) and leaving the association (SPOT-6.4).
 */
import { compareDates, toLocalDate, type Instant, type LocalDate } from '../../../calendar';
import { RuleViolation, type Decision } from '../../../decision';
import { formatEuro, type Cents } from '../../../money';
import { cite, MAX_LICENCE_LIST, spotDecision, type SpotBook } from './common';
import type { SpotRevocationReason } from '../data';
import {
  asJson,
  readCents,
  readDate,
  readObjectArray,
  readOptionalBoolean,
  readString,
  readStringArray,
  readTime,
  SpotInputError,
  type JsonInputs,
} from './inputs';

// ---------------------------------------------------------------- SPOT-1.4 coordinators

export interface SpotCoordinatorInput {
  participantId: string;
  location: string;
  personId: string;
  /** Coordinators already appointed for this organisation/location. */
  currentCoordinatorIds: string[];
}

/** SPOT-1.4: at most 2 coordinators per organisation/location; a third is refused. */
export function spotCoordinatorAppointment(book: SpotBook, input: SpotCoordinatorInput): Decision {
  const raw = asJson(input);
  const participantId = readString(raw, 'participantId');
  const location = readString(raw, 'location');
  const personId = readString(raw, 'personId');
  const current = readStringArray(raw, 'currentCoordinatorIds', 1_000);
  const { maxCoordinatorsPerLocation: max } = book.data;
  const alreadyAppointed = current.includes(personId);
  if (!alreadyAppointed && current.length >= max) {
    throw new RuleViolation(
      'TOO_MANY_COORDINATORS',
      'SPOT-1.4',
      `Location ${location} of participant ${participantId} already has ${current.length} coordinators (at most ${max})`,
      { participantId, location, personId, currentCoordinatorIds: current },
    );
  }
  const count = alreadyAppointed ? current.length : current.length + 1;
  return spotDecision(book, 'coordinator-appointment', {
    ruleIds: ['SPOT-1.4'],
    interpretationIds: [],
    inputs: {
      participantId,
      location,
      personId,
      currentCoordinatorIds: current,
      alreadyAppointed,
      coordinatorsAfter: count,
      maxCoordinatorsPerLocation: max,
    },
    allowed: true,
    explanation:
      `${alreadyAppointed ? `${personId} is already coordinator` : `${personId} appointed coordinator`} for ${location}: ` +
      `${count} of at most ${max} (SPOT-1.4, ${cite(book)})`,
  });
}

// ---------------------------------------------------------------- SPOT-3.5 transfer

export interface SpotTransferInput {
  licenceId: string;
  fromLearnerId: string;
  toLearnerId: string;
}

/** SPOT-3.5: licences are personal and not transferable; every transfer request is refused. */
export function spotLicenceTransfer(_book: SpotBook, input: SpotTransferInput): Decision {
  const raw = asJson(input);
  const licenceId = readString(raw, 'licenceId');
  const fromLearnerId = readString(raw, 'fromLearnerId');
  const toLearnerId = readString(raw, 'toLearnerId');
  throw new RuleViolation(
    'LICENCE_NOT_TRANSFERABLE',
    'SPOT-3.5',
    `Licence ${licenceId} is personal and cannot be transferred`,
    {
      licenceId,
      fromLearnerId,
      toLearnerId,
    },
  );
}

// ---------------------------------------------------------------- licence lists

export interface SpotLicenceRef {
  licenceId: string;
  expiresOn: LocalDate;
  /** SPOT-6.1: the participant asked to keep renewing this licence despite ending LMS use. */
  keepRenewing?: boolean;
}

function readLicences(inputs: JsonInputs, withKeep: boolean): SpotLicenceRef[] {
  const list = readObjectArray(inputs, 'licences', MAX_LICENCE_LIST).map((o) => {
    const ref: SpotLicenceRef = { licenceId: readString(o, 'licenceId'), expiresOn: readDate(o, 'expiresOn') };
    if (withKeep) ref.keepRenewing = readOptionalBoolean(o, 'keepRenewing', false);
    return ref;
  });
  if (new Set(list.map((l) => l.licenceId)).size !== list.length)
    throw new SpotInputError('input licences: duplicate licenceId');
  return list;
}

function latest(dates: LocalDate[], fallback: LocalDate): LocalDate {
  return dates.reduce((a, b) => (compareDates(b, a) > 0 ? b : a), fallback);
}

// ---------------------------------------------------------------- SPOT-6.1 ending LMS use

export interface SpotParticipantTerminationInput {
  participantId: string;
  requestedAt: Instant | LocalDate;
  /** The participant's licences with their current expiry (expired ones are ignored). */
  licences: SpotLicenceRef[];
}

/**
 * SPOT-6.1: the participant ends LMS use with effect from the expiry of its longest-running
 * licence; licences expiring before then are not renewed unless the participant says so
 * (`keepRenewing`). With no running licence the end is immediate.
 */
export function spotParticipantTermination(book: SpotBook, input: SpotParticipantTerminationInput): Decision {
  const raw = asJson(input);
  const participantId = readString(raw, 'participantId');
  const requestedAt = readTime(raw, 'requestedAt');
  const licences = readLicences(raw, true);
  const requestedOn = toLocalDate(requestedAt);
  const running = licences.filter((l) => compareDates(l.expiresOn, requestedOn) > 0);
  const effectiveEnd = latest(
    running.map((l) => l.expiresOn),
    requestedOn,
  );
  const longest = running.filter((l) => l.expiresOn === effectiveEnd).map((l) => l.licenceId);
  const earlier = running.filter((l) => compareDates(l.expiresOn, effectiveEnd) < 0);
  const renewing = earlier.filter((l) => l.keepRenewing).map((l) => l.licenceId);
  const notRenewed = running.filter((l) => !renewing.includes(l.licenceId)).map((l) => l.licenceId);
  return spotDecision(book, 'participant-termination', {
    ruleIds: ['SPOT-6.1'],
    interpretationIds: [],
    inputs: {
      participantId,
      requestedAt,
      licences: licences.map((l) => ({
        licenceId: l.licenceId,
        expiresOn: l.expiresOn,
        keepRenewing: l.keepRenewing ?? false,
      })),
      requestedOn,
      runningLicences: running.length,
      longestRunningLicenceIds: longest,
      renewingLicenceIds: renewing,
      notRenewedLicenceIds: notRenewed,
    },
    allowed: true,
    feeCents: 0,
    refundCents: 0,
    deadlines: { effectiveEnd },
    explanation:
      (running.length === 0
        ? `Participant ${participantId} ends LMS use on ${requestedOn}: no running licence, effective at once`
        : `Participant ${participantId} ends LMS use with effect from ${effectiveEnd}, the expiry of its longest-running licence; ` +
          `${notRenewed.length} licence(s) not renewed` +
          (renewing.length ? `, ${renewing.length} kept renewing at the participant's request` : '')) +
      ` (SPOT-6.1, ${cite(book)})`,
  });
}

// ---------------------------------------------------------------- SPOT-6.4 leaving SPOT

export interface SpotMembershipEndInput {
  participantId: string;
  endedAt: Instant | LocalDate;
  licences: SpotLicenceRef[];
}

/** SPOT-6.4: when the participant leaves SPOT, its licences stay valid until expiry and are not renewed. */
export function spotMembershipEnd(book: SpotBook, input: SpotMembershipEndInput): Decision {
  const raw = asJson(input);
  const participantId = readString(raw, 'participantId');
  const endedAt = readTime(raw, 'endedAt');
  const licences = readLicences(raw, false);
  const endedOn = toLocalDate(endedAt);
  const running = licences.filter((l) => compareDates(l.expiresOn, endedOn) > 0);
  const lastExpiry = latest(
    running.map((l) => l.expiresOn),
    endedOn,
  );
  return spotDecision(book, 'membership-end', {
    ruleIds: ['SPOT-6.4'],
    interpretationIds: [],
    inputs: {
      participantId,
      endedAt,
      licences: licences.map((l) => ({ licenceId: l.licenceId, expiresOn: l.expiresOn })),
      membershipEndedOn: endedOn,
      validUntilExpiryLicenceIds: running.map((l) => l.licenceId),
      notRenewedLicenceIds: running.map((l) => l.licenceId),
    },
    allowed: true,
    feeCents: 0,
    refundCents: 0,
    deadlines: { membershipEndedOn: endedOn, lastLicenceExpiresOn: lastExpiry },
    explanation:
      `Participant ${participantId} left SPOT on ${endedOn}: ${running.length} licence(s) stay valid until their expiry ` +
      `(the last ${lastExpiry}) and are not renewed (SPOT-6.4, ${cite(book)})`,
  });
}

// ---------------------------------------------------------------- SPOT-6.2 / 6.3 revocation

export interface SpotRevocationInput {
  licenceId: string;
  at: Instant | LocalDate;
  reason: SpotRevocationReason;
  /** Licence fees the participant still owes for this licence at revocation. */
  outstandingCents: Cents;
}

/** SPOT-6.2: revocation at once on an enumerated ground; SPOT-6.3: no refund, unpaid fees stay due. */
export function spotRevocation(book: SpotBook, input: SpotRevocationInput): Decision {
  const raw = asJson(input);
  const licenceId = readString(raw, 'licenceId');
  const at = readTime(raw, 'at');
  const reason = readString(raw, 'reason');
  const outstandingCents = readCents(raw, 'outstandingCents');
  const reasons = book.data.revocationReasons as readonly string[];
  if (!reasons.includes(reason)) {
    throw new RuleViolation(
      'REVOCATION_REASON_INVALID',
      'SPOT-6.2',
      `SPOT revokes access only for: ${reasons.join(', ')}`,
      { licenceId, reason },
    );
  }
  const revokedOn = toLocalDate(at);
  return spotDecision(book, 'revocation', {
    ruleIds: ['SPOT-6.2', 'SPOT-6.3'],
    interpretationIds: [],
    inputs: { licenceId, at, reason, outstandingCents, revokedOn, outstandingCentsAfter: outstandingCents },
    allowed: true,
    feeCents: 0,
    refundCents: 0,
    deadlines: { revokedOn },
    explanation:
      `Licence ${licenceId} revoked ${revokedOn} (${reason}): no refund; ${formatEuro(outstandingCents)} unpaid licence fees stay due ` +
      `(SPOT-6.2, SPOT-6.3, ${cite(book)})`,
  });
}
