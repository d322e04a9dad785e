/**
 * Runs tasks with the same key one after another, tasks with different keys concurrently. An
 * entry lives only while its key has work queued, so the map never outgrows the work in flight,
 * and a key's queue is bounded: a request that would wait behind MAX_QUEUED_PER_KEY others (a hot
 * stream under a flood) is refused at once, as the event store refuses appends when its write
 * queue is full, instead of holding memory and a connection for as long as the queue takes.
 */
export const MAX_QUEUED_PER_KEY = 1_000;

/** 503: retrying the same command later is safe (the pipeline recognises what was recorded). */
export class KeyQueueFullError extends Error {
  readonly code = 'KEY_QUEUE_FULL';
  constructor(
    readonly key: string,
    readonly queued: number,
  ) {
    super(`${queued} tasks are already queued for ${key}; retry later`);
    this.name = 'KeyQueueFullError';
  }
}

interface KeyQueue {
  /** Settles when the last task queued so far has. */
  tail: Promise<unknown>;
  /** Tasks queued or running. */
  queued: number;
}

const ignore = () => undefined;

export class KeyedMutex {
  private readonly queues = new Map<string, KeyQueue>();

  constructor(private readonly maxQueuedPerKey = MAX_QUEUED_PER_KEY) {
    if (!Number.isSafeInteger(maxQueuedPerKey) || maxQueuedPerKey < 1)
      throw new RangeError(`maxQueuedPerKey must be a positive integer, not ${maxQueuedPerKey}`);
  }

  /** Keys with work queued or running (for tests and metrics). */
  get activeKeys(): number {
    return this.queues.size;
  }

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const queue = this.queues.get(key) ?? { tail: Promise.resolve(), queued: 0 };
    if (queue.queued >= this.maxQueuedPerKey) return Promise.reject(new KeyQueueFullError(key, queue.queued));
    const result = queue.tail.then(task, task);
    const tail = result.then(ignore, ignore);
    queue.tail = tail;
    queue.queued++;
    this.queues.set(key, queue);
    void tail.then(() => {
      queue.queued--;
      if (queue.queued === 0) this.queues.delete(key);
    });
    return result;
  }
}
