/**
 * Recomputes a recorded decision from its recorded inputs under the rulebook version it cites and
 * says, field by field, where the recomputation differs. Pure: the caller supplies the registry.
 */
import { canonicalJson } from '@ledger/event-store';
import type { Decision, RulebookRegistry } from '@ledger/regulations';

export interface DecisionDifference {
  /** Dotted path of the field, e.g. `feeCents` or `deadlines.refundDueDate`. */
  field: string;
  recorded: unknown;
  recomputed: unknown;
}

export interface DecisionVerification {
  decisionId: string;
  matches: boolean;
  recorded: Decision;
  /** Null when the decision could not be recomputed (see `error`). */
  recomputed: Decision | null;
  differences: DecisionDifference[];
  /** Why recomputation failed: unknown rulebook version or kind, or the rules now refuse the inputs. */
  error?: { error: string; message: string; ruleId?: string };
}

/** Fields that are not the rulebook's output: the id is assigned when the decision is recorded. */
const NOT_RECOMPUTED = new Set(['decisionId']);
const MAX_DIFFERENCES = 100;

export function verifyDecision(
  registry: RulebookRegistry,
  recorded: Decision,
  decisionId = recorded.decisionId ?? '',
): DecisionVerification {
  let recomputed: Decision;
  try {
    recomputed = registry.recompute({ kind: recorded.kind, rulebook: recorded.rulebook, inputs: recorded.inputs });
  } catch (error) {
    const failure = error as Error & { error?: string; ruleId?: string };
    const code =
      failure.name === 'UnknownRulebookError'
        ? 'UNKNOWN_RULEBOOK'
        : failure.name === 'RuleViolation'
          ? (failure.error ?? 'RULE_VIOLATION')
          : 'RECOMPUTE_FAILED';
    return {
      decisionId,
      matches: false,
      recorded,
      recomputed: null,
      differences: [],
      error: { error: code, message: failure.message, ...(failure.ruleId ? { ruleId: failure.ruleId } : {}) },
    };
  }
  // Recorded decisions went through JSON; compare like with like.
  const normalised = JSON.parse(JSON.stringify(recomputed)) as Decision;
  const differences: DecisionDifference[] = [];
  const keys = new Set(
    [...Object.keys(recorded), ...Object.keys(normalised)].filter((key) => !NOT_RECOMPUTED.has(key)),
  );
  for (const key of [...keys].sort()) {
    diff(
      key,
      (recorded as unknown as Record<string, unknown>)[key],
      (normalised as unknown as Record<string, unknown>)[key],
      differences,
    );
  }
  return { decisionId, matches: differences.length === 0, recorded, recomputed: normalised, differences };
}

function diff(path: string, recorded: unknown, recomputed: unknown, out: DecisionDifference[]): void {
  if (out.length >= MAX_DIFFERENCES) return;
  if (isPlainObject(recorded) && isPlainObject(recomputed)) {
    for (const key of [...new Set([...Object.keys(recorded), ...Object.keys(recomputed)])].sort())
      diff(`${path}.${key}`, recorded[key], recomputed[key], out);
    return;
  }
  if (!sameJson(recorded, recomputed))
    out.push({ field: path, recorded: recorded ?? null, recomputed: recomputed ?? null });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Both sides went through JSON; a field absent on one side differs even from a null on the other. */
function sameJson(recorded: unknown, recomputed: unknown): boolean {
  if (recorded === undefined || recomputed === undefined) return recorded === recomputed;
  return canonicalJson(recorded) === canonicalJson(recomputed);
}
