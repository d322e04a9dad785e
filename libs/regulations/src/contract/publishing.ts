/**
 * New versions of a rulebook published through the API (docs/architecture.md, "Published rulebook
 * versions"): a provider sets new prices or changes its terms, and from the version's
 * `effectiveFrom` every act decides under it. A version is made from the latest one with the
 * published data; the publication is recorded as an event with its decision, and the registry of
 * every process that opens the log registers it again, so a decision under it verifies after a
 * restart.
 */
import type { Instant, LocalDate } from '../calendar';
import type { Decision } from '../decision';
import type { RulebookRegistry, RulebookVersion } from '../rulebook';
import { isNotCovered, type ActDetails, type ActOf } from './acts';
import type { TakesDetails } from './enrolment';

export interface VersionPublishingInput {
  version: string;
  effectiveFrom: LocalDate;
  /** Business time of the publication (the announcement). */
  publishedAt: Instant;
  /** The published data, validated by the act's `detailsSchema`. */
  details: ActDetails;
}

export interface VersionPublishingAct extends TakesDetails {
  /**
   * Whether the version may be published so (e.g. announced long enough before it takes effect):
   * the decision to record, or a RuleViolation naming the rule.
   */
  decide(input: VersionPublishingInput): Decision;
  /** The published version: the rules of this version with the published data. */
  build(input: Pick<VersionPublishingInput, 'version' | 'effectiveFrom' | 'details'>): RulebookVersion;
}

/** A published version as the log records it (the event's data). */
export interface RecordedPublication {
  rulebookId: string;
  version: string;
  effectiveFrom: LocalDate;
  /** The version the published one was made from. */
  basedOn: string;
  details: ActDetails;
}

/** The version new versions of a rulebook are made from: the one that takes effect last. */
export function latestVersion(registry: RulebookRegistry, rulebookId: string): RulebookVersion {
  const versions = registry.versions(rulebookId);
  const latest = versions[versions.length - 1];
  if (!latest) throw new Error(`Invariant violated: rulebook ${rulebookId} has no version`);
  return latest;
}

/** The publishing act of a version, or the reason it has none. */
export function publishingActOf(version: RulebookVersion): ActOf<VersionPublishingAct> | undefined {
  return version.acts.publishing;
}

/**
 * Registers a recorded publication in the registry (again, when the log is read at start). A
 * version already registered is left as it is, so reading the log twice changes nothing.
 */
export function registerPublication(registry: RulebookRegistry, publication: RecordedPublication): boolean {
  if (registry.versions(publication.rulebookId).some((v) => v.version === publication.version)) return false;
  const base = registry.exact({ id: publication.rulebookId, version: publication.basedOn });
  const act = publishingActOf(base);
  if (!act || isNotCovered(act))
    throw new Error(
      `Invariant violated: ${publication.rulebookId}@${publication.basedOn} publishes no versions, yet one was recorded`,
    );
  registry.register(
    act.build({ version: publication.version, effectiveFrom: publication.effectiveFrom, details: publication.details }),
  );
  return true;
}
