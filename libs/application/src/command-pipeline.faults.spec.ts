/**
 * Idempotency of the write path under faults (issue 18, docs/decisions.md D25), on the real
 * embedded store: a fault is injected at each step of a command (reading the snapshot, folding
 * the stream, the log-wide look-up, the append before and after its commit, reading the recorded
 * answer, storing the snapshot); the command is then retried by the same process and by fresh
 * ones. No fault may book the command twice, and every answer given must be the same one. A
 * second OS process running copies of the same commands at the same time must agree too.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { SqliteEventStore, type EventStore } from '@ledger/event-store';
import { createRulebookRegistry } from '@ledger/regulations';
import { bookingDecider, bookingEnvelope, type BookSeats } from '../../../test/support/booking-decider';
import { FAULTS, FaultyStore, InjectedFault } from '../../../test/support/faulty-store';
import { ManualClock } from './clock';
import { CommandPipeline, type CommandResult } from './command-pipeline';

const clock = new ManualClock(new Date('2026-03-01T09:00:00Z'));
const pipelineOn = (store: EventStore) =>
  new CommandPipeline(store, createRulebookRegistry(), clock, { snapshotEveryEvents: 10, onWarning: () => undefined });

async function attempt(pipeline: CommandPipeline, command: BookSeats): Promise<CommandResult | Error> {
  try {
    return await pipeline.execute(bookingDecider, command, bookingEnvelope(command));
  } catch (error) {
    return error as Error;
  }
}

describe('CommandPipeline under injected faults (embedded store)', () => {
  let dir: string;
  let file: string;
  const opened: SqliteEventStore[] = [];
  const open = () => {
    const store = SqliteEventStore.open({ file });
    opened.push(store);
    return store;
  };

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipeline-faults-'));
    file = path.join(dir, 'events.sqlite');
    // A stream long enough to have a snapshot, so every step of a load is reached.
    const seeding = pipelineOn(open());
    for (let n = 1; n <= 25; n++) {
      const command = { show: 'faults', bookingId: `b${n}`, seats: 2 };
      await seeding.execute(bookingDecider, command, bookingEnvelope(command));
    }
  });

  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(FAULTS)('%s: booked once, and every answer is the same', async (fault) => {
    const command = { show: 'faults', bookingId: 'b100', seats: 3 };
    const faulty = pipelineOn(new FaultyStore(open(), fault));
    const first = await attempt(faulty, command);
    if (first instanceof Error) expect(first).toBeInstanceOf(InjectedFault);

    // Retries: the same process, then two fresh processes (no state kept) on their own connections.
    const retries = [await attempt(faulty, command), await attempt(pipelineOn(open()), command)];
    retries.push(await attempt(pipelineOn(open()), command));
    const answers = [first, ...retries].filter((answer): answer is CommandResult => !(answer instanceof Error));
    expect(answers.length).toBeGreaterThanOrEqual(retries.length);
    const ids = answers.map((answer) => answer.events.map((event) => event.id));
    for (const answer of ids) expect(answer).toEqual(ids[0]);
    expect(answers.slice(1).every((answer) => answer.replayed)).toBe(true);

    const stream = await open().readStream('show-faults');
    const booked = stream.filter((event) => event.data['bookingId'] === 'b100');
    expect(booked.map((event) => event.id)).toEqual(ids[0]);
    expect(stream).toHaveLength(26);
  });

  it('a snapshot whose event is not at its revision in the log is not trusted: the stream is folded from the start', async () => {
    const store = open();
    // A snapshot that lies (a booking the log does not hold) but points at a real event: evolve is
    // fine with it, so it is used; a snapshot whose event is not in the log is not.
    const [last] = await store.readStream('show-faults', { direction: 'backwards', maxCount: 1 });
    await store.snapshots!.writeSnapshot({
      streamId: 'show-faults',
      version: 'bookings@1',
      revision: last!.revision,
      eventId: 'aaaaaaaa-0000-4000-8000-000000000000',
      body: JSON.stringify({ state: { bookings: { forged: 99 }, seats: 99 }, commands: [] }),
    });
    const warnings: string[] = [];
    const pipeline = new CommandPipeline(store, createRulebookRegistry(), clock, {
      onWarning: (w) => warnings.push(w),
    });
    const { state } = await pipeline.loadState(bookingDecider, 'show-faults');
    expect(state.bookings['forged']).toBeUndefined();
    expect(state.seats).toBe(50);
    expect(warnings.join()).toMatch(/does not match the log/);
  });

  it('copies of the same commands run by another OS process at the same time: each booked once, both get the same answers', async () => {
    const count = 40;
    const child = promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(__dirname, '../../../test/support/pipeline-copy-process.ts'),
        file,
        '1',
        String(count),
      ],
      { cwd: path.join(__dirname, '../../..') },
    );
    const pipeline = pipelineOn(open());
    const ours = await Promise.all(
      Array.from({ length: count }, (_, i) => {
        const command = { show: 'copies', bookingId: `b${i + 1}`, seats: 1 };
        return pipeline.execute(bookingDecider, command, bookingEnvelope(command));
      }),
    );
    const theirs = (await child).stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { n: number; ids?: string[]; error?: string });
    expect(theirs.filter((answer) => answer.error)).toEqual([]);
    for (const answer of theirs) expect(answer.ids).toEqual(ours[answer.n - 1]!.events.map((event) => event.id));
    const stream = await open().readStream('show-copies');
    expect(stream).toHaveLength(count);
    expect(new Set(stream.map((event) => event.data['bookingId'])).size).toBe(count);
  }, 60_000);
});
