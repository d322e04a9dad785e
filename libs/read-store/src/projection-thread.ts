/**
 * Projections in a worker thread (D53). The runner in the thread follows the log through its own
 * connections and commits the read models; the main thread keeps what queries need at hand:
 * the live slot of each projection, the position every projection has committed (for
 * read-your-writes waits) and the leases of queries in flight. Everything else is a call across.
 *
 *   main thread: ProjectionThreadClient (a ProjectionHost)  <-- messages -->  serveProjectionRunner
 *
 * Messages on one port arrive in the order they were sent, so a query that took a lease on a slot
 * before the main thread learnt of a switch is counted before the thread asks whether the old
 * slot is still held.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import type { MessagePort, Worker } from 'node:worker_threads';
import { PositionWaiters, SlotLeases } from './host-support';
import type { ProjectionDefinition } from './projection';
import type { ProjectionHost, ProjectionLease, ProjectionStatus, VerifyInScratchOptions } from './projection-host';
import {
  RebuildInProgressError,
  UnknownProjectionError,
  type ProjectionVerification,
  type RebuildResult,
  type VerifyProgress,
} from './projection-rebuild';
import type { LiveSlot, ProjectionRunner } from './projection-runner';
import type { ProjectionKey } from './read-store.port';
import { describeError, type ProjectionRunnerLogger, type ProjectionRunnerOptions } from './runner-support';

/** Calls across at once (each answered or failed when the thread ends). */
const MAX_PENDING_CALLS = 1_000;
/** How long a closing thread may take to stop its runner and close its storage. */
const CLOSE_TIMEOUT_MS = 10_000;

type CallMethod = 'start' | 'stop' | 'close' | 'status' | 'rebuild' | 'rebuildFromZero' | 'verifyInScratch';

type ToThread =
  | { kind: 'call'; id: number; method: CallMethod; args: unknown[] }
  | { kind: 'released'; id: number }
  /** The main thread appended: wake the thread's subscriptions now rather than at their next poll. */
  | { kind: 'appended' };

interface SerializedError {
  name: string;
  message: string;
  projection?: string;
}

type FromThread =
  | { kind: 'reply'; id: number; ok: true; value: unknown }
  | { kind: 'reply'; id: number; ok: false; error: SerializedError }
  | { kind: 'progress'; id: number; progress: VerifyProgress }
  | { kind: 'state'; committed: number | undefined; slots: LiveSlot[] }
  | { kind: 'whenReleased'; id: number; slot: string; timeoutMs: number }
  /** The thread's runner logs through the main thread's logger (one structured log per process). */
  | { kind: 'log'; level: keyof ProjectionRunnerLogger; message: string }
  | { kind: 'failed'; message: string };

/** What the thread's runner gets from serveProjectionRunner, to pass into its options. */
export type ThreadRunnerHooks = Required<
  Pick<ProjectionRunnerOptions, 'whenReleasedElsewhere' | 'onChange' | 'logger' | 'ownerId'>
>;

/** What a projection thread is started with (its workerData holds it). */
export interface ProjectionThreadIdentity {
  /**
   * The writer-lease owner of the thread's runner, the same for every thread one client starts:
   * a thread started again after a crash takes its predecessor's leases over at once.
   */
  ownerId: string;
}

export interface ServedRunner {
  identity: ProjectionThreadIdentity;
  /** Builds the thread's runner with these hooks in its options. */
  build: (hooks: ThreadRunnerHooks) => ProjectionRunner;
  /** The main thread appended: wake the thread's log subscriptions. */
  onAppended: () => void;
  /** Closes what the thread opened (its storage), after the runner stopped. */
  close: () => Promise<void>;
}

/**
 * The worker thread's side: builds the runner with the hooks that report to the main thread and
 * answers the main thread's calls; on `close` it stops, closes its storage and lets the thread end.
 */
export async function serveProjectionRunner(port: MessagePort, served: ServedRunner): Promise<void> {
  const { identity, build, onAppended } = served;
  const send = (message: FromThread): void => port.postMessage(message);
  const log =
    (level: keyof ProjectionRunnerLogger) =>
    (message: string): void =>
      send({ kind: 'log', level, message });
  const releases = new Map<number, () => void>();
  let nextReleaseId = 0;
  let stateQueued = false;
  // Called only once build() has returned (on commits and switches), so `runner` is set by then.
  const sendState = (): void =>
    send({ kind: 'state', committed: runner.committedPosition(), slots: runner.liveSlots() });
  const runner = build({
    ownerId: identity.ownerId,
    logger: { log: log('log'), warn: log('warn'), error: log('error') },
    whenReleasedElsewhere: (slot, timeoutMs) =>
      new Promise<void>((resolve) => {
        const id = nextReleaseId++;
        releases.set(id, resolve);
        send({ kind: 'whenReleased', id, slot, timeoutMs });
      }),
    // Commits and switches come in bursts: one report after each burst is enough.
    onChange: () => {
      if (stateQueued) return;
      stateQueued = true;
      queueMicrotask(() => {
        stateQueued = false;
        sendState();
      });
    },
  });
  port.on('message', (message: ToThread) => {
    if (message.kind === 'appended') onAppended();
    else if (message.kind === 'released') {
      releases.get(message.id)?.();
      releases.delete(message.id);
    } else
      void answer(runner, message, send, served.close).then(() => {
        // Nothing else keeps the thread alive once its runner stopped and its storage closed.
        if (message.method === 'close') port.close();
      });
  });
  await runner.ready();
  sendState();
}

async function answer(
  runner: ProjectionRunner,
  call: Extract<ToThread, { kind: 'call' }>,
  send: (message: FromThread) => void,
  closeStorage: () => Promise<void>,
): Promise<void> {
  try {
    const value = await invoke(
      runner,
      call,
      (progress) => send({ kind: 'progress', id: call.id, progress }),
      closeStorage,
    );
    send({ kind: 'reply', id: call.id, ok: true, value });
  } catch (error) {
    send({ kind: 'reply', id: call.id, ok: false, error: serializeError(error) });
  }
}

function invoke(
  runner: ProjectionRunner,
  call: Extract<ToThread, { kind: 'call' }>,
  onProgress: (progress: VerifyProgress) => void,
  closeStorage: () => Promise<void>,
): Promise<unknown> | unknown {
  const [first, second] = call.args;
  switch (call.method) {
    case 'start':
      return runner.start();
    case 'stop':
      return runner.stop();
    case 'close':
      return runner.stop().then(closeStorage);
    case 'status':
      return runner.status();
    case 'rebuild':
      return runner.rebuild(first as string, (second ?? {}) as { followTimeoutMs?: number });
    case 'rebuildFromZero':
      return runner.rebuildFromZero(first as ProjectionKey);
    case 'verifyInScratch':
      return runner.verifyInScratch({ ...(first as Omit<VerifyInScratchOptions, 'onProgress'>), onProgress });
  }
}

function serializeError(error: unknown): SerializedError {
  if (error instanceof UnknownProjectionError || error instanceof RebuildInProgressError) {
    return { name: error.name, message: error.message, projection: error.projection };
  }
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

/** The same error classes as in the thread, so callers tell them apart as they would in process. */
function deserializeError(error: SerializedError): Error {
  if (error.name === 'UnknownProjectionError' && error.projection !== undefined) {
    return new UnknownProjectionError(error.projection);
  }
  if (error.name === 'RebuildInProgressError' && error.projection !== undefined) {
    return new RebuildInProgressError(error.projection);
  }
  const revived = new Error(error.message);
  revived.name = error.name;
  return revived;
}

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (progress: VerifyProgress) => void;
}

export interface ProjectionThreadOptions {
  /** Starts a thread that runs serveProjectionRunner with `identity` (again after it ended unasked). */
  spawn: (identity: ProjectionThreadIdentity) => Worker;
  projections: readonly ProjectionDefinition[];
  /** Wait before starting a thread that ended unasked again: doubles from initialMs up to maxMs. */
  restartBackoff?: { initialMs?: number; maxMs?: number };
  logger?: ProjectionRunnerLogger;
}

/**
 * The main thread's side: a ProjectionHost whose runner lives in a worker thread. A thread that
 * ends unasked (a crash) is started again after a growing wait and resumes from its checkpoints;
 * calls in flight fail, waits go on. A thread that ends before it was ever ready fails `ready()`:
 * the server does not start without its projections.
 */
export class ProjectionThreadClient implements ProjectionHost {
  private readonly logger: ProjectionRunnerLogger;
  private readonly identity: ProjectionThreadIdentity = {
    ownerId: `${hostname()}:${process.pid}:projection-thread:${randomUUID()}`,
  };
  private readonly calls = new Map<number, PendingCall>();
  private readonly waiters = new PositionWaiters((position) => this.reached(position));
  private readonly leases = new SlotLeases();
  private readonly liveSlots = new Map<string, ProjectionKey>();
  private readonly initialRestartMs: number;
  private readonly maxRestartMs: number;
  private restartMs: number;
  private restartTimer: NodeJS.Timeout | undefined;
  private committed: number | undefined;
  private nextCallId = 0;
  /** The thread running now, and whether it has reported ready; undefined while restarting. */
  private worker: Worker | undefined;
  private workerReady = false;
  private exited: Promise<void> = Promise.resolve();
  private started = false;
  private closed = false;
  private everReady = false;
  private readonly readyPromise: Promise<void>;
  private markReady: () => void = () => undefined;
  private failReady: (error: Error) => void = () => undefined;

  constructor(private readonly options: ProjectionThreadOptions) {
    this.logger = options.logger ?? new Logger('ProjectionThread');
    this.initialRestartMs = options.restartBackoff?.initialMs ?? 1_000;
    this.maxRestartMs = options.restartBackoff?.maxMs ?? 60_000;
    this.restartMs = this.initialRestartMs;
    this.readyPromise = new Promise<void>((resolve, reject) => {
      this.markReady = resolve;
      this.failReady = reject;
    });
    // A rejection nobody awaited yet must not end the process: callers see it when they ask.
    this.readyPromise.catch(() => undefined);
    this.spawnThread();
  }

  /** Resolves once the first thread knows its live slots; rejects if it ended first. */
  ready(): Promise<void> {
    return this.readyPromise;
  }

  /** Tells the thread the log grew, so its projections read on at once. */
  appended(): void {
    if (this.workerReady) this.worker?.postMessage({ kind: 'appended' } satisfies ToThread);
  }

  start(): void {
    this.started = true;
    if (this.workerReady) this.startThreadRunner();
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.workerReady) await this.call('stop', []);
  }

  /** Stops the projections, closes the thread's storage and ends the thread. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.started = false;
      clearTimeout(this.restartTimer);
      const worker = this.worker;
      if (worker !== undefined && !this.workerReady) {
        // Still starting: its runner has not started, so it holds no writer lease and has written nothing.
        await worker.terminate();
      } else if (worker !== undefined) {
        // A thread that does not close in time is ended: its SQLite connections roll back, as in a crash.
        const cutOff = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
        await this.call('close', []).catch((error: unknown) =>
          this.logger.error(`The projection thread did not close: ${describeError(error)}`),
        );
        await this.exited;
        clearTimeout(cutOff);
      }
    }
    await this.exited;
    this.waiters.finishAll();
  }

  waitForPosition(position: number, timeoutMs: number): Promise<boolean> {
    return this.waiters.wait(position, timeoutMs, this.closed);
  }

  status(): Promise<ProjectionStatus[]> {
    return this.call('status', []) as Promise<ProjectionStatus[]>;
  }

  definitions(): ProjectionDefinition[] {
    return [...this.options.projections];
  }

  async lease(name: string): Promise<ProjectionLease> {
    await this.readyPromise;
    const definition = this.options.projections.find((candidate) => candidate.name === name);
    const slot = this.liveSlots.get(name);
    if (definition === undefined || slot === undefined) throw new UnknownProjectionError(name);
    return this.leases.hold(definition, slot);
  }

  rebuild(name: string, options: { followTimeoutMs?: number } = {}): Promise<RebuildResult> {
    return this.call('rebuild', [name, options]) as Promise<RebuildResult>;
  }

  async rebuildFromZero(projection: ProjectionKey): Promise<void> {
    await this.call('rebuildFromZero', [{ name: projection.name, version: projection.version }]);
  }

  verifyInScratch(options: VerifyInScratchOptions): Promise<ProjectionVerification[]> {
    const { onProgress, ...across } = options;
    return this.call('verifyInScratch', [across], onProgress) as Promise<ProjectionVerification[]>;
  }

  private call(method: CallMethod, args: unknown[], onProgress?: (progress: VerifyProgress) => void): Promise<unknown> {
    const worker = this.worker;
    if (worker === undefined || !this.workerReady) {
      return Promise.reject(new Error('The projection thread is not running (it is starting again)'));
    }
    if (this.calls.size >= MAX_PENDING_CALLS) {
      return Promise.reject(new Error(`Too many calls to the projection thread (${MAX_PENDING_CALLS})`));
    }
    const id = this.nextCallId++;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject, ...(onProgress ? { onProgress } : {}) });
      worker.postMessage({ kind: 'call', id, method, args } satisfies ToThread);
    });
  }

  private onMessage(message: Exclude<FromThread, { kind: 'state' }>): void {
    switch (message.kind) {
      case 'reply': {
        const pending = this.calls.get(message.id);
        this.calls.delete(message.id);
        if (message.ok) pending?.resolve(message.value);
        else pending?.reject(deserializeError(message.error));
        return;
      }
      case 'progress':
        this.calls.get(message.id)?.onProgress?.(message.progress);
        return;
      case 'whenReleased':
        void this.leases
          .whenReleased(message.slot, message.timeoutMs)
          .then(() => this.worker?.postMessage({ kind: 'released', id: message.id } satisfies ToThread));
        return;
      case 'log':
        this.logger[message.level](message.message);
        return;
      case 'failed':
        this.logger.error(message.message);
        return;
    }
  }

  private reached(position: number): boolean {
    return position < 0 || (this.committed !== undefined && this.committed >= position);
  }

  private spawnThread(): void {
    this.restartTimer = undefined;
    const worker = this.options.spawn(this.identity);
    this.worker = worker;
    this.workerReady = false;
    worker.on('message', (message: FromThread) => {
      if (worker !== this.worker) return;
      if (message.kind === 'state') this.onState(message);
      else this.onMessage(message);
    });
    worker.on('error', (error) => this.logger.error(`The projection thread failed: ${error.message}`));
    this.exited = new Promise((resolve) =>
      worker.once('exit', (code) => {
        this.onExit(worker, code);
        resolve();
      }),
    );
  }

  private onState(state: Extract<FromThread, { kind: 'state' }>): void {
    this.committed = state.committed;
    this.liveSlots.clear();
    for (const { projection, slot } of state.slots) this.liveSlots.set(projection, slot);
    if (!this.workerReady) {
      this.workerReady = true;
      this.everReady = true;
      this.restartMs = this.initialRestartMs;
      this.markReady();
      if (this.started) this.startThreadRunner();
    }
    this.waiters.check();
  }

  private startThreadRunner(): void {
    this.call('start', []).catch((error: unknown) =>
      this.logger.error(`Projections did not start: ${describeError(error)}`),
    );
  }

  private onExit(worker: Worker, code: number): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    this.workerReady = false;
    const error = new Error(`The projection thread ended (exit code ${code})`);
    for (const pending of this.calls.values()) pending.reject(error);
    this.calls.clear();
    // Closed or failed before it was ever ready: nobody will be served, so nobody waits for it.
    if (!this.everReady) this.failReady(error);
    if (this.closed) return;
    if (!this.everReady) {
      this.closed = true;
      this.waiters.finishAll();
      return;
    }
    this.logger.error(`${error.message}; starting it again in ${this.restartMs} ms`);
    this.restartTimer = setTimeout(() => this.spawnThread(), this.restartMs);
    this.restartMs = Math.min(this.restartMs * 2, this.maxRestartMs);
  }
}
