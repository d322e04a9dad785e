/**
 * The ledger's own readings of the statutory finance rules (docs/interpretations.md): where the
 * statutory rules on late payment and the rulebooks' finance articles leave a question open.
 * Every balance, reminder and complaint answer cites the ones it used.
 */
export const FIN = {
  /** A rulebook without a late-payment rule (VLI, SPOT LMS): statutory interest runs from the day after the due
   * date (art. 6:83 sub a BW: a fixed day of payment puts the debtor in default without notice). */
  statutoryDefault: 'FIN-I1',
  /** Collection costs are owed, for every customer kind, only once a reminder's term (14 days from the
   * day after receipt, moved off weekends/holidays per WIK-I2) has passed unpaid; art. 6:96 lid 6 BW
   * is applied to businesses too: no other term is on record, and it is in the customer's favour. */
  costsAfterReminder: 'FIN-I2',
  /** Collection costs are computed on the principal still unpaid at the end of the first reminder's
   * term (paid in full within the term: none) and stay owed after later payments. */
  costsBase: 'FIN-I3',
  /** Interest runs on the principal outstanding each day: a payment or credit note lowers it from its
   * date. The principal is split into tranches (each from its first day of default until paid, last
   * in first out), each computed by `statutoryInterest` and rounded half-up once; interest
   * capitalised on a tranche stops accruing when the tranche is paid. Payments are applied to the
   * invoice's principal (art. 6:44 BW allocation to costs and interest first is not applied):
   * interest and costs are shown as separate claims. */
  tranches: 'FIN-I4',
  /** A reversed payment counts as never received for every asOf on or after the reversal (interest
   * runs as if it had not been paid); before the reversal's business time the payment stands. */
  reversal: 'FIN-I5',
  /** A rulebook's suspension of charges during a complaint (EXC-12) covers interest and collection costs on
   * the invoices of the enrolment the complaint is about, from the filing day through the closing
   * day; an open complaint suspends through asOf. While a suspension covers asOf no collection
   * costs are charged; the reminder term is not extended. */
  complaintScope: 'FIN-I6',
  /** A reminder is received on the day it is sent unless the command says otherwise (e-mail). */
  reminderReceipt: 'FIN-I7',
  /** asOf as a date means the end of that Amsterdam day: every event with business time on or before
   * it counts, and interest accrues for every day of default up to and including it. */
  asOfDay: 'FIN-I8',
  /** Invoice numbers: one unbroken series per provider and calendar year of the invoice date
   * (art. 35a Wet OB 1968, "one or more series"), assigned in log order of InvoiceIssued. */
  invoiceSeries: 'FIN-I9',
  /** Credit-note numbers: a series of their own per provider and calendar year of the credit note's date
   * (`<prefix>-CN-<year>-<sequence>`), assigned in log order of CreditNoteIssued. */
  creditNoteSeries: 'FIN-I16',
  /** A refund payout is recorded as RefundPaid in the stream that owns the entitlement, never beyond
   * what is still owed, and never dated before the entitlement. */
  refundPayout: 'FIN-I10',
  /** PP-16.5: a complaint after the window is refused (422), as VLI-6.2 refuses one. */
  lateComplaint: 'FIN-I11',
  /** A rulebook without a complaint rule (LOI, SPOT LMS): a complaint is recorded without deadlines and suspends
   * nothing. */
  complaintWithoutRule: 'FIN-I12',
  /** The customer kind selects the interest table: CustomerRegistered.kind, or the kind an enrolment
   * recorded, or business for a licence participant (a member organisation). Unknown: no interest is
   * computed and the answer says `customer-kind-unknown`. */
  customerKind: 'FIN-I13',
  /** Read-time late-payment figures use the rulebook version the reminder's decision cites, else the
   * version in force on the first day of default. */
  rulebookVersion: 'FIN-I14',
  /** Automated dunning: the scheduler sends the first reminder at 09:00 (Amsterdam) on the first day of
   * default, offering the act's default term; when its term ends unpaid, a demand (aanmaning) stating the
   * costs and interest now charged, with another 14 days; when that term ends unpaid the invoice is
   * escalated (for collection: no letter, nothing charged beyond what the balance shows). A step
   * fires only if the invoice still asks money when it fires; a paused invoice gets none, and lifting
   * the pause makes the pending step due at the later of its own time and the lifting. */
  dunningSteps: 'FIN-I15',
} as const;

export type FinanceInterpretationId = (typeof FIN)[keyof typeof FIN];

/** Readings of statutory interest (libs/regulations/src/interest.ts) every interest figure rests on. */
export const INTEREST_READINGS = {
  /** Day count, exact fractions rounded at capitalisation, the years of a default. */
  computation: ['INT-I1', 'INT-I2', 'INT-I3'],
  /** A day outside the published rate table: the answer says so, never a guessed rate. */
  rateUnknown: 'INT-I4',
} as const;

/** Readings of the WIK scale and its reminder term (libs/regulations/src/collection-costs.ts). */
export const WIK_READINGS = {
  /** The bands summed exactly and rounded once. */
  rounding: 'WIK-I1',
  /** The reminder's term starts the day after receipt and ends on a working day. */
  reminderTerm: 'WIK-I2',
} as const;
