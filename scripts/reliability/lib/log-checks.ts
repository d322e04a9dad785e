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
    const check = new LogShapeCheck();
    const violations = await check.advance(this);
    for (const [streamId, next] of check.nextRevision) {
      const revision = await this.store.streamRevision(streamId);
      if (revision !== next - 1)
        violations.push(`${streamId}: stored revision ${String(revision)}, events say ${next - 1}`);
    }
    const chain = await this.store.verifyChain();
    if (!chain.ok)
      violations.push(
        chain.reason === 'altered'
          ? `hash chain breaks at position ${chain.position} (event ${chain.eventId})`
          : `log head ${chain.headPosition} does not match its anchor at position ${chain.anchor.position} (${chain.reason})`,
      );
    else if (chain.checked !== check.events)
      violations.push(`hash chain checked ${chain.checked} events of ${check.events}`);
    return { events: check.events, streams: check.nextRevision.size, commands: check.commands.size, violations };
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

/**
 * The shape rules of the log, checked incrementally: `advance` reads only what was appended since
 * its last call, carrying positions, ids, revisions and command ids across calls (a crash can only
 * change the tail; `LogInspector.structure()` re-checks everything from position 0).
 */
export class LogShapeCheck {
  readonly ids = new Set<string>();
  readonly nextRevision = new Map<string, number>();
  /** commandId -> the stream and last position of its (one) append. */
  readonly commands = new Map<string, { streamId: string; lastPosition: number; closed: boolean }>();
  private lastCommand: string | undefined;
  events = 0;

  async advance(inspector: LogInspector): Promise<string[]> {
    const violations: string[] = [];
    for (
      let page = await inspector.store.readAll({ afterPosition: this.events - 1, maxCount: MAX_READ_COUNT });
      page.length > 0;
    ) {
      for (const event of page) {
        if (event.position !== this.events) violations.push(`position ${event.position} where ${this.events} was due`);
        if (this.ids.has(event.id)) violations.push(`event ${event.id} appears twice`);
        const revision = this.nextRevision.get(event.streamId) ?? 0;
        if (event.revision !== revision)
          violations.push(`${event.streamId} has revision ${event.revision} where ${revision} was due`);
        this.ids.add(event.id);
        this.nextRevision.set(event.streamId, event.revision + 1);
        const commandId = typeof event.metadata.commandId === 'string' ? event.metadata.commandId : undefined;
        if (commandId !== undefined) {
          const known = this.commands.get(commandId);
          if (
            known &&
            (known.closed || known.streamId !== event.streamId || known.lastPosition !== event.position - 1)
          ) {
            violations.push(
              `command ${commandId} was appended more than once (again at position ${event.position}, ${event.streamId})`,
            );
          }
          if (this.lastCommand !== undefined && this.lastCommand !== commandId) {
            const previous = this.commands.get(this.lastCommand);
            if (previous) previous.closed = true;
          }
          this.commands.set(commandId, { streamId: event.streamId, lastPosition: event.position, closed: false });
        }
        this.lastCommand = commandId;
        this.events = event.position + 1;
      }
      page = await inspector.store.readAll({ afterPosition: this.events - 1, maxCount: MAX_READ_COUNT });
    }
    const head = await inspector.head();
    if (head !== this.events - 1) violations.push(`head position ${head}, but ${this.events} events were read`);
    return violations;
  }
}
