/**
 * Finance acts: late payment (interest start, collection costs), payment reminders, complaints.
 * Where a rulebook has no rule, the statutory defaults apply (the registry supplies them).
 * (Shape to be completed with the finance neutralisation.)
 */
export interface FinanceActs {
  /** Placeholder until the finance acts are defined. */
  readonly placeholder?: never;
}
