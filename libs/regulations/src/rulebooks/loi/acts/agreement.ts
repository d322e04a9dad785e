/**
 * LOI's acts on a running agreement (contract/agreement-acts.ts): suspension for non-performance
 * (LOI-8). The others are not in LOI's terms.
 */
import { toLocalDate } from '../../../calendar';
import {
  agreementActsNotCovered,
  chargedCents,
  keptPaymentCents,
  parseActDetails,
  type AgreementActs,
  type EnrolmentFacts,
} from '../../../contract';
import type { LoiBook } from '../decisions/common';
import { loiSuspension, loiSuspensionEnd } from '../decisions/suspension';
import { LoiSuspensionDetails } from '../schemas';

/** The service duration runs from the course's start (LOI-9.1). */
function servicePeriodOf(facts: EnrolmentFacts) {
  const start = facts.startsAt ?? facts.terms.startsAt;
  if (start === null) throw new Error(`Invariant violated: LOI enrolment ${facts.enrolmentId} has no start date`);
  return { startDate: toLocalDate(start), studyMonths: Number(facts.terms.options['studyMonths']) };
}

export function loiAgreementActs(book: LoiBook): AgreementActs {
  return {
    ...agreementActsNotCovered('loi'),
    suspension: {
      detailsSchema: LoiSuspensionDetails,
      suspend(facts, { suspendedAt, details }) {
        const d = parseActDetails(LoiSuspensionDetails, details ?? {});
        const decision = loiSuspension(book, {
          suspendedAt,
          ground: d.ground,
          obligation: d.obligation ?? null,
          invoices: facts.invoices.map((i) => ({
            invoiceId: i.invoiceId,
            dueDate: i.dueDate,
            outstandingCents: Math.max(0, chargedCents(i) - keptPaymentCents(i)),
          })),
          documentsDueDate: facts.documents?.dueDate ?? null,
          documentsComplete: facts.documents?.complete ?? false,
          ...servicePeriodOf(facts),
        });
        // Art. 8.2: the interruption is at the customer's risk; nothing is credited.
        return { decision, money: [] };
      },
      resume(facts, { resumedAt }) {
        if (facts.suspendedSince === null)
          throw new Error(`Invariant violated: LOI enrolment ${facts.enrolmentId} resumes without a suspension`);
        return loiSuspensionEnd(book, { suspendedAt: facts.suspendedSince, resumedAt, ...servicePeriodOf(facts) });
      },
    },
  };
}
