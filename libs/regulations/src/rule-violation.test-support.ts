/** Test helper: runs `fn` and returns the RuleViolation it throws (any other outcome fails the test). */
import { RuleViolation } from './decision';

export function violation(fn: () => unknown): RuleViolation {
  try {
    fn();
  } catch (e) {
    if (e instanceof RuleViolation) return e;
    throw e;
  }
  throw new Error('expected a RuleViolation');
}
