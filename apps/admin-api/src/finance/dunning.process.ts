/**
 * Automated dunning (docs/operations.md "Dunning"): for every invoice still unpaid after its due
 * date and not yet reminded, the first reminder is sent as an ordinary SendPaymentReminder command
 * on the first day of default (09:00 Amsterdam), with the statutory 14-day term; the invoice's
 * rulebook decides through its reminder act (free reminder, when collection costs and interest run),
 * exactly as a reminder sent by hand. The command id derives from the invoice, so a run repeated or
 * overlapping another sends nothing twice. Run with POST /dunning/runs {until}.
 */
import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { internalActor, SendPaymentReminderCommand, type CommandResult, type ReadModels } from '@ledger/application';
import { DomainError } from '@ledger/domain';
import { INVOICES, type InvoiceDocument } from '@ledger/projections';
import {
  addDays,
  addHours,
  compareInstants,
  RuleViolation,
  startOfDay,
  STATUTORY_REMINDER,
  toLocalDate,
} from '@ledger/regulations';
import { READ_MODELS } from '../tokens';

export const DUNNING_ACTOR = internalActor('dunning', 'scheduler');
/** Invoices one run looks at: a bound per run (the next run goes on where this one stopped). */
export const MAX_INVOICES_PER_DUNNING_RUN = 50_000;
const PAGE = 500;

export interface DunningOutcome {
  invoiceId: string;
  sentAt: string;
  outcome: 'sent' | 'already-sent' | 'refused';
  error?: string;
}

function reminderCommandId(invoiceId: string, reminderNumber: number): string {
  const hex = createHash('sha256').update(`ledger-dunning:${invoiceId}:${reminderNumber}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

@Injectable()
export class DunningProcess {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  /** Sends every first reminder due by `until` (business time). */
  async runUntil(until: string): Promise<DunningOutcome[]> {
    await this.readModels.ready();
    const outcomes: DunningOutcome[] = [];
    let cursor: string | undefined;
    let seen = 0;
    do {
      const page = await this.readModels.find<InvoiceDocument>(INVOICES.name, INVOICES.collection, {
        orderBy: { field: 'dueDate', direction: 'asc' },
        limit: PAGE,
        cursor,
      });
      cursor = page.nextCursor;
      seen += page.items.length;
      for (const { body: invoice } of page.items) {
        const sentAt = addHours(startOfDay(addDays(invoice.dueDate, 1)), 9);
        if (compareInstants(sentAt, until) > 0) return outcomes;
        if (invoice.outstandingCents <= 0 || invoice.reminders.length > 0) continue;
        outcomes.push(await this.remind(invoice, sentAt));
      }
    } while (cursor && seen < MAX_INVOICES_PER_DUNNING_RUN);
    return outcomes;
  }

  /** The reminder is decided by its handler from the log (what the invoice still asks, the customer's kind). */
  private async remind(invoice: InvoiceDocument, sentAt: string): Promise<DunningOutcome> {
    const payload = {
      invoiceId: invoice.invoiceId,
      sentAt,
      receivedOn: toLocalDate(sentAt),
      termDays: STATUTORY_REMINDER.minimumTermDays,
    };
    const envelope = {
      commandId: reminderCommandId(invoice.invoiceId, 1),
      commandName: 'SendPaymentReminder',
      body: { invoiceId: invoice.invoiceId, reminderNumber: 1, sentAt },
      actor: DUNNING_ACTOR,
      occurredAt: sentAt,
    };
    try {
      const result = await this.commandBus.execute<SendPaymentReminderCommand, CommandResult>(
        new SendPaymentReminderCommand(payload, envelope),
      );
      const sent = !result.replayed && result.events.length > 0;
      return { invoiceId: invoice.invoiceId, sentAt, outcome: sent ? 'sent' : 'already-sent' };
    } catch (error) {
      if (error instanceof RuleViolation || error instanceof DomainError)
        return { invoiceId: invoice.invoiceId, sentAt, outcome: 'refused', error: (error as { error?: string }).error };
      throw error;
    }
  }
}
