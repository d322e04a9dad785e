/**
 * What the rest of the ledger asks of the projections: the port. ProjectionRunner answers it in
 * this thread; ProjectionThreadClient (projection-thread.ts) answers it for a runner in a worker
 * thread, so the projections' work leaves the event loop that serves requests.
 */
import type { ProjectionDefinition } from './projection';
import type { ProjectionVerification, RebuildResult, RebuildStatus, VerifyProgress } from './projection-rebuild';
import type { ProjectionKey } from './read-store.port';
import type { ProjectionState } from './runner-support';

export interface ProjectionStatus {
  name: string;
  version: number;
  /** Last committed position, -1 before the first commit. */
  position: number;
  /** Newest position in the log, -1 when empty. */
  headPosition: number;
  /** headPosition - position, in log positions (on EventStoreDB not a count of events). */
  lag: number;
  deadLetters: number;
  state: ProjectionState;
  /** The live slot, when it is not generation 0. */
  slot?: string;
  /** The blue/green rebuild under way or last finished. */
  rebuild?: RebuildStatus;
}

/** A query's hold on a projection's live slot: the slot is not dropped while it is held. */
export interface ProjectionLease {
  readonly slot: ProjectionKey;
  collection(logical: string): string;
  release(): void;
}

export interface VerifyInScratchOptions {
  /** An embedded SQLite file for the from-zero rebuild, in a private directory the caller removes. */
  scratchFile: string;
  names?: readonly string[];
  onProgress?: (progress: VerifyProgress) => void;
}

export interface ProjectionHost {
  /** Starts every projection in the background. */
  start(): void;
  /** Stops every projection; uncommitted work is replayed on the next start. */
  stop(): Promise<void>;
  /** Stops for good and lets go of what the host holds (a worker thread). */
  close(): Promise<void>;
  /** Read-your-writes: true once every live projection has committed up to `position`. */
  waitForPosition(position: number, timeoutMs: number): Promise<boolean>;
  status(): Promise<ProjectionStatus[]>;
  definitions(): ProjectionDefinition[];
  lease(name: string): Promise<ProjectionLease>;
  /** Blue/green rebuild of one projection (ProjectionRunner.rebuild). */
  rebuild(name: string, options?: { followTimeoutMs?: number }): Promise<RebuildResult>;
  /** Drops and replays one projection version in place (ProjectionRunner.rebuildFromZero). */
  rebuildFromZero(projection: ProjectionKey): Promise<void>;
  /** Compares the live slots with a from-zero rebuild into a scratch file (ProjectionRunner.verify). */
  verifyInScratch(options: VerifyInScratchOptions): Promise<ProjectionVerification[]>;
}
