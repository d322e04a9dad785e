/**
 * Two small time functions calendar.ts lacks, kept here (shared by the vli and excellus rulebooks).
 * Both use Luxon in Europe/Amsterdam exactly as calendar.ts does; candidates for calendar.ts.
 */
import { DateTime } from 'luxon';
import { LEDGER_ZONE, isLocalDate, parseInstant, CalendarInputError } from '../../../calendar';
import type { Instant, LocalDate } from '../../../calendar';

/** The instant of wall-clock hh:mm in Amsterdam on `date` (DST-correct), e.g. 09:00 on the training day. */
export function atLocalTime(date: LocalDate, hour: number, minute = 0): Instant {
  if (!isLocalDate(date)) throw new CalendarInputError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  return DateTime.fromISO(date, { zone: LEDGER_ZONE })
    .set({ hour, minute, second: 0, millisecond: 0 })
    .toISO({ suppressMilliseconds: true })!;
}

/** `instant` plus elapsed minutes (absolute time, so DST-correct), e.g. start + 15 minutes. */
export function addMinutes(instant: Instant, minutes: number): Instant {
  return parseInstant(instant).plus({ minutes }).toISO({ suppressMilliseconds: true })!;
}
