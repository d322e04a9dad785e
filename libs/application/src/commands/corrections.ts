/**
 * POST /decisions/{decisionId}/corrections (docs/api.md "Audit"): a recorded decision corrected
 * under the version of a reading now in force. The decision log says where the decision is
 * recorded; the decision itself, the agreement facts its recomputation may need and who is billed
 * are read from that stream in the log; the stream's own decider (with its billing state) decides
 * whether there is anything to correct and appends the correcting decision with the credit note or
 * charge (libs/domain/src/finance/decision-corrections.ts).
 */
import { CommandHandler } from '@nestjs/cqrs';
import {
  billingCorrectionDecider,
  DomainError,
  ownerDeciderFor,
  paymentRoutes,
  type BillingParty,
  type CorrectDecision,
  type InvoiceIssued,
} from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import { decisionOf } from '@ledger/projections';
import {
  daysBetween,
  type AgreementFacts,
  type DecisionFacts,
  type RulebookRef,
  type RulebookRegistry,
} from '@ledger/regulations';
import type { CommandResult } from '../command-pipeline';
import { decisionLocation } from './directories';
import { MoneyHandler } from './finance';
import { LedgerCommand } from './ledger-command';

/** Days to pay an extra charge when the stream's first invoice does not tell (art. 6:119a BW's default). */
const DEFAULT_PAYMENT_TERM_DAYS = 30;

export class CorrectDecisionCommand extends LedgerCommand<{
  decisionId: string;
  /** The corrected reading now in force (a versioned interpretation id, e.g. PP-I19). */
  interpretationId: string;
  reason: string;
  correctedAt: string;
}> {}

/**
 * Facts a decision was recorded without that a later reading needs (the offering kind, net
 * prices): the book of the agreement a stream starts with says which (later decisions hold them).
 * The what-if and the correction both take them from here.
 */
export function recomputeFactsOf(registry: RulebookRegistry, firstEvent: RecordedEvent | undefined): DecisionFacts {
  if (firstEvent?.type !== 'EnrolmentRegistered') return {};
  const agreement = firstEvent.data as unknown as AgreementFacts & { rulebook: RulebookRef; registeredAt: string };
  const acts = registry.rulebookFor(agreement.rulebook.id, agreement.registeredAt).acts.enrolment;
  return acts?.recomputeFacts?.(agreement) ?? {};
}

@CommandHandler(CorrectDecisionCommand)
export class CorrectDecisionHandler extends MoneyHandler<CorrectDecisionCommand> {
  protected async run({ payload, envelope }: CorrectDecisionCommand): Promise<CommandResult> {
    const location = await decisionLocation(this.readModels, payload.decisionId);
    if (!location) throw new DomainError('DECISION_NOT_FOUND', 404, `No decision ${payload.decisionId} is recorded`);
    const streamId = location.streamId;
    const events = await this.pipeline.readStream(streamId);
    const recorded = events.find((e) => e.id === location.event.eventId);
    const decision = recorded ? decisionOf(recorded) : undefined;
    if (!decision) throw new Error(`Decision log points ${payload.decisionId} at an event that carries no decision`);
    const owner = ownerDeciderFor(streamId, paymentRoutes);
    const invoice = events.find((e) => e.type === 'InvoiceIssued')?.data as InvoiceIssued['data'] | undefined;
    if (!owner || !invoice)
      throw new DomainError(
        'DECISION_NOT_CORRECTABLE',
        422,
        `Decision ${payload.decisionId} is recorded in ${streamId}, which bills nobody: there is no money to correct`,
      );
    const command: CorrectDecision = {
      type: 'CorrectDecision',
      decision: { ...decision, decisionId: payload.decisionId },
      facts: recomputeFactsOf(this.pipeline.rulebooks, events[0]),
      interpretationId: payload.interpretationId,
      party: partyOf(streamId, events[0], invoice),
      paymentTermDays: paymentTermOf(invoice),
      reason: payload.reason,
      correctedAt: payload.correctedAt,
    };
    return this.pipeline.execute(billingCorrectionDecider(owner, streamId), command, envelope);
  }
}

/** The term the stream's first invoice gave, else the statutory default. */
function paymentTermOf(invoice: InvoiceIssued['data']): number {
  const days = daysBetween(invoice.issuedOn, invoice.dueDate);
  return days > 0 ? days : DEFAULT_PAYMENT_TERM_DAYS;
}

/** Who the stream bills: its first invoice's customer and rulebook, and the aggregate it belongs to. */
function partyOf(streamId: string, first: RecordedEvent | undefined, invoice: InvoiceIssued['data']): BillingParty {
  const party: BillingParty = { customerId: invoice.customerId, provider: invoice.provider, ownerStreamId: streamId };
  if (first?.type === 'EnrolmentRegistered') party.enrolmentId = String(first.data['enrolmentId']);
  if (first?.type === 'ParticipantRegistered') party.participantId = String(first.data['participantId']);
  return party;
}

export const correctionCommandHandlers = [CorrectDecisionHandler];
