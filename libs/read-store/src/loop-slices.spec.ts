import { LoopSlices } from './loop-slices';

/** A clock the test moves by hand: a slice ends when the test says so, however slow the machine. */
function manualClock(): { now: () => number; advance(ms: number): void } {
  let nowMs = 0;
  return { now: () => nowMs, advance: (ms) => void (nowMs += ms) };
}

describe('LoopSlices', () => {
  it('lets work go on without a promise while the slice lasts', () => {
    const clock = manualClock();
    const slices = new LoopSlices(50, clock.now);
    expect(slices.turnIfDue()).toBeUndefined();
    clock.advance(49);
    expect(slices.turnIfDue()).toBeUndefined();
    expect(slices.turnsGiven).toBe(0);
  });

  it('once the slice is used up, resumes work only after the event loop has run what was waiting', async () => {
    const clock = manualClock();
    const slices = new LoopSlices(2, clock.now);
    clock.advance(3);
    const order: string[] = [];
    // Queued before the turn is asked for, as an I/O callback or an earlier immediate would be.
    setImmediate(() => order.push('waiting'));
    const turn = slices.turnIfDue();
    expect(turn).toBeInstanceOf(Promise);
    await turn;
    order.push('worker');
    expect(order).toEqual(['waiting', 'worker']);
    expect(slices.turnsGiven).toBe(1);
    // A new slice starts with the turn.
    expect(slices.turnIfDue()).toBeUndefined();
  });

  it('is one slice for all workers: those asking while a turn is pending wait for the same turn', async () => {
    const clock = manualClock();
    const slices = new LoopSlices(1, clock.now);
    clock.advance(2);
    const first = slices.turnIfDue();
    const second = slices.turnIfDue();
    expect(first).toBeDefined();
    expect(second).toBe(first);
    await Promise.all([first, second]);
    expect(slices.turnsGiven).toBe(1);
  });

  it('refuses a slice outside 1 to 1,000 ms', () => {
    expect(() => new LoopSlices(0)).toThrow(RangeError);
    expect(() => new LoopSlices(1_001)).toThrow(RangeError);
    expect(() => new LoopSlices(Number.NaN)).toThrow(RangeError);
  });
});
