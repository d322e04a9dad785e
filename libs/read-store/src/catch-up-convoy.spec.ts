import { CatchUpConvoy } from './catch-up-convoy';

/** Settles pending promise callbacks, so a waiter that could resolve has resolved. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('CatchUpConvoy', () => {
  it('holds a member that is more than the lead ahead of the slowest until the slowest moves up', async () => {
    const convoy = new CatchUpConvoy(100);
    const fast = {};
    const slow = {};
    convoy.join(slow, -1);
    convoy.join(fast, 500);
    let released = false;
    const waiting = convoy.keepPace(fast, new AbortController().signal).then(() => (released = true));
    await settle();
    expect(released).toBe(false);
    convoy.moved(slow, 300);
    await settle();
    expect(released).toBe(false);
    convoy.moved(slow, 400);
    await waiting;
    expect(released).toBe(true);
  });

  it('never holds the slowest member, nor one that has not joined', async () => {
    const convoy = new CatchUpConvoy(10);
    const slow = {};
    convoy.join(slow, 0);
    convoy.join({}, 1_000);
    await expect(convoy.keepPace(slow, new AbortController().signal)).resolves.toBeUndefined();
    await expect(convoy.keepPace({}, new AbortController().signal)).resolves.toBeUndefined();
  });

  it('releases the member when the slowest leaves (caught up, stopped or failed)', async () => {
    const convoy = new CatchUpConvoy(10);
    const fast = {};
    const slow = {};
    convoy.join(slow, 0);
    convoy.join(fast, 1_000);
    const waiting = convoy.keepPace(fast, new AbortController().signal);
    convoy.leave(slow);
    await expect(waiting).resolves.toBeUndefined();
    expect(convoy.size).toBe(1);
  });

  it('stops waiting when the member is stopped', async () => {
    const convoy = new CatchUpConvoy(10);
    const fast = {};
    convoy.join({}, 0);
    convoy.join(fast, 1_000);
    const controller = new AbortController();
    const waiting = convoy.keepPace(fast, controller.signal);
    controller.abort();
    await expect(waiting).resolves.toBeUndefined();
  });

  it('refuses a lead that is not a positive integer', () => {
    expect(() => new CatchUpConvoy(0)).toThrow(RangeError);
    expect(() => new CatchUpConvoy(1.5)).toThrow(RangeError);
  });
});
