/**
 * What the command pipeline keeps per stream besides the folded state (docs/decisions.md D24, D25):
 * the commands the stream recorded last (to recognise a repeated command from the stream it has
 * just read, atomically with the revision it appends at), and an in-memory cache of folded
 * aggregates, so a command on a long stream folds only the events appended since.
 */

/** How many of a stream's latest commands it remembers (a repeat of an older one is decided anew). */
export const COMMAND_WINDOW = 1_000;

export interface RecordedCommand {
  /** commandHash of the command (name and canonical body). */
  hash: string;
  /** Revisions of its first and last event: a command's events are one append, so contiguous. */
  first: number;
  last: number;
}

type SerialisedCommand = [commandId: string, hash: string, first: number, last: number];

/** The stream's latest COMMAND_WINDOW commands, by command id; amortised O(1) per event. */
export class CommandWindow {
  private readonly commands = new Map<string, RecordedCommand>();

  static fromJSON(serialised: unknown): CommandWindow {
    const window = new CommandWindow();
    if (!Array.isArray(serialised)) throw new TypeError('A command window is a list');
    for (const entry of serialised as SerialisedCommand[]) {
      const [commandId, hash, first, last] = entry;
      if (typeof commandId !== 'string' || typeof hash !== 'string' || !(first <= last))
        throw new TypeError('Malformed command window entry');
      window.commands.set(commandId, { hash, first, last });
    }
    return window;
  }

  get size(): number {
    return this.commands.size;
  }

  /** Notes an event of a command at a revision. A command id seen again later keeps its first events. */
  note(commandId: string, hash: string, revision: number): void {
    const known = this.commands.get(commandId);
    if (known) {
      if (known.hash === hash && known.last === revision - 1) known.last = revision;
      return;
    }
    this.commands.set(commandId, { hash, first: revision, last: revision });
    if (this.commands.size > COMMAND_WINDOW) this.commands.delete(this.commands.keys().next().value as string);
  }

  find(commandId: string): RecordedCommand | undefined {
    return this.commands.get(commandId);
  }

  toJSON(): SerialisedCommand[] {
    return [...this.commands].map(([commandId, { hash, first, last }]) => [commandId, hash, first, last]);
  }
}

/** An aggregate folded up to a revision, as the pipeline keeps it between commands. */
export interface FoldedAggregate<TState> {
  /** `<name>@<version>` of the decider's snapshot declaration. */
  version: string;
  state: TState;
  /** Revision of the last event folded, or undefined while the stream is empty. */
  revision: number | undefined;
  /** Id of that event (a snapshot is trusted only while the log holds it at that revision). */
  eventId: string | undefined;
  commands: CommandWindow;
  /** Revision of the newest snapshot stored or read (-1: none), so the next one is due later. */
  snapshotRevision: number;
}

/**
 * Folded aggregates by stream, least recently used dropped first, bounded by the events folded
 * into them (a stand-in for their size: a 5,000-licence participant weighs 10,000, an enrolment 5).
 * An entry is taken out while a command works on it and put back when the fold succeeded, so a
 * fold that fails half-way (evolve may update the state in place) never leaves a broken state.
 */
export class AggregateCache {
  private readonly entries = new Map<string, { aggregate: FoldedAggregate<unknown>; weight: number }>();
  private weight = 0;

  constructor(readonly capacityEvents: number) {
    if (!Number.isSafeInteger(capacityEvents) || capacityEvents < 0)
      throw new RangeError(`The aggregate cache needs a capacity >= 0, got ${capacityEvents}`);
  }

  get size(): number {
    return this.entries.size;
  }

  take<TState>(streamId: string, version: string): FoldedAggregate<TState> | undefined {
    const entry = this.entries.get(streamId);
    if (!entry) return undefined;
    this.entries.delete(streamId);
    this.weight -= entry.weight;
    return entry.aggregate.version === version ? (entry.aggregate as FoldedAggregate<TState>) : undefined;
  }

  put<TState>(streamId: string, aggregate: FoldedAggregate<TState>): void {
    const previous = this.entries.get(streamId);
    if (previous) {
      this.entries.delete(streamId);
      this.weight -= previous.weight;
    }
    const weight = (aggregate.revision ?? -1) + 2;
    if (weight > this.capacityEvents) return;
    this.entries.set(streamId, { aggregate: aggregate as FoldedAggregate<unknown>, weight });
    this.weight += weight;
    for (const [oldest, entry] of this.entries) {
      if (this.weight <= this.capacityEvents) break;
      this.entries.delete(oldest);
      this.weight -= entry.weight;
    }
  }

  clear(): void {
    this.entries.clear();
    this.weight = 0;
  }
}
