import type { RecordedEvent } from '@ledger/event-store';
import type { CollectionSpec, ProjectionKey, ReadDocument } from './read-store.port';

/**
 * What a projection handler sees: its own collections by logical name. Reads see the handler's own
 * uncommitted writes of the current batch. Bodies are deeply frozen (changing one in place throws):
 * build a new object to change a document; unchanged parts may be shared with the one read.
 */
export interface ProjectionContext {
  get<T = Record<string, unknown>>(collection: string, id: string): Promise<ReadDocument<T> | undefined>;
  /**
   * Takes the body over: it is frozen in place (or, when it holds what JSON does not, such as
   * undefined or a Date, replaced by its JSON round trip) and read back as it is until committed.
   */
  put(collection: string, id: string, body: Record<string, unknown>): void;
  delete(collection: string, id: string): void;
}

export interface ProjectionDefinition extends ProjectionKey {
  collections: readonly CollectionSpec[];
  /** Event types the projection reacts to; others only advance its checkpoint. */
  handles: readonly string[];
  /**
   * Whether handlers need personal fields in clear. By default they read as WITHHELD: read models
   * then never hold personal data (an erasure needs no rebuild) and no data key is looked up.
   */
  readsPersonalData?: boolean;
  apply(event: RecordedEvent, ctx: ProjectionContext): Promise<void> | void;
}

/** `handles` entry that subscribes a projection to every event type (e.g. a log of all decisions). */
export const ALL_EVENT_TYPES = '*';

/** Physical collection name of a projection version's logical collection (blue/green rebuilds). */
export function physicalCollection(projection: ProjectionKey, collection: string): string {
  return `${projection.name}_v${projection.version}_${collection}`;
}

/**
 * Blue/green slots. A projection version is materialised in a slot: generation 0 keeps the
 * projection's own name (so existing data stays where it is), generation n > 0 is named
 * `<name>_g<n>`. The slot's key names its checkpoint, dead letters and physical collections.
 */
export function slotKey(projection: ProjectionKey, generation: number): ProjectionKey {
  return generation === 0
    ? { name: projection.name, version: projection.version }
    : { name: `${projection.name}_g${generation}`, version: projection.version };
}
