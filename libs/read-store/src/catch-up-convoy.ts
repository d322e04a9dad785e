/**
 * Keeps projections that catch up side by side (start-up, a rebuild of several) within a bounded
 * distance of each other. They read the same `$all` pages, and the event store keeps recently read
 * pages for other readers (LedgerEventStore's shared pages): a projection far ahead of the others
 * pushes pages out before they are read again, so every page is read and decoded once per
 * projection instead of once. Held back, the fast ones leave the CPU to the slow ones, and the
 * convoy reads each page about once.
 *
 * Only members that are catching up count: a live, stopped or retrying projection never holds
 * another one back, and a member that is the slowest never waits.
 */
export class CatchUpConvoy {
  private readonly positions = new Map<object, number>();
  private readonly waiters = new Set<() => void>();

  /** @param maxLeadPositions how far (in log positions) a member may run ahead of the slowest one */
  constructor(private readonly maxLeadPositions: number) {
    if (!Number.isSafeInteger(maxLeadPositions) || maxLeadPositions < 1) {
      throw new RangeError(`maxLeadPositions must be a positive integer, got ${String(maxLeadPositions)}`);
    }
  }

  get size(): number {
    return this.positions.size;
  }

  /** The member catches up from `position` (-1 for the start of the log). */
  join(member: object, position: number): void {
    this.positions.set(member, position);
    this.wake();
  }

  /** The member committed up to `position`. */
  moved(member: object, position: number): void {
    if (!this.positions.has(member)) return;
    this.positions.set(member, position);
    this.wake();
  }

  /** The member stopped catching up (caught up, stopped or failed): it holds nobody back. */
  leave(member: object): void {
    if (this.positions.delete(member)) this.wake();
  }

  /**
   * Resolves once the member is at most maxLeadPositions ahead of the slowest member, or when
   * `signal` aborts. A member that has not joined never waits.
   */
  async keepPace(member: object, signal: AbortSignal): Promise<void> {
    while (!signal.aborted && this.isTooFarAhead(member)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.waiters.delete(done);
          signal.removeEventListener('abort', done);
          resolve();
        };
        this.waiters.add(done);
        signal.addEventListener('abort', done, { once: true });
      });
    }
  }

  private isTooFarAhead(member: object): boolean {
    const position = this.positions.get(member);
    if (position === undefined) return false;
    let slowest = position;
    for (const other of this.positions.values()) if (other < slowest) slowest = other;
    return position - slowest > this.maxLeadPositions;
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
