/**
 * Test helper (not a spec, no jest globals so the build compiles it): recomputing a decision from
 * its JSON-round-tripped record must give the identical decision.
 */
import { deepStrictEqual } from 'node:assert';
import type { Decision, JsonValue } from '../../../decision';
import type { RulebookRegistry } from '../../../rulebook';

export function expectRecomputesIdentically(registry: RulebookRegistry, decision: Decision): void {
  const recorded = JSON.parse(JSON.stringify(decision)) as Decision;
  const recomputed = registry.recompute({
    kind: recorded.kind,
    rulebook: recorded.rulebook,
    inputs: recorded.inputs as Record<string, JsonValue>,
  });
  deepStrictEqual(
    JSON.parse(JSON.stringify(recomputed)),
    recorded,
    `decision ${decision.kind} does not recompute identically`,
  );
  deepStrictEqual(recomputed, decision, `decision ${decision.kind} does not recompute identically`);
}
