/**
 * Test-only helpers: histories built by the decider itself (what it would have recorded), so a
 * "given" of 99 registrations is real events rather than hand-written ones.
 */
import { addDays, createRulebookRegistry, type LocalDate } from '@ledger/regulations';
import type { DecideContext } from '../shared/decider';
import type { ParticipantCommand, RegisterLicence, RegisterParticipant } from './commands';
import { participantDecider } from './decide';
import type { ParticipantEvent } from './events';
import type { ParticipantState } from './state';

export const PARTICIPANT = 'P';
export const context = (): DecideContext => ({
  rulebooks: createRulebookRegistry(),
  recordedAt: '2026-01-01T00:00:00.000Z',
});

export function fold(events: readonly ParticipantEvent[]): ParticipantState {
  return events.reduce(participantDecider.evolve, participantDecider.initialState());
}

/** Runs commands one after another through decide + evolve; returns every event recorded. */
export function record(
  commands: readonly ParticipantCommand[],
  given: readonly ParticipantEvent[] = [],
  ctx = context(),
): ParticipantEvent[] {
  const events = [...given];
  let state = fold(events);
  for (const command of commands) {
    const produced = participantDecider.decide(command, state, ctx);
    for (const event of produced) state = participantDecider.evolve(state, event);
    events.push(...produced);
  }
  return events;
}

export const registerParticipant = (invoiceDate: LocalDate | null = '2026-01-10'): RegisterParticipant => ({
  type: 'RegisterParticipant',
  participantId: PARTICIPANT,
  rulebookId: 'spot-lms',
  name: 'Stichting Voorbeeld',
  invoiceDate,
  registeredAt: '2026-01-05T09:00:00+01:00',
});

export const registerLicence = (
  n: number,
  registeredAt: string,
  employerId: string | null = PARTICIPANT,
): RegisterLicence => ({
  type: 'RegisterLicence',
  participantId: PARTICIPANT,
  licenceId: `L${n}`,
  learnerId: `learner-${n}`,
  learner: { employerId },
  registeredAt,
});

/** Registrations 1..count, one a day from `firstOn` (at 10:00 Amsterdam). */
export function registrations(count: number, firstOn: LocalDate, from = 1): RegisterLicence[] {
  return Array.from({ length: count }, (_, i) =>
    registerLicence(from + i, `${addDays(firstOn, Math.floor(i / 10))}T10:00:00+01:00`),
  );
}

export const ofType = <T extends ParticipantEvent['type']>(events: readonly ParticipantEvent[], type: T) =>
  events.filter((e): e is Extract<ParticipantEvent, { type: T }> => e.type === type);
