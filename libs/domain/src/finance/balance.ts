/**
 * A customer's balance as of a business time (api.md "Finance"), computed on read from the dated
 * facts of its invoices, refunds, reminders and complaints. Pure: no clock, no storage. Interest is
 * never stored: it is accrued here, day by day, from the facts (regulations.md §6).
 *
 * Per invoice:
 *  - principal: total - credited - (paid - reversed) + refunds granted against it;
 *  - statutory interest (art. 6:119 / 6:119a BW by customer kind, INT-I1..I4) from the provider's
 *    first day: PP-5.4 the day after the due date; EXC-11 the day after the reminder's term; LOI-6.2-3
 *    the day after the due date, chargeable once the reminder's term passed; VLI / SPOT FIN-I1.
 *    Suspended over EXC-12 complaint days (FIN-I6). Variable principal: FIN-I4;
 *  - collection costs (WIK-2 scale, EXC-11 minimum, LOI-6.2-3 15 % cap) once the first reminder's
 *    term passed unpaid (FIN-I2, FIN-I3), not while an EXC-12 suspension covers asOf.
 */
import {
  addDays,
  collectionCostsCents,
  compareInstants,
  interestTableFor,
  toLocalDate,
  type Decision,
  type InterestPeriod,
  type JsonValue,
  type LocalDate,
  type RulebookId,
  type RulebookRegistry,
  type RulebookVersion,
} from '@ledger/regulations';
import type { CustomerKind } from '../customer/events';
import { FIN } from './interpretations';
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
  /** The last business day that counts (FIN-I8); for an instant, its Amsterdam date. */
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
  table: { id: string; legalBasis: string; knownUntil: LocalDate } | null;
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
  /** The principal the costs are computed on (FIN-I3). */
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
const unique = (values: readonly string[]): string[] => [...new Set(values)].sort();

interface Context {
  asOf: AsOf;
  kind: CustomerKind | null;
  complaints: ComplaintLedger[];
  rulebooks: RulebookRegistry;
}

export function computeCustomerBalance(
  ledger: CustomerLedger,
  asOf: AsOf,
  rulebooks: RulebookRegistry,
): CustomerBalance {
  const ctx: Context = {
    asOf,
    kind: ledger.kind,
    complaints: ledger.complaints.filter((c) => isVisible(c, asOf)),
    rulebooks,
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
  // FIN-I5: a reversed payment never lowered the principal; every other movement does from its day.
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

/** EXC-12 (FIN-I6): the days an Excellus complaint about this invoice's enrolment suspends charges. */
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
  rateUnknownFrom: null,
  suspendedDays: 0,
  tranches: [],
  ruleIds,
  interpretationIds,
});

/** The provider's first day of interest (and what stands in its way). */
function interestStart(
  invoice: InvoiceLedger,
  firstReminder: ReminderFact | undefined,
  asOfDate: LocalDate,
): { from: LocalDate | null; blocked?: InterestStatus; ruleIds: string[]; interpretationIds: string[] } {
  const defaultFrom = addDays(invoice.dueDate, 1);
  switch (invoice.provider) {
    case 'plusport':
      return { from: defaultFrom, ruleIds: ['PP-5.4'], interpretationIds: [] };
    case 'excellus':
      // EXC-11: after the free reminder's 14 days (rulebook data payment.interestStarts, recorded on the reminder).
      if (!firstReminder) return { from: null, blocked: 'reminder-needed', ruleIds: ['EXC-11'], interpretationIds: [] };
      if (asOfDate < firstReminder.interestFrom)
        return {
          from: firstReminder.interestFrom,
          blocked: 'reminder-term-running',
          ruleIds: ['EXC-11'],
          interpretationIds: [],
        };
      return { from: firstReminder.interestFrom, ruleIds: ['EXC-11'], interpretationIds: [] };
    case 'loi':
      // LOI-6.2-3: from the original due date, chargeable once the reminder's term passed.
      if (!firstReminder)
        return { from: defaultFrom, blocked: 'reminder-needed', ruleIds: ['LOI-6.2-3'], interpretationIds: [] };
      if (asOfDate < firstReminder.collectionCostsDueFrom)
        return { from: defaultFrom, blocked: 'reminder-term-running', ruleIds: ['LOI-6.2-3'], interpretationIds: [] };
      return { from: defaultFrom, ruleIds: ['LOI-6.2-3'], interpretationIds: [] };
    default:
      return { from: defaultFrom, ruleIds: [], interpretationIds: [FIN.statutoryDefault] };
  }
}

function invoiceInterest(
  invoice: InvoiceLedger,
  changes: PrincipalChange[],
  firstReminder: ReminderFact | undefined,
  suspended: DateSpan[],
  ctx: Context,
): InvoiceInterest {
  const asOfDate = ctx.asOf.date;
  const defaultFrom = addDays(invoice.dueDate, 1);
  if (asOfDate < defaultFrom) return noInterest('not-overdue', [], []);
  const start = interestStart(invoice, firstReminder, asOfDate);
  if (start.blocked) return noInterest(start.blocked, start.ruleIds, start.interpretationIds, start.from);
  const from = start.from!;
  const window = { from, until: addDays(asOfDate, 1) };
  const tranches = principalTranches(invoice.totalCents, changes, window);
  const ruleIds = [...start.ruleIds];
  const interpretationIds = [...start.interpretationIds, FIN.tranches, 'INT-I1', 'INT-I2', 'INT-I3'];
  if (invoice.movements.some((m) => m.kind === 'reversal' && isVisible(m, ctx.asOf)))
    interpretationIds.push(FIN.reversal);
  const suspendedDays = suspendedDaysWithin(suspended, window);
  if (suspendedDays > 0) {
    ruleIds.push('EXC-12');
    interpretationIds.push(FIN.complaintScope);
  }
  if (tranches.length === 0) return { ...noInterest('ok', ruleIds, interpretationIds, from), suspendedDays };
  if (ctx.kind === null)
    return {
      ...noInterest('customer-kind-unknown', ruleIds, [...interpretationIds, FIN.customerKind], from),
      suspendedDays,
    };
  const table = interestTableFor(ctx.kind);
  const tableRef = { id: table.id, legalBasis: table.legalBasis, knownUntil: table.knownUntil };
  const result = interestOnTranches(tranches, table, suspended);
  if (result.status === 'rate-unknown') {
    return {
      status: 'rate-unknown',
      interestCents: result.knownInterestCents,
      interestFrom: from,
      table: tableRef,
      rateUnknownFrom: result.unknownFrom,
      suspendedDays,
      tranches: [],
      ruleIds,
      interpretationIds: [...interpretationIds, 'INT-I4'],
    };
  }
  return {
    status: 'ok',
    interestCents: result.interestCents,
    interestFrom: from,
    table: tableRef,
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

/** FIN-I14: the version the reminder's decision cites, else the one in force on the first day of default. */
function rulebookOf(invoice: InvoiceLedger, reminder: ReminderFact, rulebooks: RulebookRegistry): RulebookVersion {
  return reminder.rulebook
    ? rulebooks.exact(reminder.rulebook)
    : rulebooks.rulebookFor(invoice.provider, addDays(invoice.dueDate, 1));
}

function decide(version: RulebookVersion, kind: string, inputs: Record<string, JsonValue>): Decision {
  const fn = version.decisions[kind];
  if (!fn) throw new Error(`Rulebook ${version.id}@${version.version} has no decision kind ${kind}`);
  return fn(inputs);
}

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
          `In default since ${addDays(invoice.dueDate, 1)}; collection costs need a reminder giving 14 days first`,
          { interpretationIds: [FIN.costsAfterReminder] },
        )
      : costs('none', 'Nothing outstanding and no reminder sent');
  }
  const dueFrom = reminder.collectionCostsDueFrom;
  const base = { dueFrom, interpretationIds: [FIN.costsAfterReminder, FIN.costsBase, 'WIK-I2'] };
  if (asOfDate < dueFrom)
    return costs(
      'reminder-term-running',
      `Reminder received ${reminder.receivedOn}: its term runs until ${reminder.reminderTermEndsOn}`,
      base,
    );
  // FIN-I3: the principal still unpaid at the end of the reminder's term.
  const principalCents = Math.max(0, principalOn(invoice.totalCents, changes, reminder.reminderTermEndsOn));
  if (principalCents === 0)
    return costs(
      'paid-within-term',
      `Paid within the reminder's term (until ${reminder.reminderTermEndsOn}): no collection costs`,
      { ...base, principalCents },
    );
  if (suspended.some((s) => s.from <= asOfDate && asOfDate < s.until)) {
    return costs('suspended', `A complaint about this enrolment suspends collection costs on ${asOfDate} (EXC-12)`, {
      ...base,
      principalCents,
      ruleIds: ['EXC-12'],
      interpretationIds: [...base.interpretationIds, FIN.complaintScope],
    });
  }
  if (invoice.provider === 'excellus' || invoice.provider === 'loi') {
    if (ctx.kind === null)
      return costs('customer-kind-unknown', 'The customer kind is unknown: the rulebook needs it', {
        ...base,
        principalCents,
        interpretationIds: [...base.interpretationIds, FIN.customerKind],
      });
    const version = rulebookOf(invoice, reminder, ctx.rulebooks);
    if (invoice.provider === 'excellus') {
      const decision = decide(version, 'collection-costs', {
        customerKind: ctx.kind,
        dueDate: invoice.dueDate,
        reminderReceivedOn: reminder.receivedOn,
        outstandingCents: principalCents,
      });
      return costs('due', decision.explanation, {
        ...base,
        collectionCostsCents: decision.surchargeCents ?? 0,
        principalCents,
        wikScaleCents: numberOrNull(decision.inputs['wikCents']),
        capCents: numberOrNull(decision.inputs['capCents']),
        ruleIds: decision.ruleIds,
        interpretationIds: [...base.interpretationIds, ...decision.interpretationIds, 'WIK-I1', FIN.rulebookVersion],
      });
    }
    const decision = decide(version, 'late-payment', {
      customerKind: ctx.kind,
      principalCents,
      dueDate: invoice.dueDate,
      reminderSentOn: reminder.sentOn,
      reminderReceivedOn: reminder.receivedOn,
      reminderTermDays: reminder.termDays,
      asOf: asOfDate,
    });
    return costs('due', decision.explanation, {
      ...base,
      collectionCostsCents: decision.feeCents ?? 0,
      principalCents,
      wikScaleCents: numberOrNull(decision.inputs['wikScaleCents']),
      capCents: numberOrNull(decision.inputs['collectionCostsCapCents']),
      ruleIds: unique([...decision.ruleIds, 'WIK-2']),
      interpretationIds: [...base.interpretationIds, ...decision.interpretationIds, 'WIK-I1', FIN.rulebookVersion],
    });
  }
  const computed = collectionCostsCents(principalCents);
  return costs(
    'due',
    `Collection costs on ${(principalCents / 100).toFixed(2)} unpaid after the reminder's term (until ${reminder.reminderTermEndsOn}): ${(computed.costsCents / 100).toFixed(2)} (WIK scale)`,
    {
      ...base,
      collectionCostsCents: computed.costsCents,
      principalCents,
      wikScaleCents: computed.wikCents,
      ruleIds: computed.ruleIds,
      interpretationIds: [...base.interpretationIds, 'WIK-I1'],
    },
  );
}

const numberOrNull = (value: JsonValue | undefined): number | null => (typeof value === 'number' ? value : null);

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
