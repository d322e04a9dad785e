import { KeyedMutex } from './keyed-mutex';

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
});
