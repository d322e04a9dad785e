import { scheduledCommands, type Deadline } from '@ledger/domain';
import { scheduledCommandClasses } from '@ledger/application';

/** A body that has every field a route reads (as a date-like string), so each route builds its command. */
const BODY = new Proxy({} as Record<string, string>, {
  get: (_, key) => (typeof key === 'string' ? '2026-06-01' : undefined),
  has: () => true,
});

describe('scheduled commands', () => {
  it('given every command a deadline can fire, then the type it builds has a command class the scheduler sends it as', () => {
    const types = Object.entries(scheduledCommands).map(([name, route]) => {
      const deadline: Deadline = {
        deadlineId: `x:${name}`,
        dueAt: '2026-06-01T00:00:00+02:00',
        kind: name,
        streamId: 's1',
        command: { name, body: BODY },
      };
      return (route(BODY, deadline).command as { type: string }).type;
    });
    expect(types.length).toBeGreaterThan(5);
    expect(types.filter((type) => scheduledCommandClasses[type] === undefined)).toEqual([]);
  });

  it('given a command type without a class, then it is reported (the check can fail)', () => {
    expect(['NoSuchScheduledCommand'].filter((type) => scheduledCommandClasses[type] === undefined)).toEqual([
      'NoSuchScheduledCommand',
    ]);
  });
});
