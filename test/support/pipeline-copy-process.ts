/**
 * A second process for the write-path fault tests: opens the same embedded log and runs the
 * bookings it is given, all at once, through its own command pipeline; prints one JSON line per
 * booking with the answer's event ids (or the error), then exits.
 *
 * Usage: node --import tsx test/support/pipeline-copy-process.ts <events.sqlite> <first> <count>
 */
import { ManualClock, CommandPipeline } from '@ledger/application';
import { SqliteEventStore } from '@ledger/event-store';
import { createRulebookRegistry } from '@ledger/regulations';
import { bookingDecider, bookingEnvelope } from './booking-decider';

async function main(): Promise<void> {
  const [file, first, count] = process.argv.slice(2);
  if (!file || !first || !count) throw new Error('usage: pipeline-copy-process.ts <file> <first> <count>');
  const store = SqliteEventStore.open({ file });
  const pipeline = new CommandPipeline(
    store,
    createRulebookRegistry(),
    new ManualClock(new Date('2026-03-01T09:00:00Z')),
  );
  const numbers = Array.from({ length: Number(count) }, (_, i) => Number(first) + i);
  const answers = await Promise.all(
    numbers.map(async (n) => {
      const command = { show: 'copies', bookingId: `b${n}`, seats: 1 };
      try {
        const result = await pipeline.execute(bookingDecider, command, bookingEnvelope(command));
        return { n, ids: result.events.map((event) => event.id) };
      } catch (error) {
        return { n, error: String(error) };
      }
    }),
  );
  for (const answer of answers) process.stdout.write(`${JSON.stringify(answer)}\n`);
  await store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
