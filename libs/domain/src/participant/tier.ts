/**
 * The participant's licence state as of a date: each licence's status and term, and the tier and
 * rate in force then as the participant's rulebook reads its history (its licence acts). Pure; the
 * licence-state projection and the as-of query share it with the decider's fold.
 */
import { compareDates, type LocalDate, type RulebookVersion } from '@ledger/regulations';
import { activeCountAtOpeningOf, activeCountIndexOf } from './active-count';
import { isActiveOn, type LicenceRecord } from './state';

/** What the tier rules need of a participant's history. */
export interface TierHistory {
  invoiceAnchor: LocalDate | null;
  /** Active licences found at each evaluated invoice date (TierEvaluated). */
  evaluations: Readonly<Record<LocalDate, number>>;
  surchargeDates: readonly LocalDate[];
}

export type LicenceStatus = 'active' | 'expired' | 'revoked';

export interface LicenceView {
  licenceId: string;
  learnerId: string;
  startsOn: LocalDate;
  /** End of the term running on the as-of date. */
  expiresOn: LocalDate;
  status: LicenceStatus;
  /** Renews at `expiresOn` unless marked not-to-renew. */
  renews: boolean;
  revokedOn: LocalDate | null;
}

export interface LicenceStateView {
  participantId: string;
  asOf: LocalDate;
  activeCount: number;
  tier: string;
  rateCents: number;
  /** The invoice date in use (null before it is agreed or anchored). */
  invoiceDate: LocalDate | null;
  nextInvoiceDate: LocalDate | null;
  rulebook: { id: string; version: string };
  licences: LicenceView[];
}

function termOn(licence: LicenceRecord, on: LocalDate): LocalDate {
  let expiresOn = licence.terms[0]?.expiresOn ?? licence.expiresOn;
  for (const term of licence.terms) if (compareDates(term.startsOn, on) <= 0) expiresOn = term.expiresOn;
  return expiresOn;
}

function statusOn(licence: LicenceRecord, on: LocalDate): LicenceStatus {
  if (licence.revokedOn !== null && compareDates(licence.revokedOn, on) <= 0) return 'revoked';
  return isActiveOn(licence, on) ? 'active' : 'expired';
}

/** The licence state of a participant on a date, under the rulebook version in force then. */
export function licenceStateAsOf(
  version: RulebookVersion,
  participantId: string,
  history: TierHistory,
  allLicences: readonly LicenceRecord[],
  asOf: LocalDate,
): LicenceStateView {
  const acts = version.acts.licences;
  if (!acts) throw new Error(`Rulebook ${version.id}@${version.version} decides no licences`);
  const licences = allLicences
    .filter((l) => compareDates(l.startsOn, asOf) <= 0)
    .sort(
      (a, b) =>
        compareDates(a.startsOn, b.startsOn) || (a.licenceId < b.licenceId ? -1 : a.licenceId > b.licenceId ? 1 : 0),
    );
  const views: LicenceView[] = licences.map((l) => ({
    licenceId: l.licenceId,
    learnerId: l.learnerId,
    startsOn: l.startsOn,
    expiresOn: termOn(l, asOf),
    status: statusOn(l, asOf),
    renews: !l.notToRenew && l.revokedOn === null,
    revokedOn: l.revokedOn !== null && compareDates(l.revokedOn, asOf) <= 0 ? l.revokedOn : null,
  }));
  const activeIndex = activeCountIndexOf(allLicences);
  const tier = acts.tierOn(
    {
      invoiceAnchor: history.invoiceAnchor,
      evaluations: history.evaluations,
      surchargeDates: history.surchargeDates,
      activeLicencesAtStartOf: (day) => activeCountAtOpeningOf(activeIndex, day),
    },
    asOf,
  );
  return {
    participantId,
    asOf,
    activeCount: views.filter((v) => v.status === 'active').length,
    tier: tier.tier,
    rateCents: tier.rateCents,
    invoiceDate: tier.invoiceDate,
    nextInvoiceDate: tier.nextInvoiceDate,
    rulebook: { id: version.id, version: version.version },
    licences: views,
  };
}
