/**
 * Publishing a rulebook version: the version that took effect last decides whether the new one may
 * be published so (its publishing act names the rule), and the new one must take effect after it,
 * so the version in force on any date already decided under stays the same.
 */
import {
  ActInputError,
  compareDates,
  isNotCovered,
  latestVersion,
  publishingActOf,
  type RecordedPublication,
} from '@ledger/regulations';
import { DomainError, invariant, type DecideContext, type Decider, type SnapshotSpec } from '../shared/decider';
import type { PublishRulebookVersion, RulebookVersionCommand } from './commands';
import { rulebookVersionStreamId, type RulebookVersionEvent, type RulebookVersionPublished } from './events';

/** Names of the versions published through the ledger (the built-in ones live in the registry). */
export interface RulebookVersionState {
  publishedVersions: string[];
}

const SNAPSHOT: SnapshotSpec = { name: 'rulebook-version', version: 1 };

export function evolveRulebookVersions(state: RulebookVersionState, event: RulebookVersionEvent): RulebookVersionState {
  invariant(!state.publishedVersions.includes(event.data.version), 'a version is published once');
  return { publishedVersions: [...state.publishedVersions, event.data.version] };
}

function decidePublication(
  command: PublishRulebookVersion,
  state: RulebookVersionState,
  ctx: DecideContext,
): RulebookVersionPublished[] {
  const { rulebookId, version, effectiveFrom, publishedAt, details } = command;
  const latest = latestVersion(ctx.rulebooks, rulebookId);
  const act = publishingActOf(latest);
  if (!act || isNotCovered(act)) {
    const field = Object.keys(details)[0];
    if (field !== undefined) throw new ActInputError(field, `field ${field} does not apply to this rulebook`);
    throw new DomainError(
      act?.error ?? 'VERSION_PUBLISHING_NOT_COVERED',
      422,
      act?.message ?? `Rulebook ${rulebookId} publishes no versions through the API`,
      act?.ruleId,
    );
  }
  if (
    state.publishedVersions.includes(version) ||
    ctx.rulebooks.versions(rulebookId).some((v) => v.version === version)
  )
    throw new DomainError('RULEBOOK_VERSION_EXISTS', 409, `Rulebook ${rulebookId} already has a version ${version}`);
  if (compareDates(effectiveFrom, latest.effectiveFrom) <= 0)
    throw new DomainError(
      'VERSION_NOT_AFTER_LATEST',
      409,
      `Version ${version} must take effect after ${latest.version} (in force from ${latest.effectiveFrom}): ` +
        'decisions already recorded were made under the version in force on their dates',
    );
  const decision = act.decide({ version, effectiveFrom, publishedAt, details });
  return [
    {
      type: 'RulebookVersionPublished',
      data: { rulebookId, version, effectiveFrom, basedOn: latest.version, publishedAt, details, decision },
    },
  ];
}

/** What the registry needs to register a recorded publication (again). */
export const publicationOf = (event: RulebookVersionPublished): RecordedPublication => ({
  rulebookId: event.data.rulebookId,
  version: event.data.version,
  effectiveFrom: event.data.effectiveFrom,
  basedOn: event.data.basedOn,
  details: event.data.details,
});

export const rulebookVersionDecider: Decider<RulebookVersionCommand, RulebookVersionEvent, RulebookVersionState> = {
  streamIdOf: (command) => rulebookVersionStreamId(command.rulebookId),
  initialState: () => ({ publishedVersions: [] }),
  evolve: evolveRulebookVersions,
  decide: (command, state, ctx) => decidePublication(command, state, ctx),
  snapshot: SNAPSHOT,
};
