import { KeyedMutex, KeyQueueFullError } from './keyed-mutex';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedMutex', () => {
  it('runs tasks of one key strictly one after another, in arrival order', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([
      mutex.run('a', task('1')),
      mutex.run('a', task('2')),
      mutex.run('a', task('3')),
    ]);
    expect(results).toEqual(['1', '2', '3']);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('lets different keys interleave, survives a failing task, and forgets idle keys', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const failing = mutex.run('a', async () => {
      log.push('a1');
      await tick();
      throw new Error('boom');
    });
    const other = mutex.run('b', async () => {
      log.push('b1');
      return 'b';
    });
    const after = mutex.run('a', async () => 'a2');
    await expect(failing).rejects.toThrow('boom');
    expect(await other).toBe('b');
    expect(await after).toBe('a2');
    expect(log).toEqual(['a1', 'b1']);
    await tick();
    expect(mutex.activeKeys).toBe(0);
  });

  it('refuses a task that would wait behind the limit, at once, and takes the key again once the queue drains', async () => {
    const mutex = new KeyedMutex(3);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const queued = [
      mutex.run('hot', () => gate.then(() => 1)),
      mutex.run('hot', async () => 2),
      mutex.run('hot', async () => 3),
    ];
    const refused = mutex.run('hot', async () => 4);
    await expect(refused).rejects.toBeInstanceOf(KeyQueueFullError);
    await expect(refused).rejects.toMatchObject({ code: 'KEY_QUEUE_FULL', key: 'hot', queued: 3 });
    // Other keys are not held back by a full one.
    expect(await mutex.run('cold', async () => 'cold')).toBe('cold');
    release();
    expect(await Promise.all(queued)).toEqual([1, 2, 3]);
    await tick();
    expect(mutex.activeKeys).toBe(0);
    expect(await mutex.run('hot', async () => 5)).toBe(5);
  });

  it('counts a running task against the limit until it settles, failed or not', async () => {
    const mutex = new KeyedMutex(1);
    const failing = mutex.run('k', async () => {
      await tick();
      throw new Error('boom');
    });
    await expect(mutex.run('k', async () => 'second')).rejects.toBeInstanceOf(KeyQueueFullError);
    await expect(failing).rejects.toThrow('boom');
    await tick();
    expect(await mutex.run('k', async () => 'after')).toBe('after');
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new KeyedMutex(0)).toThrow(RangeError);
    expect(() => new KeyedMutex(1.5)).toThrow(RangeError);
  });
});
