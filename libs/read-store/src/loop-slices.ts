/**
 * Projections share the event loop with the requests of the process they run in (docs/decisions.md
 * D47). A handler's reads resolve at once on the embedded store, so a catch-up page of 2,000 events
 * was one unbroken chain of microtasks per projection: a server started on a log without read
 * models did not even listen until all of them had caught up. Workers catching up therefore apply
 * events in slices: once the loop has been held for `sliceMs`, the next event waits for one turn of
 * the loop (I/O callbacks first, so requests go in between). Live batches (at most 100 events) are
 * applied whole: sliced, they left the projections seconds behind a burst of commands.
 *
 * One instance is shared by all workers of a runner, so the slice is the process's, not each
 * worker's: after the first worker of a turn has used it up, the others apply one event each
 * (so every worker progresses) and wait for the next turn.
 */
import { performance } from 'node:perf_hooks';

/** Longest a projection holds the event loop before giving it a turn (default). */
export const DEFAULT_SLICE_MS = 5;
export const SLICE_MS_LIMITS = { min: 1, max: 1_000 } as const;

export class LoopSlices {
  private sliceStartedAtMs: number;
  private nextTurn: Promise<void> | undefined;
  /** Turns given to the loop since start (tests, diagnostics). */
  turnsGiven = 0;

  constructor(
    private readonly sliceMs: number = DEFAULT_SLICE_MS,
    /** The clock slices are measured on (tests give their own, so a slow machine cannot end one early). */
    private readonly nowMs: () => number = () => performance.now(),
  ) {
    if (!Number.isFinite(sliceMs) || sliceMs < SLICE_MS_LIMITS.min || sliceMs > SLICE_MS_LIMITS.max)
      throw new RangeError(
        `sliceMs must be from ${SLICE_MS_LIMITS.min} to ${SLICE_MS_LIMITS.max}, got ${String(sliceMs)}`,
      );
    this.sliceStartedAtMs = nowMs();
  }

  /**
   * Undefined while the slice lasts (no promise, no microtask: the common case costs a clock read);
   * otherwise a promise that resolves after the loop has turned, when a new slice starts.
   */
  turnIfDue(): Promise<void> | undefined {
    if (this.nextTurn === undefined && this.nowMs() - this.sliceStartedAtMs < this.sliceMs) return undefined;
    this.nextTurn ??= new Promise<void>((resolve) =>
      setImmediate(() => {
        this.nextTurn = undefined;
        this.turnsGiven += 1;
        this.sliceStartedAtMs = this.nowMs();
        resolve();
      }),
    );
    return this.nextTurn;
  }
}
