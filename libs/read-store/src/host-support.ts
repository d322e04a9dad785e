/**
 * What both projection hosts keep in the thread that serves queries (ProjectionRunner in process,
 * ProjectionThreadClient for a runner in a worker thread): read-your-writes waits on a committed
 * position, and the leases queries hold on live slots.
 */
import { physicalCollection, type ProjectionDefinition } from './projection';
import type { ProjectionLease } from './projection-host';
import type { ProjectionKey } from './read-store.port';

/** Longest a read-your-writes wait may last, and how many may wait at once. */
export const MAX_WAIT_FOR_POSITION_MS = 60_000;
export const MAX_POSITION_WAITERS = 10_000;
const LEASE_POLL_MS = 10;

interface PositionWaiter {
  position: number;
  finish(reached: boolean): void;
}

/** Waits until `reached(position)`; the host calls `check` whenever the committed position moved. */
export class PositionWaiters {
  private readonly waiters = new Set<PositionWaiter>();

  constructor(private readonly reached: (position: number) => boolean) {}

  /**
   * True once `position` is reached, false when `timeoutMs` (at most MAX_WAIT_FOR_POSITION_MS)
   * passes first or `finishAll` is called; at once when `closed`.
   */
  wait(position: number, timeoutMs: number, closed = false): Promise<boolean> {
    if (!Number.isSafeInteger(position)) {
      return Promise.reject(new RangeError(`position must be an integer, got ${String(position)}`));
    }
    if (!Number.isFinite(timeoutMs) || timeoutMs < 0) {
      return Promise.reject(new RangeError(`timeoutMs must be >= 0, got ${String(timeoutMs)}`));
    }
    if (this.reached(position)) return Promise.resolve(true);
    if (closed) return Promise.resolve(false);
    if (this.waiters.size >= MAX_POSITION_WAITERS) {
      return Promise.reject(new Error(`Too many waiters for projection positions (${MAX_POSITION_WAITERS})`));
    }
    return new Promise<boolean>((resolve) => {
      const waiter: PositionWaiter = {
        position,
        finish: (reached) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(reached);
        },
      };
      const timer = setTimeout(
        () => waiter.finish(this.reached(position)),
        Math.min(timeoutMs, MAX_WAIT_FOR_POSITION_MS),
      );
      this.waiters.add(waiter);
    });
  }

  /** Resolves the waits whose position is reached. */
  check(): void {
    for (const waiter of [...this.waiters]) if (this.reached(waiter.position)) waiter.finish(true);
  }

  /** Resolves every wait now (the host stopped): true where reached, false elsewhere. */
  finishAll(): void {
    for (const waiter of [...this.waiters]) waiter.finish(this.reached(waiter.position));
  }
}

/** How many queries hold each slot. A slot is dropped only once nobody holds it (or a grace time passed). */
export class SlotLeases {
  private readonly held = new Map<string, number>();

  /** A hold on `slot` of `definition` for one query: resolve its collections through it, release it when done. */
  hold(definition: ProjectionDefinition, slot: ProjectionKey): ProjectionLease {
    this.held.set(slot.name, (this.held.get(slot.name) ?? 0) + 1);
    let released = false;
    return {
      slot,
      collection: (logical) => {
        if (!definition.collections.some((spec) => spec.name === logical)) {
          throw new Error(`Projection ${definition.name} has no collection ${logical}`);
        }
        return physicalCollection(slot, logical);
      },
      release: () => {
        if (released) return;
        released = true;
        const left = (this.held.get(slot.name) ?? 1) - 1;
        if (left <= 0) this.held.delete(slot.name);
        else this.held.set(slot.name, left);
      },
    };
  }

  /** Resolves once no query holds `slot`, or after `timeoutMs`. */
  async whenReleased(slot: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((this.held.get(slot) ?? 0) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, LEASE_POLL_MS));
    }
  }
}
