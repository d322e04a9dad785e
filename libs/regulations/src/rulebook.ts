/**
 * Rulebook registry. A rulebook is versioned data plus decision functions; a decision always uses
 * the version in force at its business date (`rulebookFor`), never "the latest".
 */
import type { WorkingDayCalendar, LocalDate } from './calendar';
import { compareDates, toLocalDate } from './calendar';
import type { Decision, DecisionFunction, JsonValue, RulebookId, RulebookRef } from './decision';
import type { RulebookActs } from './contract/rulebook-acts';

export interface RulebookVersion<TData = unknown> {
  id: RulebookId;
  version: string;
  effectiveFrom: LocalDate;
  /** VAT rate in basis points (2100 = 21 %), 0 where exempt. */
  vatRateBasisPoints: number;
  calendar: WorkingDayCalendar;
  /** Price lists, fee tables, pass marks and parameters of this version. */
  data: TData;
  /** Decision functions by decision kind: `recompute` reproduces a recorded decision with them. */
  decisions: Readonly<Record<string, DecisionFunction>>;
  /** The acts this version decides (the plug-in contract); an area left out is not this book's business. */
  acts: RulebookActs;
}

export class UnknownRulebookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownRulebookError';
  }
}

export class RulebookRegistry {
  private readonly byId = new Map<RulebookId, RulebookVersion[]>();

  register(version: RulebookVersion): this {
    const versions = this.byId.get(version.id) ?? [];
    if (versions.some((v) => v.version === version.version)) {
      throw new Error(`Rulebook ${version.id}@${version.version} registered twice`);
    }
    versions.push(version);
    versions.sort((a, b) => compareDates(a.effectiveFrom, b.effectiveFrom));
    this.byId.set(version.id, versions);
    return this;
  }

  ids(): RulebookId[] {
    return [...this.byId.keys()];
  }

  /** Rulebooks with at least one version that decides acts of an area (e.g. 'enrolment'). */
  idsOffering(area: keyof RulebookActs): RulebookId[] {
    return this.ids().filter((id) => this.versions(id).some((v) => v.acts[area] !== undefined));
  }

  versions(id: RulebookId): readonly RulebookVersion[] {
    const versions = this.byId.get(id);
    if (!versions) throw new UnknownRulebookError(`Unknown rulebook ${id}`);
    return versions;
  }

  /** The version in force on the business date (or instant) given. */
  rulebookFor(id: RulebookId, businessDate: string): RulebookVersion {
    const date = toLocalDate(businessDate);
    const inForce = this.versions(id).filter((v) => compareDates(v.effectiveFrom, date) <= 0);
    const version = inForce[inForce.length - 1];
    if (!version) throw new UnknownRulebookError(`No version of rulebook ${id} is in force on ${date}`);
    return version;
  }

  exact(ref: RulebookRef): RulebookVersion {
    const version = this.versions(ref.id).find((v) => v.version === ref.version);
    if (!version) throw new UnknownRulebookError(`Unknown rulebook version ${ref.id}@${ref.version}`);
    return version;
  }

  /** Recomputes a recorded decision from its inputs under the rulebook version it cites. */
  recompute(decision: Pick<Decision, 'kind' | 'rulebook' | 'inputs'>): Decision {
    const version = this.exact(decision.rulebook);
    const fn = version.decisions[decision.kind];
    if (!fn)
      throw new UnknownRulebookError(`Rulebook ${version.id}@${version.version} has no decision kind ${decision.kind}`);
    return fn(decision.inputs as Record<string, JsonValue>);
  }
}
