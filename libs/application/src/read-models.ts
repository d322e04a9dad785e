/**
 * Queries over projections. `ready()` waits until every projection has processed the log's head
 * as it was when the query arrived, so a client reads its own writes.
 */
import type { EventStore } from '@ledger/event-store';
import {
  physicalCollection,
  type FindQuery,
  type Page,
  type ProjectionDefinition,
  type ProjectionHost,
  type ReadDocument,
  type ReadStore,
} from '@ledger/read-store';

export const READ_YOUR_WRITES_TIMEOUT_MS = 10_000;

export class ReadModelsNotReadyError extends Error {
  readonly code = 'READ_MODELS_BEHIND';
  constructor(readonly position: number) {
    super(`Read models have not caught up with position ${position} in time`);
    this.name = 'ReadModelsNotReadyError';
  }
}

export class ReadModels {
  private readonly live = new Map<string, ProjectionDefinition>();

  constructor(
    private readonly eventStore: EventStore,
    private readonly readStore: ReadStore,
    private readonly runner: ProjectionHost,
    projections: readonly ProjectionDefinition[],
  ) {
    for (const projection of projections) this.live.set(projection.name, projection);
  }

  async ready(timeoutMs = READ_YOUR_WRITES_TIMEOUT_MS): Promise<void> {
    const head = await this.eventStore.headPosition();
    if (head < 0) return;
    if (!(await this.runner.waitForPosition(head, timeoutMs))) throw new ReadModelsNotReadyError(head);
  }

  async get<T = Record<string, unknown>>(
    projectionName: string,
    collection: string,
    id: string,
  ): Promise<ReadDocument<T> | undefined> {
    return this.withSlot(projectionName, (physical) => this.readStore.get<T>(physical(collection), id));
  }

  async find<T = Record<string, unknown>>(
    projectionName: string,
    collection: string,
    query?: FindQuery,
  ): Promise<Page<T>> {
    return this.withSlot(projectionName, (physical) => this.readStore.find<T>(physical(collection), query));
  }

  /** Every document matching a query, page by page, up to `maxDocuments` (a bound, not a hope). */
  async findAll<T = Record<string, unknown>>(
    projectionName: string,
    collection: string,
    query: Omit<FindQuery, 'cursor'>,
    maxDocuments = 100_000,
  ): Promise<ReadDocument<T>[]> {
    // One slot for every page: a blue/green switch between two pages must not mix two builds.
    return this.withSlot(projectionName, async (physical) => {
      const documents: ReadDocument<T>[] = [];
      let cursor: string | undefined;
      do {
        const page = await this.readStore.find<T>(physical(collection), {
          ...query,
          cursor,
          limit: query.limit ?? 500,
        });
        documents.push(...page.items);
        if (documents.length > maxDocuments)
          throw new Error(`More than ${maxDocuments} documents in ${projectionName}.${collection}`);
        cursor = page.nextCursor;
      } while (cursor);
      return documents;
    });
  }

  /**
   * The documents matching a query, a page at a time, for work done page by page whatever the
   * number of documents. Each page reads the live slot on its own (findAll holds one slot for all),
   * so a blue/green switch between two pages may show the next build from there on.
   */
  async *pages<T = Record<string, unknown>>(
    projectionName: string,
    collection: string,
    query: Omit<FindQuery, 'cursor'>,
  ): AsyncGenerator<ReadDocument<T>[], void, undefined> {
    let cursor: string | undefined;
    do {
      const page = await this.find<T>(projectionName, collection, {
        ...query,
        ...(cursor === undefined ? {} : { cursor }),
      });
      yield page.items;
      cursor = page.nextCursor;
    } while (cursor !== undefined);
  }

  projections(): ProjectionDefinition[] {
    return [...this.live.values()];
  }

  /**
   * Runs a read against the projection's live slot and holds it meanwhile, so a blue/green switch
   * never drops the collections under a query in flight. Projections the runner does not know
   * (a runner built for fewer projections) read from their generation-0 slot.
   */
  private async withSlot<R>(
    projectionName: string,
    read: (physical: (collection: string) => string) => Promise<R>,
  ): Promise<R> {
    const projection = this.live.get(projectionName);
    if (!projection) throw new Error(`Unknown projection ${projectionName}`);
    if (!this.runner.definitions().some((definition) => definition.name === projectionName)) {
      return read((collection) => physicalCollection(projection, collection));
    }
    const lease = await this.runner.lease(projectionName);
    try {
      return await read((collection) => lease.collection(collection));
    } finally {
      lease.release();
    }
  }
}
