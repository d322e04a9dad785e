/**
 * Automated dunning per invoice (FIN-I15, GET /dunning): what each invoice still asks, the letters
 * sent, the step that comes next and when, the escalation and a pause with its reason and who.
 * One document per invoice, each event O(1); reminders per invoice are bounded
 * (MAX_REMINDERS_PER_INVOICE).
 */
import {
  firstDunningStep,
  type BillingEvent,
  type DunningEvent,
  type DunningNextStep,
  type InvoiceNumberAssigned,
} from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import type { ProjectionContext, ProjectionDefinition } from '@ledger/read-store';
import { paymentReferenceFor, toUtcIso } from '@ledger/regulations';

export const DUNNING = { name: 'dunning', version: 1, collection: 'dunning' } as const;

export type DunningStage = 'none' | 'sent' | 'escalated';

export interface DunningLetterView {
  reminderNumber: number;
  letter: string;
  sentAt: string;
  receivedOn: string;
  termDays: number;
  reminderTermEndsOn: string;
  collectionCostsDueFrom: string;
  interestFrom: string;
  outstandingCents: number;
  ruleIds: string[];
  interpretationIds: string[];
  decisionId: string | null;
}

export interface DunningDocument {
  [key: string]: unknown;
  invoiceId: string;
  invoiceNumber: string | null;
  paymentReference: string | null;
  customerId: string;
  provider: string;
  ownerStreamId: string;
  issuedOn: string;
  dueDate: string;
  totalCents: number;
  outstandingCents: number;
  letters: DunningLetterView[];
  next: Omit<DunningNextStep, 'deadlineId'> | null;
  /** `next.dueAt` in UTC (sorts in time order); null when no step is pending. */
  nextDueAtUtc: string | null;
  escalated: { escalatedAt: string; escalatedOn: string; ruleIds: string[]; interpretationIds: string[] } | null;
  paused: { since: string; reason: string; note: string | null; by: string } | null;
  /** Indexed: a pause is in force. */
  isPaused: boolean;
  stage: DunningStage;
  /** Indexed: the invoice asks money and dunning goes on (not paused, not escalated). */
  open: boolean;
}

type Handled = BillingEvent | InvoiceNumberAssigned | DunningEvent;

const nextView = (step: DunningNextStep | null | undefined): Pick<DunningDocument, 'next' | 'nextDueAtUtc'> =>
  step
    ? {
        next: { step: step.step, reminderNumber: step.reminderNumber, dueAt: step.dueAt },
        nextDueAtUtc: toUtcIso(step.dueAt),
      }
    : { next: null, nextDueAtUtc: null };

async function update(ctx: ProjectionContext, invoiceId: string, change: (d: DunningDocument) => DunningDocument) {
  const existing = await ctx.get<DunningDocument>(DUNNING.collection, invoiceId);
  if (!existing) throw new Error(`dunning projection: event for unknown invoice ${invoiceId}`);
  const next = change(existing.body);
  const open = next.outstandingCents > 0 && next.paused === null && next.escalated === null;
  const stage: DunningStage = next.escalated ? 'escalated' : next.letters.length > 0 ? 'sent' : 'none';
  ctx.put(DUNNING.collection, invoiceId, { ...next, open, stage, isPaused: next.paused !== null });
}

export const dunningProjection: ProjectionDefinition = {
  name: DUNNING.name,
  version: DUNNING.version,
  collections: [
    {
      name: DUNNING.collection,
      indexes: ['customerId', 'provider', 'stage', 'isPaused', 'open', 'nextDueAtUtc', 'dueDate'],
    },
  ],
  handles: [
    'InvoiceIssued',
    'CreditNoteIssued',
    'PaymentReceived',
    'PaymentReversed',
    'RefundEntitlementGranted',
    'InvoiceNumberAssigned',
    'PaymentReminderSent',
    'DunningEscalated',
    'DunningPaused',
    'DunningResumed',
  ],
  async apply(recorded: RecordedEvent, ctx: ProjectionContext) {
    const event = { type: recorded.type, data: recorded.data } as Handled;
    switch (event.type) {
      case 'InvoiceIssued': {
        const d = event.data;
        const document: DunningDocument = {
          invoiceId: d.invoiceId,
          invoiceNumber: null,
          paymentReference: null,
          customerId: d.customerId,
          provider: d.provider,
          ownerStreamId: recorded.streamId,
          issuedOn: d.issuedOn,
          dueDate: d.dueDate,
          totalCents: d.totalCents,
          outstandingCents: d.totalCents,
          letters: [],
          ...nextView(firstDunningStep(d.invoiceId, d.dueDate)),
          escalated: null,
          paused: null,
          isPaused: false,
          stage: 'none',
          open: d.totalCents > 0,
        };
        ctx.put(DUNNING.collection, d.invoiceId, document);
        return;
      }
      case 'CreditNoteIssued':
        return update(ctx, event.data.invoiceId, (d) => ({
          ...d,
          outstandingCents: d.outstandingCents - event.data.totalCents,
        }));
      case 'PaymentReceived':
        return update(ctx, event.data.invoiceId, (d) => ({
          ...d,
          outstandingCents: d.outstandingCents - event.data.amountCents,
        }));
      case 'PaymentReversed':
        return update(ctx, event.data.invoiceId, (d) => ({
          ...d,
          outstandingCents: d.outstandingCents + event.data.amountCents,
        }));
      case 'RefundEntitlementGranted': {
        const { invoiceId, amountCents } = event.data;
        if (!invoiceId) return;
        return update(ctx, invoiceId, (d) => ({ ...d, outstandingCents: d.outstandingCents + amountCents }));
      }
      case 'InvoiceNumberAssigned':
        return update(ctx, event.data.invoiceId, (d) => ({
          ...d,
          invoiceNumber: event.data.invoiceNumber,
          paymentReference:
            event.data.paymentReference ?? paymentReferenceFor(event.data.issuedOn, event.data.sequence),
        }));
      case 'PaymentReminderSent': {
        const r = event.data;
        const letter: DunningLetterView = {
          reminderNumber: r.reminderNumber,
          letter: r.letter ?? (r.reminderNumber === 1 ? 'herinnering' : 'aanmaning'),
          sentAt: r.sentAt,
          receivedOn: r.receivedOn,
          termDays: r.termDays,
          reminderTermEndsOn: r.reminderTermEndsOn,
          collectionCostsDueFrom: r.collectionCostsDueFrom,
          interestFrom: r.interestFrom,
          outstandingCents: r.outstandingCents,
          ruleIds: r.ruleIds,
          interpretationIds: r.interpretationIds,
          decisionId: (r.decision as { decisionId?: string } | null)?.decisionId ?? null,
        };
        return update(ctx, r.invoiceId, (d) => ({
          ...d,
          letters: [...d.letters, letter],
          ...(r.next === undefined ? {} : nextView(r.next)),
        }));
      }
      case 'DunningEscalated': {
        const e = event.data;
        return update(ctx, e.invoiceId, (d) => ({
          ...d,
          ...nextView(null),
          escalated: {
            escalatedAt: e.escalatedAt,
            escalatedOn: e.escalatedOn,
            ruleIds: e.ruleIds,
            interpretationIds: e.interpretationIds,
          },
        }));
      }
      case 'DunningPaused': {
        const p = event.data;
        return update(ctx, p.invoiceId, (d) => ({
          ...d,
          paused: { since: p.pausedAt, reason: p.reason, note: p.note, by: p.pausedBy },
        }));
      }
      case 'DunningResumed':
        return update(ctx, event.data.invoiceId, (d) => ({ ...d, paused: null, ...nextView(event.data.next) }));
      default:
        return;
    }
  },
};
