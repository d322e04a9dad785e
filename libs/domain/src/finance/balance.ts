/**
 * A customer's balance as of a business time (docs/architecture.md "Money"), computed on read from
 * the dated facts of its invoices, refunds, reminders and complaints. Pure: no clock, no storage.
 * Interest is never stored: it is accrued here, day by day, from the facts.
 *
 * Per invoice:
 *  - principal: total - credited - (paid - reversed) + refunds granted against it;
 *  - statutory interest (art. 6:119 / 6:119a BW by customer kind) from the first day the invoice's
 *    rulebook sets (its interest-start act, or the statutory default), suspended over the days a
 *    complaint suspends charges; the principal varies over time (`FIN.tranches`);
 *  - collection costs (the rulebook's collection-costs act, or the statutory WIK scale) once the
 *    first reminder's term has passed unpaid, not while a complaint's suspension covers asOf.
 */
import {
  addDays,
  compareInstants,
  FIN,
  financeActsOf,
  interestTableFor,
  INTEREST_READINGS,
  ratesInForce,
  STATUTORY_REMINDER,
  toLocalDate,
  WIK_READINGS,
  type FinanceActs,
  type InterestPeriod,
  type InterestRateTable,
  type InterestRateVersion,
  type LocalDate,
  type RulebookId,
  type RulebookRegistry,
} from '@ledger/regulations';
import type { CustomerKind } from '../customer/events';
import type { ComplaintLedger, CustomerLedger, DatedFact, InvoiceLedger, ReminderFact } from './ledger-facts';
import {
  interestOnTranches,
  principalOn,
  principalTranches,
  suspendedDaysWithin,
  type DateSpan,
  type PrincipalChange,
} from './tranches';

/** The cut of a balance: business time (a day, or an exact instant) and optionally record time. */
export interface AsOf {
  /** The last business day that counts (`FIN.asOfDay`); for an instant, its Amsterdam date. */
  date: LocalDate;
  /** When set, facts count when their business time is at or before this instant. */
  instant: string | null;
  /** When set, only facts the ledger had recorded by then count ("what did we know then"). */
  knownAt: string | null;
}

export function asOfDay(date: LocalDate, knownAt: string | null = null): AsOf {
  return { date, instant: null, knownAt };
}

export function asOfInstant(instant: string, knownAt: string | null = null): AsOf {
  return { date: toLocalDate(instant), instant, knownAt };
}

export function isVisible(fact: DatedFact, asOf: AsOf): boolean {
  const inBusinessTime = asOf.instant ? compareInstants(fact.at, asOf.instant) <= 0 : toLocalDate(fact.at) <= asOf.date;
  if (!inBusinessTime) return false;
  return asOf.knownAt === null || Date.parse(fact.recordedAt) <= Date.parse(asOf.knownAt);
}

export type InterestStatus =
  'ok' | 'rate-unknown' | 'customer-kind-unknown' | 'not-overdue' | 'reminder-needed' | 'reminder-term-running';

export type CollectionCostsStatus =
  | 'none'
  | 'not-overdue'
  | 'reminder-needed'
  | 'reminder-term-running'
  | 'paid-within-term'
  | 'suspended'
  | 'customer-kind-unknown'
  | 'due';

export interface InvoiceInterest {
  status: InterestStatus;
  /** Interest owed as of asOf; with `rate-unknown` the interest of the days before `rateUnknownFrom` only. */
  interestCents: number;
  interestFrom: LocalDate | null;
  table: { id: string; legalBasis: string; knownUntil: LocalDate; version: string | null } | null;
  /** The rate versions in force on the days interest ran (built-in or recorded, with their event). */
  rates: InterestRateVersion[];
  rateUnknownFrom: LocalDate | null;
  suspendedDays: number;
  tranches: Array<{
    amountCents: number;
    from: LocalDate;
    until: LocalDate;
    interestCents: number;
    compoundedAt: LocalDate[];
    periods: InterestPeriod[];
  }>;
  ruleIds: string[];
  interpretationIds: string[];
}

export interface InvoiceCollectionCosts {
  status: CollectionCostsStatus;
  collectionCostsCents: number;
  dueFrom: LocalDate | null;
  /** The principal the costs are computed on (`FIN.costsBase`). */
  principalCents: number | null;
  wikScaleCents: number | null;
  capCents: number | null;
  ruleIds: string[];
  interpretationIds: string[];
  explanation: string;
}

export interface InvoiceBalance {
  invoiceId: string;
  invoiceNumber: string | null;
  provider: RulebookId;
  ownerStreamId: string;
  issuedOn: LocalDate;
  dueDate: LocalDate;
  totalCents: number;
  creditedCents: number;
  paidCents: number;
  reversedCents: number;
  refundedCents: number;
  outstandingCents: number;
  creditBalanceCents: number;
  overdue: boolean;
  overdueCents: number;
  reminders: number;
  interest: InvoiceInterest;
  collectionCosts: InvoiceCollectionCosts;
}

export interface CustomerBalance {
  customerId: string;
  asOf: LocalDate;
  asOfInstant: string | null;
  knownAt: string | null;
  customerKind: CustomerKind | null;
  invoicedCents: number;
  creditedCents: number;
  /** Payments received minus payments reversed. */
  paidCents: number;
  refundsGrantedCents: number;
  refundsOwedCents: number;
  refundsPaidCents: number;
  /** Refunds granted that are not tied to an invoice (they appear in the reconciliation identity). */
  unlinkedRefundsCents: number;
  /** What the customer still owes on its invoices (principal). */
  outstandingCents: number;
  /** Paid beyond what invoices ask and not (yet) granted back as a refund. */
  creditBalanceCents: number;
  overdueCents: number;
  interestCents: number;
  interestStatus: 'ok' | 'rate-unknown' | 'customer-kind-unknown';
  interestRateUnknownFrom: LocalDate | null;
  /** Every rate version the interest of this balance was computed with. */
  interestRates: InterestRateVersion[];
  collectionCostsCents: number;
  /** outstanding + interest + collection costs. */
  totalDueCents: number;
  /** invoiced - credited - paid + refunds paid: positive = the customer owes, negative = the ledger owes.
   * Always equals outstanding - creditBalance - refundsOwed + unlinkedRefunds. */
  netPositionCents: number;
  ruleIds: string[];
  interpretationIds: string[];
  invoices: InvoiceBalance[];
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const uniqueRates = (rates: readonly InterestRateVersion[]): InterestRateVersion[] =>
  [...new Map(rates.map((r) => [`${r.tableId}@${r.effectiveFrom}`, r])).values()].sort((a, b) =>
    a.tableId === b.tableId ? (a.effectiveFrom < b.effectiveFrom ? -1 : 1) : a.tableId < b.tableId ? -1 : 1,
  );
const unique = (values: readonly string[]): string[] => [...new Set(values)].sort();

/** The statutory rate tables a balance computes with: the built-in ones, or those extended by recorded rates. */
export interface InterestTables {
  consumer: InterestRateTable;
  business: InterestRateTable;
}

const BUILT_IN_TABLES: InterestTables = {
  consumer: interestTableFor('consumer'),
  business: interestTableFor('business'),
};

interface Context {
  asOf: AsOf;
  kind: CustomerKind | null;
  complaints: ComplaintLedger[];
  rulebooks: RulebookRegistry;
  tables: InterestTables;
}

export function computeCustomerBalance(
  ledger: CustomerLedger,
  asOf: AsOf,
  rulebooks: RulebookRegistry,
  tables: InterestTables = BUILT_IN_TABLES,
): CustomerBalance {
  const ctx: Context = {
    asOf,
    kind: ledger.kind,
    complaints: ledger.complaints.filter((c) => isVisible(c, asOf)),
    rulebooks,
    tables,
  };
  const invoices = ledger.invoices
    .filter((invoice) => isVisible(invoice, asOf))
    .sort((a, b) => (a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : a.invoiceId < b.invoiceId ? -1 : 1))
    .map((invoice) => invoiceBalance(invoice, ctx));
  const refunds = ledger.refunds.filter((refund) => isVisible(refund, asOf));
  const refundsGrantedCents = sum(refunds.map((r) => r.amountCents));
  const refundsPaidCents = sum(
    refunds.flatMap((r) => r.payouts.filter((p) => isVisible(p, asOf)).map((p) => p.amountCents)),
  );
  const visibleInvoiceIds = new Set(invoices.map((i) => i.invoiceId));
  const unlinkedRefundsCents = sum(
    refunds.filter((r) => r.invoiceId === null || !visibleInvoiceIds.has(r.invoiceId)).map((r) => r.amountCents),
  );

  const invoicedCents = sum(invoices.map((i) => i.totalCents));
  const creditedCents = sum(invoices.map((i) => i.creditedCents));
  const paidCents = sum(invoices.map((i) => i.paidCents - i.reversedCents));
  const outstandingCents = sum(invoices.map((i) => i.outstandingCents));
  const interestCents = sum(invoices.map((i) => i.interest.interestCents));
  const collectionCostsCents = sum(invoices.map((i) => i.collectionCosts.collectionCostsCents));
  const unknown = invoices.filter((i) => i.interest.status === 'rate-unknown').map((i) => i.interest.rateUnknownFrom!);
  const interestStatus =
    unknown.length > 0
      ? 'rate-unknown'
      : invoices.some((i) => i.interest.status === 'customer-kind-unknown')
        ? 'customer-kind-unknown'
        : 'ok';
  return {
    customerId: ledger.customerId,
    asOf: asOf.date,
    asOfInstant: asOf.instant,
    knownAt: asOf.knownAt,
    customerKind: ledger.kind,
    invoicedCents,
    creditedCents,
    paidCents,
    refundsGrantedCents,
    refundsOwedCents: refundsGrantedCents - refundsPaidCents,
    refundsPaidCents,
    unlinkedRefundsCents,
    outstandingCents,
    creditBalanceCents: sum(invoices.map((i) => i.creditBalanceCents)),
    overdueCents: sum(invoices.map((i) => i.overdueCents)),
    interestCents,
    interestStatus,
    interestRateUnknownFrom: unknown.length > 0 ? unknown.sort()[0]! : null,
    interestRates: uniqueRates(invoices.flatMap((i) => i.interest.rates)),
    collectionCostsCents,
    totalDueCents: outstandingCents + interestCents + collectionCostsCents,
    netPositionCents: invoicedCents - creditedCents - paidCents + refundsPaidCents,
    ruleIds: unique(invoices.flatMap((i) => [...i.interest.ruleIds, ...i.collectionCosts.ruleIds])),
    interpretationIds: unique([
      FIN.asOfDay,
      ...invoices.flatMap((i) => [...i.interest.interpretationIds, ...i.collectionCosts.interpretationIds]),
    ]),
    invoices,
  };
}

function invoiceBalance(invoice: InvoiceLedger, ctx: Context): InvoiceBalance {
  const movements = invoice.movements.filter((m) => isVisible(m, ctx.asOf));
  const reversedPaymentIds = new Set(movements.filter((m) => m.kind === 'reversal').map((m) => m.id));
  const total = (kind: string) => sum(movements.filter((m) => m.kind === kind).map((m) => m.amountCents));
  const creditedCents = total('credit');
  const paidCents = total('payment');
  const reversedCents = total('reversal');
  const refundedCents = total('refund');
  const raw = invoice.totalCents - creditedCents - (paidCents - reversedCents) + refundedCents;
  // `FIN.reversal`: a reversed payment never lowered the principal; every other movement does from its day.
  const changes: PrincipalChange[] = movements.flatMap((m): PrincipalChange[] => {
    if (m.kind === 'credit') return [{ on: m.on, deltaCents: -m.amountCents }];
    if (m.kind === 'payment') return reversedPaymentIds.has(m.id) ? [] : [{ on: m.on, deltaCents: -m.amountCents }];
    if (m.kind === 'refund') return [{ on: m.on, deltaCents: m.amountCents }];
    return [];
  });
  const reminders = invoice.reminders
    .filter((r) => isVisible(r, ctx.asOf))
    .sort((a, b) => a.reminderNumber - b.reminderNumber);
  const outstandingCents = Math.max(0, raw);
  const overdue = invoice.dueDate < ctx.asOf.date && outstandingCents > 0;
  const suspended = suspensionsFor(invoice, ctx);
  return {
    invoiceId: invoice.invoiceId,
    invoiceNumber: invoice.invoiceNumber,
    provider: invoice.provider,
    ownerStreamId: invoice.ownerStreamId,
    issuedOn: invoice.issuedOn,
    dueDate: invoice.dueDate,
    totalCents: invoice.totalCents,
    creditedCents,
    paidCents,
    reversedCents,
    refundedCents,
    outstandingCents,
    creditBalanceCents: Math.max(0, -raw),
    overdue,
    overdueCents: overdue ? outstandingCents : 0,
    reminders: reminders.length,
    interest: invoiceInterest(invoice, changes, reminders[0], suspended, ctx),
    collectionCosts: invoiceCollectionCosts(invoice, changes, outstandingCents, reminders[0], suspended, ctx),
  };
}

/** The days a complaint about this invoice's enrolment suspends charges (`FIN.complaintScope`). */
function suspensionsFor(invoice: InvoiceLedger, ctx: Context): DateSpan[] {
  const endOfAsOf = addDays(ctx.asOf.date, 1);
  return ctx.complaints
    .filter((c) => c.suspendsCharges && c.suspendedFrom !== null && c.ownerStreamId === invoice.ownerStreamId)
    .map((c) => {
      const closed = c.closed && isVisible(c.closed, ctx.asOf) ? c.closed : null;
      const until = closed?.suspendedUntil ?? endOfAsOf;
      return { from: c.suspendedFrom!, until: until < endOfAsOf ? until : endOfAsOf };
    })
    .filter((span) => span.from < span.until);
}

/**
 * The finance acts the invoice's late-payment figures follow (`FIN.rulebookVersion`): of the version
 * the first reminder's decision cites, else of the one in force on the first day of default.
 */
function financeActsFor(
  invoice: InvoiceLedger,
  firstReminder: ReminderFact | undefined,
  rulebooks: RulebookRegistry,
): FinanceActs {
  const version = firstReminder?.rulebook
    ? rulebooks.exact(firstReminder.rulebook)
    : rulebooks.rulebookFor(invoice.provider, addDays(invoice.dueDate, 1));
  return financeActsOf(version);
}

const noInterest = (
  status: InterestStatus,
  ruleIds: string[],
  interpretationIds: string[],
  interestFrom: LocalDate | null = null,
): InvoiceInterest => ({
  status,
  interestCents: 0,
  interestFrom,
  table: null,
  rates: [],
  rateUnknownFrom: null,
  suspendedDays: 0,
  tranches: [],
  ruleIds,
  interpretationIds,
});

function invoiceInterest(
  invoice: InvoiceLedger,
  changes: PrincipalChange[],
  firstReminder: ReminderFact | undefined,
  suspended: DateSpan[],
  ctx: Context,
): InvoiceInterest {
  const asOfDate = ctx.asOf.date;
  if (asOfDate < addDays(invoice.dueDate, 1)) return noInterest('not-overdue', [], []);
  const acts = financeActsFor(invoice, firstReminder, ctx.rulebooks);
  const start = acts.interestStart.interestStart({
    dueDate: invoice.dueDate,
    firstReminder: firstReminder ?? null,
    asOf: asOfDate,
  });
  if (start.blocked || start.from === null)
    return noInterest(start.blocked ?? 'reminder-needed', start.ruleIds, start.interpretationIds, start.from);
  const from = start.from;
  const window = { from, until: addDays(asOfDate, 1) };
  const tranches = principalTranches(invoice.totalCents, changes, window);
  const ruleIds = [...start.ruleIds];
  const interpretationIds = [...start.interpretationIds, FIN.tranches, ...INTEREST_READINGS.computation];
  if (invoice.movements.some((m) => m.kind === 'reversal' && isVisible(m, ctx.asOf)))
    interpretationIds.push(FIN.reversal);
  const suspendedDays = suspendedDaysWithin(suspended, window);
  if (suspendedDays > 0) {
    ruleIds.push(...acts.complaints.suspensionRuleIds);
    interpretationIds.push(FIN.complaintScope);
  }
  if (tranches.length === 0) return { ...noInterest('ok', ruleIds, interpretationIds, from), suspendedDays };
  if (ctx.kind === null)
    return {
      ...noInterest('customer-kind-unknown', ruleIds, [...interpretationIds, FIN.customerKind], from),
      suspendedDays,
    };
  const table = ctx.tables[ctx.kind];
  const tableRef = {
    id: table.id,
    legalBasis: table.legalBasis,
    knownUntil: table.knownUntil,
    version: table.version ?? null,
  };
  const rates = ratesInForce(table, from, asOfDate);
  const result = interestOnTranches(tranches, table, suspended);
  if (result.status === 'rate-unknown') {
    return {
      status: 'rate-unknown',
      interestCents: result.knownInterestCents,
      interestFrom: from,
      table: tableRef,
      rates,
      rateUnknownFrom: result.unknownFrom,
      suspendedDays,
      tranches: [],
      ruleIds,
      interpretationIds: [...interpretationIds, INTEREST_READINGS.rateUnknown],
    };
  }
  return {
    status: 'ok',
    interestCents: result.interestCents,
    interestFrom: from,
    table: tableRef,
    rates,
    rateUnknownFrom: null,
    suspendedDays,
    tranches: result.tranches.map((t) => ({
      amountCents: t.amountCents,
      from: t.from,
      until: t.until,
      interestCents: t.interestCents,
      compoundedAt: t.compoundedAt,
      periods: t.periods,
    })),
    ruleIds,
    interpretationIds,
  };
}

const costs = (
  status: CollectionCostsStatus,
  explanation: string,
  extra: Partial<InvoiceCollectionCosts> = {},
): InvoiceCollectionCosts => ({
  status,
  collectionCostsCents: 0,
  dueFrom: null,
  principalCents: null,
  wikScaleCents: null,
  capCents: null,
  ruleIds: [],
  interpretationIds: [],
  explanation,
  ...extra,
});

function invoiceCollectionCosts(
  invoice: InvoiceLedger,
  changes: PrincipalChange[],
  outstandingCents: number,
  reminder: ReminderFact | undefined,
  suspended: DateSpan[],
  ctx: Context,
): InvoiceCollectionCosts {
  const asOfDate = ctx.asOf.date;
  if (invoice.dueDate >= asOfDate)
    return costs(outstandingCents > 0 ? 'not-overdue' : 'none', `Payable until ${invoice.dueDate}`);
  if (!reminder) {
    return outstandingCents > 0
      ? costs(
          'reminder-needed',
          `In default since ${addDays(invoice.dueDate, 1)}; collection costs need a reminder giving ${STATUTORY_REMINDER.minimumTermDays} days first`,
          { interpretationIds: [FIN.costsAfterReminder] },
        )
      : costs('none', 'Nothing outstanding and no reminder sent');
  }
  const dueFrom = reminder.collectionCostsDueFrom;
  const base = { dueFrom, interpretationIds: [FIN.costsAfterReminder, FIN.costsBase, WIK_READINGS.reminderTerm] };
  if (asOfDate < dueFrom)
    return costs(
      'reminder-term-running',
      `Reminder received ${reminder.receivedOn}: its term runs until ${reminder.reminderTermEndsOn}`,
      base,
    );
  // `FIN.costsBase`: the principal still unpaid at the end of the reminder's term.
  const principalCents = Math.max(0, principalOn(invoice.totalCents, changes, reminder.reminderTermEndsOn));
  if (principalCents === 0)
    return costs(
      'paid-within-term',
      `Paid within the reminder's term (until ${reminder.reminderTermEndsOn}): no collection costs`,
      { ...base, principalCents },
    );
  const acts = financeActsFor(invoice, reminder, ctx.rulebooks);
  if (suspended.some((s) => s.from <= asOfDate && asOfDate < s.until)) {
    const ruleIds = [...acts.complaints.suspensionRuleIds];
    return costs(
      'suspended',
      `A complaint about this enrolment suspends collection costs on ${asOfDate} (${ruleIds.join(', ')})`,
      {
        ...base,
        principalCents,
        ruleIds,
        interpretationIds: [...base.interpretationIds, FIN.complaintScope],
      },
    );
  }
  if (acts.collectionCosts.needsCustomerKind && ctx.kind === null)
    return costs('customer-kind-unknown', 'The customer kind is unknown: the rulebook needs it', {
      ...base,
      principalCents,
      interpretationIds: [...base.interpretationIds, FIN.customerKind],
    });
  const computed = acts.collectionCosts.collectionCosts({
    customerKind: ctx.kind,
    dueDate: invoice.dueDate,
    principalCents,
    reminder,
    asOf: asOfDate,
  });
  return costs('due', computed.explanation, {
    ...base,
    collectionCostsCents: computed.costsCents,
    principalCents,
    wikScaleCents: computed.wikScaleCents,
    capCents: computed.capCents,
    ruleIds: computed.ruleIds,
    interpretationIds: [...base.interpretationIds, ...computed.interpretationIds],
  });
}

/** What an invoice asks as of a cut (never negative): the principal a reminder claims. */
export function invoicePrincipalAsOf(invoice: InvoiceLedger, asOf: AsOf): number {
  const raw = invoice.movements
    .filter((m) => isVisible(m, asOf))
    .reduce(
      (sum, m) => (m.kind === 'credit' || m.kind === 'payment' ? sum - m.amountCents : sum + m.amountCents),
      invoice.totalCents,
    );
  return Math.max(0, raw);
}
