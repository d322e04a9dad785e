/**
 * The write path against the real embedded store: idempotency by command id also when two
 * processes (two pipelines, no shared in-process queue) handle copies of one command.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SqliteEventStore, type EventStore, type RecordedEvent } from '@ledger/event-store';
import { DomainError, type Decider, type DomainEvent } from '@ledger/domain';
import { createRulebookRegistry } from '@ledger/regulations';
import { ManualClock } from './clock';
import { CommandIdConflictError, CommandPipeline, type CommandEnvelope } from './command-pipeline';
import { internalActor } from './identity/actors';

type SeatEvent = DomainEvent<'SeatTaken', { seat: string; person: string }>;
type TakeSeat = { seat: string; person: string };
/** A seat is taken once; taking a taken seat is refused (or a no-op for the same person). */
const seats: Decider<TakeSeat, SeatEvent, { holder?: string }> = {
  streamIdOf: (c) => `seat-${c.seat}`,
  initialState: () => ({}),
  evolve: (_s, e) => ({ holder: e.data.person }),
  decide: (c, s) => {
    if (s.holder === c.person) return [];
    if (s.holder) throw new DomainError('SEAT_TAKEN', 422, `Seat ${c.seat} is taken`);
    return [{ type: 'SeatTaken', data: { seat: c.seat, person: c.person } }];
  },
};

/** Refuses any second taking of a seat, even by its holder. */
const strictSeats: Decider<TakeSeat, SeatEvent, { holder?: string }> = {
  ...seats,
  decide: (c, s) => {
    if (s.holder) throw new DomainError('SEAT_TAKEN', 422, `Seat ${c.seat} is taken`);
    return [{ type: 'SeatTaken', data: { seat: c.seat, person: c.person } }];
  },
};

/** The real store, with the second command-id look-up held until `release()` (a slow process). */
function withHeldSecondLookup(store: EventStore): { store: EventStore; release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let lookups = 0;
  const held = Object.create(store) as EventStore;
  held.readByCommandId = async (commandId: string): Promise<RecordedEvent[]> => {
    const result = await store.readByCommandId(commandId);
    if (++lookups === 1) await gate;
    return result;
  };
  return { store: held, release };
}

describe('CommandPipeline idempotency across processes', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipeline-'));
    store = SqliteEventStore.open({ file: path.join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const envelope = (commandId: string, body: TakeSeat): CommandEnvelope => ({
    commandId,
    commandName: 'TakeSeat',
    body,
    actor: internalActor('test', 'cli'),
    occurredAt: '2026-03-01T10:00:00+01:00',
  });
  const pipelineOn = (s: EventStore) =>
    new CommandPipeline(s, createRulebookRegistry(), new ManualClock(new Date('2026-03-01T09:00:00Z')));

  it('a copy whose look-up missed the first copy, and whose decide is then refused by it, answers with the first result', async () => {
    const slow = withHeldSecondLookup(store);
    const first = pipelineOn(store);
    const second = pipelineOn(slow.store);
    const body = { seat: 'A1', person: 'anna' };
    const id = '11111111-1111-4111-8111-111111111111';
    // The second process looks the command up (nothing yet) and stalls; the first records it.
    const secondCopy = second.execute(strictSeats, body, envelope(id, body));
    const firstResult = await first.execute(strictSeats, body, envelope(id, body));
    slow.release();
    const secondResult = await secondCopy;
    expect(firstResult.events).toHaveLength(1);
    expect(secondResult.events.map((e) => e.id)).toEqual(firstResult.events.map((e) => e.id));
    expect(secondResult.replayed).toBe(true);
    expect(await store.readStream('seat-A1')).toHaveLength(1);
  });

  it('a copy whose look-up missed the first copy, and whose decide then finds nothing to do, answers with the first result', async () => {
    const slow = withHeldSecondLookup(store);
    const first = pipelineOn(store);
    const second = pipelineOn(slow.store);
    const body = { seat: 'A2', person: 'anna' };
    const id = '44444444-4444-4444-8444-444444444444';
    // The second process looks the command up (nothing yet) and stalls; the first records it.
    const secondCopy = second.execute(seats, body, envelope(id, body));
    const firstResult = await first.execute(seats, body, envelope(id, body));
    slow.release();
    const secondResult = await secondCopy;
    expect(firstResult.events).toHaveLength(1);
    expect(secondResult.events.map((e) => e.id)).toEqual(firstResult.events.map((e) => e.id));
    expect(secondResult.replayed).toBe(true);
    expect(await store.readStream('seat-A2')).toHaveLength(1);
  });

  it('a copy refused by a different command still gets the refusal, and a reused id with another body is a conflict', async () => {
    const pipeline = pipelineOn(store);
    await pipeline.execute(
      seats,
      { seat: 'B2', person: 'anna' },
      envelope('22222222-2222-4222-8222-222222222222', { seat: 'B2', person: 'anna' }),
    );
    await expect(
      pipeline.execute(
        seats,
        { seat: 'B2', person: 'bob' },
        envelope('33333333-3333-4333-8333-333333333333', { seat: 'B2', person: 'bob' }),
      ),
    ).rejects.toMatchObject({ error: 'SEAT_TAKEN' });
    await expect(
      pipeline.execute(
        seats,
        { seat: 'C3', person: 'bob' },
        envelope('22222222-2222-4222-8222-222222222222', { seat: 'C3', person: 'bob' }),
      ),
    ).rejects.toBeInstanceOf(CommandIdConflictError);
    expect(await store.readStream('seat-C3')).toHaveLength(0);
  });

  it('beforeAppend (an id claim, D54) runs only for a new command decided with events, before its append: not for a refusal, a no-op or a resend', async () => {
    const pipeline = pipelineOn(store);
    const calls: string[] = [];
    const claim = (label: string) => async () => {
      // The claim sees the log before the command's own append.
      calls.push(`${label}:${(await store.readStream('seat-D4')).length}`);
    };
    const anna = { seat: 'D4', person: 'anna' };
    const bert = { seat: 'D4', person: 'bert' };
    const id = '44444444-4444-4444-8444-444444444444';
    await pipeline.execute(seats, anna, envelope(id, anna), claim('new'));
    await pipeline.execute(seats, anna, envelope(id, anna), claim('resend'));
    await pipeline.execute(seats, anna, envelope('44444444-4444-4444-8444-444444444445', anna), claim('no-op'));
    await expect(
      pipeline.execute(seats, bert, envelope('44444444-4444-4444-8444-444444444446', bert), claim('refused')),
    ).rejects.toMatchObject({ error: 'SEAT_TAKEN' });
    expect(calls).toEqual(['new:0']);
    expect(await store.readStream('seat-D4')).toHaveLength(1);
  });
});
