/**
 * How long the ledger keeps a former learner's personal data, and the rules it cites when it
 * erases it. One ledger-wide rule: learners are shared by every rulebook, and the longest term any
 * rulebook demands applies to all of them (VLI-5.2: name and e-mail 10 years after the last
 * training). Erasure on request cites the GDPR (art. 17).
 */
export const LEARNER_RETENTION = Object.freeze({ months: 120, ruleIds: Object.freeze(['VLI-5.2']) });

export type ErasureReason = 'request' | 'retention';

/** Rule ids recorded with an erasure. */
export const ERASURE_RULE_IDS: Readonly<Record<ErasureReason, readonly string[]>> = Object.freeze({
  request: Object.freeze(['GDPR-17']),
  retention: LEARNER_RETENTION.ruleIds,
});
