/**
 * A worker's hold on its projection slot's writer lease (one writer per projection across
 * processes, decision D28): acquired before the worker applies anything, renewed in the background
 * at a third of its time to live, released when the worker stops. `lost` aborts when the store
 * refuses a renewal, or when renewals keep failing until the lease may have expired: the worker
 * then stops applying, and every commit it still attempts is refused by the store.
 */
import { describeError, type ProjectionRunnerLogger } from './runner-support';
import type { ProjectionKey, ReadStore, WriterLease } from './read-store.port';

export class WriterTenure {
  private readonly lostController = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private renewedAtMs: number;
  private renewing = false;
  private ended = false;

  private constructor(
    private readonly readStore: ReadStore,
    readonly lease: WriterLease,
    private readonly ttlMs: number,
    private readonly logger: ProjectionRunnerLogger,
  ) {
    this.renewedAtMs = Date.now();
    this.timer = setInterval(() => void this.renew(), Math.max(1, Math.floor(ttlMs / 3)));
    // Renewal must never keep a process alive on its own.
    this.timer.unref();
  }

  /** The tenure, or undefined when another owner holds the slot's lease. */
  static async acquire(
    readStore: ReadStore,
    slot: ProjectionKey,
    owner: string,
    ttlMs: number,
    logger: ProjectionRunnerLogger,
  ): Promise<WriterTenure | undefined> {
    const lease = await readStore.acquireWriterLease(slot, owner, ttlMs);
    return lease === undefined ? undefined : new WriterTenure(readStore, lease, ttlMs, logger);
  }

  /** Aborts once the lease is (or may be) held by someone else. */
  get lost(): AbortSignal {
    return this.lostController.signal;
  }

  /** A commit was refused: the lease went to someone else. */
  markLost(): void {
    clearInterval(this.timer);
    this.lostController.abort();
  }

  /** Stops renewing and lets the lease go (unless it was lost). */
  async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.timer);
    if (this.lost.aborted) return;
    try {
      await this.readStore.releaseWriterLease(this.lease);
    } catch (error) {
      // It expires on its own.
      this.logger.warn(`Writer lease of ${describeSlot(this.lease)} not released: ${describeError(error)}`);
    }
  }

  private async renew(): Promise<void> {
    if (this.renewing || this.ended || this.lost.aborted) return;
    this.renewing = true;
    try {
      if (await this.readStore.renewWriterLease(this.lease, this.ttlMs)) this.renewedAtMs = Date.now();
      else this.markLost();
    } catch (error) {
      this.logger.warn(`Writer lease of ${describeSlot(this.lease)} not renewed: ${describeError(error)}`);
      if (Date.now() - this.renewedAtMs >= this.ttlMs) this.markLost();
    } finally {
      this.renewing = false;
    }
  }
}

function describeSlot(lease: WriterLease): string {
  return `${lease.projection.name} v${lease.projection.version}`;
}
