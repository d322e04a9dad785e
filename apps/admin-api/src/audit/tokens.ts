/** Injection tokens of the audit module. */
export const DECISION_AUDIT = Symbol('DECISION_AUDIT');
export const ERASURE_KEEPER = Symbol('ERASURE_KEEPER');
