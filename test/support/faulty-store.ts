/**
 * An event store with one fault injected at one step of a command, the first time the step is
 * reached (write-path idempotency tests, embedded and live engines). Everything else is the real
 * engine underneath.
 */
import {
  AppendOutcomeUnknownError,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type ReadStreamOptions,
  type RecordedEvent,
  type SnapshotStore,
} from '@ledger/event-store';

export const FAULTS = [
  'snapshot read fails',
  'stream read fails',
  'log-wide look-up fails',
  'append fails before the commit',
  'append commits, then its answer is lost',
  'append commits, then the process crashes',
  'reading the recorded answer fails',
  'snapshot write fails',
] as const;
export type Fault = (typeof FAULTS)[number];

export class InjectedFault extends Error {
  constructor(readonly fault: Fault) {
    super(`injected: ${fault}`);
  }
}

/** The real store with one fault injected, the first time its step is reached. */
export class FaultyStore implements EventStore {
  private armed = true;
  readonly snapshots: SnapshotStore;

  constructor(
    private readonly inner: EventStore,
    private readonly fault: Fault,
  ) {
    const snapshots = inner.snapshots;
    if (!snapshots) throw new Error('FaultyStore needs an engine that keeps snapshots');
    this.snapshots = {
      readSnapshot: async (streamId, version) => {
        this.trip('snapshot read fails');
        return snapshots.readSnapshot(streamId, version);
      },
      writeSnapshot: async (snapshot) => {
        this.trip('snapshot write fails');
        return snapshots.writeSnapshot(snapshot);
      },
    };
  }

  get indexesCommandIds() {
    return this.inner.indexesCommandIds;
  }

  /** Throws once, at the step named by the fault. */
  private trip(step: Fault): void {
    if (this.armed && this.fault === step) {
      this.armed = false;
      throw new InjectedFault(step);
    }
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (this.armed && this.fault === 'append fails before the commit') {
      this.armed = false;
      throw new AppendOutcomeUnknownError(streamId, 'injected: no answer, nothing committed');
    }
    const result = await this.inner.append(streamId, events, options);
    if (this.armed && this.fault === 'append commits, then its answer is lost') {
      this.armed = false;
      throw new AppendOutcomeUnknownError(streamId, 'injected: committed, answer lost');
    }
    this.trip('append commits, then the process crashes');
    return result;
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    // The fold reads with personal data withheld; the recorded answer is read as the client sees it.
    this.trip(options?.personalData === 'withheld' ? 'stream read fails' : 'reading the recorded answer fails');
    return this.inner.readStream(streamId, options);
  }

  async readByCommandId(commandId: string): Promise<RecordedEvent[]> {
    this.trip('log-wide look-up fails');
    return this.inner.readByCommandId(commandId);
  }

  streamRevision = (streamId: string) => this.inner.streamRevision(streamId);
  readAll = (...args: Parameters<EventStore['readAll']>) => this.inner.readAll(...args);
  subscribeToAll = (...args: Parameters<EventStore['subscribeToAll']>) => this.inner.subscribeToAll(...args);
  headPosition = () => this.inner.headPosition();
  getStreamMetadata = (streamId: string) => this.inner.getStreamMetadata(streamId);
  setStreamMetadata = (...args: Parameters<EventStore['setStreamMetadata']>) => this.inner.setStreamMetadata(...args);
  ping = () => this.inner.ping();
  close = () => this.inner.close();
}
