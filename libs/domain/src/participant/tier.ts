/**
 * The facts the SPOT tier rules read (SPOT-4.2 with SPOT-I2), and the participant's licence state
 * as of a date. Pure; the decider, the licence-state projection and the as-of query share them, so
 * a fee decided at registration and the rate a query shows come from one computation.
 */
import {
  compareDates,
  spotBillingYearOf,
  spotTierState,
  type LocalDate,
  type SpotBook,
  type SpotTier,
} from '@ledger/regulations';
import { countActiveAtStartOf, isActiveOn, latestOnOrBefore, type LicenceRecord } from './state';

/** What the tier rules need of a participant's history. */
export interface TierHistory {
  invoiceAnchor: LocalDate | null;
  /** Active licences found at each evaluated invoice date (TierEvaluated). */
  evaluations: Readonly<Record<LocalDate, number>>;
  surchargeDates: readonly LocalDate[];
}

export interface TierInputs {
  /** SPOT-I2: active licences at the invoice date that opened the billing year containing `on`. */
  activeLicencesAtBillingYearStart: number;
  lastSurchargeOn: LocalDate | null;
}

/**
 * The recorded evaluation of the billing year's invoice date when the scheduler has run, else the
 * same count computed from the licences' history (the scheduler may lag; the answer is the same).
 */
export function tierInputsOn(history: TierHistory, licences: readonly LicenceRecord[], on: LocalDate): TierInputs {
  const lastSurchargeOn = latestOnOrBefore(history.surchargeDates, on);
  if (history.invoiceAnchor === null) return { activeLicencesAtBillingYearStart: 0, lastSurchargeOn };
  const { start } = spotBillingYearOf(history.invoiceAnchor, on);
  const recorded = history.evaluations[start];
  return { activeLicencesAtBillingYearStart: recorded ?? countActiveAtStartOf(licences, start), lastSurchargeOn };
}

export type LicenceStatus = 'active' | 'expired' | 'revoked';

export interface LicenceView {
  licenceId: string;
  learnerId: string;
  startsOn: LocalDate;
  /** End of the term running on the as-of date. */
  expiresOn: LocalDate;
  status: LicenceStatus;
  /** Renews at `expiresOn` unless marked not-to-renew (SPOT-I1, 6.1, 6.4). */
  renews: boolean;
  revokedOn: LocalDate | null;
}

export interface LicenceStateView {
  participantId: string;
  asOf: LocalDate;
  activeCount: number;
  tier: SpotTier;
  rateCents: number;
  /** SPOT-I2: the invoice date in use (null before it is agreed or anchored). */
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

/** The licence state of a participant on a date, under the rulebook version in force then (SPOT-3.3). */
export function licenceStateAsOf(
  book: SpotBook,
  participantId: string,
  history: TierHistory,
  allLicences: readonly LicenceRecord[],
  asOf: LocalDate,
): LicenceStateView {
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
  const { lowRateCents, highRateCents } = book.data.prices;
  const base = {
    participantId,
    asOf,
    activeCount: views.filter((v) => v.status === 'active').length,
    rulebook: { id: book.id, version: book.version },
    licences: views,
  };
  if (history.invoiceAnchor === null) {
    return { ...base, tier: 'low', rateCents: lowRateCents, invoiceDate: null, nextInvoiceDate: null };
  }
  const inputs = tierInputsOn(history, allLicences, asOf);
  const tier = spotTierState(
    book,
    history.invoiceAnchor,
    asOf,
    inputs.activeLicencesAtBillingYearStart,
    inputs.lastSurchargeOn,
  );
  return {
    ...base,
    tier: tier.tier,
    rateCents: tier.tier === 'high' ? highRateCents : lowRateCents,
    invoiceDate: history.invoiceAnchor,
    nextInvoiceDate: tier.billingYear.next,
  };
}
