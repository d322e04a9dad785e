/**
 * A small aggregate for write-path tests: seats booked on one show, each booking once. Its state
 * is updated in place and it declares a snapshot spec, as the ledger's long-lived aggregates do.
 */
import { createHash } from 'node:crypto';
import { DomainError, type Decider, type DomainEvent } from '@ledger/domain';

export type SeatsBooked = DomainEvent<'SeatsBooked', { bookingId: string; seats: number }>;
export interface BookSeats {
  show: string;
  bookingId: string;
  seats: number;
}
export interface BookingState {
  bookings: Record<string, number>;
  seats: number;
}

export const bookingDecider: Decider<BookSeats, SeatsBooked, BookingState> = {
  streamIdOf: (command) => `show-${command.show}`,
  initialState: () => ({ bookings: {}, seats: 0 }),
  evolve: (state, event) => {
    state.bookings[event.data.bookingId] = event.data.seats;
    state.seats += event.data.seats;
    return state;
  },
  decide: (command, state) => {
    if (state.bookings[command.bookingId] !== undefined)
      throw new DomainError('ALREADY_BOOKED', 409, `Booking ${command.bookingId} exists`);
    return [{ type: 'SeatsBooked', data: { bookingId: command.bookingId, seats: command.seats } }];
  },
  snapshot: { name: 'bookings', version: 1 },
};

/** The envelope of a booking: the same command id and body on every retry and in every process. */
export function bookingEnvelope(command: BookSeats) {
  const hex = createHash('sha256').update(`${command.show}/${command.bookingId}`).digest('hex');
  return {
    commandId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`,
    commandName: 'BookSeats',
    body: command,
    actor: 'test',
    occurredAt: '2026-03-01T10:00:00+01:00',
  };
}
