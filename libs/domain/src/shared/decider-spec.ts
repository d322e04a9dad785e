/**
 * Given/when/then for deciders (as in emmett's DeciderSpecification): given past events, when a
 * command, then the new events or the error. Test-only helper; pure, no storage involved.
 */
import { createRulebookRegistry } from '@ledger/regulations';
import type { DecideContext, Decider, DomainEvent } from './decider';

const defaultContext = (): DecideContext => ({
  rulebooks: createRulebookRegistry(),
  recordedAt: '2026-01-01T00:00:00.000Z',
});

export function deciderSpec<TCommand, TEvent extends DomainEvent, TState>(decider: Decider<TCommand, TEvent, TState>) {
  return {
    given(events: TEvent[]) {
      return {
        when(command: TCommand, ctx: DecideContext = defaultContext()) {
          const run = () => {
            const state = events.reduce((s, e) => decider.evolve(s, e), decider.initialState());
            return decider.decide(command, state, ctx);
          };
          return {
            then(expected: TEvent[] | ((events: TEvent[]) => void)) {
              const produced = run();
              if (typeof expected === 'function') expected(produced);
              else expect(produced).toEqual(expected);
            },
            thenThrows(expected: Partial<{ error: string; ruleId: string; status: number }>) {
              let thrown: unknown;
              try {
                run();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeDefined();
              expect(thrown).toMatchObject(expected);
            },
          };
        },
      };
    },
  };
}
