/**
 * Checks over the embedded log file itself (events.sqlite), read through a second connection:
 * the head position, the events appended after a point, and the structural invariants every
 * campaign relies on. Each check returns violations (strings) instead of throwing, so a campaign
 * can report them all and a spec can assert the list is empty.
 */
import { join } from 'node:path';
import { MAX_READ_COUNT, type RecordedEvent } from '../../../libs/event-store/src/event-store.port';
import { SqliteEventStore } from '../../../libs/event-store/src/sqlite/sqlite-event-store';

export const eventsFileOf = (dataDir: string): string => join(dataDir, 'events.sqlite');

export class LogInspector {
  private constructor(readonly store: SqliteEventStore) {}

  static open(dataDir: string): LogInspector {
    return new LogInspector(SqliteEventStore.open({ file: eventsFileOf(dataDir) }));
  }

  /** Position of the last event (-1 for an empty log). */
  head(): Promise<number> {
    return this.store.headPosition();
  }

  /** Every event after `position`, in log order (bounded: at most `limit`). */
  async eventsAfter(position: number, limit = 1_000_000): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    let after = position;
    while (events.length < limit) {
      const page = await this.store.readAll({ afterPosition: after, maxCount: MAX_READ_COUNT });
      if (page.length === 0) break;
      events.push(...page);
      after = page[page.length - 1]!.position;
    }
    return events;
  }

  readByCommandId(commandId: string): Promise<RecordedEvent[]> {
    return this.store.readByCommandId(commandId);
  }

  /**
   * The whole log: positions 0..head without gaps, event ids unique, stream revisions 0..n without
   * gaps, each command's events one contiguous append in one stream, and the hash chain intact.
   */
  async structure(): Promise<{ events: number; streams: number; commands: number; violations: string[] }> {
    const violations: string[] = [];
    const seen = new Set<string>();
    const nextRevision = new Map<string, number>();
    /** commandId -> the stream and last position of its (one) append. */
    const commands = new Map<string, { streamId: string; lastPosition: number; closed: boolean }>();
    let lastCommand: string | undefined;
    let expected = 0;
    for (let page = await this.store.readAll({ maxCount: MAX_READ_COUNT }); page.length > 0; ) {
      for (const event of page) {
        if (event.position !== expected) violations.push(`position ${event.position} where ${expected} was due`);
        if (seen.has(event.id)) violations.push(`event ${event.id} appears twice`);
        const revision = nextRevision.get(event.streamId) ?? 0;
        if (event.revision !== revision) violations.push(`${event.streamId} has revision ${event.revision} where ${revision} was due`);
        seen.add(event.id);
        nextRevision.set(event.streamId, event.revision + 1);
        const commandId = typeof event.metadata.commandId === 'string' ? event.metadata.commandId : undefined;
        if (commandId !== undefined) {
          const known = commands.get(commandId);
          if (known && (known.closed || known.streamId !== event.streamId || known.lastPosition !== event.position - 1)) {
            violations.push(`command ${commandId} was appended more than once (again at position ${event.position}, ${event.streamId})`);
          }
          if (lastCommand !== undefined && lastCommand !== commandId) {
            const previous = commands.get(lastCommand);
            if (previous) previous.closed = true;
          }
          commands.set(commandId, { streamId: event.streamId, lastPosition: event.position, closed: false });
        }
        lastCommand = commandId;
        expected += 1;
      }
      page = await this.store.readAll({ afterPosition: expected - 1, maxCount: MAX_READ_COUNT });
    }
    const head = await this.store.headPosition();
    if (head !== expected - 1) violations.push(`head position ${head}, but ${expected} events were read`);
    for (const [streamId, next] of nextRevision) {
      const revision = await this.store.streamRevision(streamId);
      if (revision !== next - 1) violations.push(`${streamId}: stored revision ${String(revision)}, events say ${next - 1}`);
    }
    const chain = this.store.verifyChain();
    if (!chain.ok) violations.push(`hash chain breaks at position ${chain.position} (event ${chain.eventId})`);
    else if (chain.checked !== expected) violations.push(`hash chain checked ${chain.checked} events of ${expected}`);
    return { events: expected, streams: nextRevision.size, commands: commands.size, violations };
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
