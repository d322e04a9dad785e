/**
 * Sends participant commands and shapes their responses. Every response field is derived from the
 * recorded events only, so a resent command id gets the identical response back.
 */
import { BadRequestException, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandResult, LedgerCommand, LedgerCommandClass } from '@ledger/application';
import type { InvoiceIssued } from '@ledger/domain';
import type { Decision } from '@ledger/regulations';
import { commandResponse, envelopeOf, type CommandResponse, type LedgerRequest } from '../http/commands';
import { ID_PATTERN } from '../http/validators';

export interface InvoiceSummary {
  invoiceId: string;
  reason: string;
  issuedOn: string;
  dueDate: string;
  netCents: number;
  vatCents: number;
  totalCents: number;
}

export type ParticipantCommandResponse = CommandResponse & {
  decisions: Decision[];
  invoice?: InvoiceSummary;
  invoices?: InvoiceSummary[];
};

const summary = (data: InvoiceIssued['data']): InvoiceSummary => ({
  invoiceId: data.invoiceId,
  reason: data.reason,
  issuedOn: data.issuedOn,
  dueDate: data.dueDate,
  netCents: data.netCents,
  vatCents: data.vatCents,
  totalCents: data.totalCents,
});

/** Path ids become stream names: a malformed one is a 400 naming the parameter. */
export function pathId(value: string, field: string): string {
  if (!ID_PATTERN.test(value)) {
    throw new BadRequestException({
      error: 'VALIDATION_FAILED',
      message: `${field}: must be 1-100 characters of letters, digits, _ . : -`,
      fields: [{ field, messages: ['invalid id'] }],
    });
  }
  return value;
}

/** Sends participant commands through the CommandBus and shapes their responses. */
@Injectable()
export class ParticipantCommands {
  constructor(private readonly commandBus: CommandBus) {}

  /** The envelope of a licence command from its HTTP request, then the command sent. */
  async send<P extends object, B extends { commandId: string }>(
    commandClass: LedgerCommandClass<P>,
    payload: P,
    request: LedgerRequest,
    /** The body as sent, with the route's ids: the idempotency hash covers both. */
    body: B,
    businessTime: string,
  ): Promise<ParticipantCommandResponse> {
    const envelope = envelopeOf(request, commandClass.name.replace(/Command$/, ''), body, businessTime);
    const result = await this.commandBus.execute<LedgerCommand<P>, CommandResult>(new commandClass(payload, envelope));
    const response = commandResponse(result);
    const invoices = result.events
      .filter((e) => e.type === 'InvoiceIssued')
      .map((e) => summary(e.data as InvoiceIssued['data']));
    const decisions = response.decisions ?? (response.decision ? [response.decision] : []);
    // `invoice` is the licence-fee invoice (docs/api.md); a crossing's surcharge invoice is listed in `invoices` too.
    const feeInvoice = invoices.find((i) => i.reason !== 'tier-surcharge') ?? invoices[0];
    return {
      ...response,
      decisions,
      ...(feeInvoice ? { invoice: feeInvoice } : {}),
      ...(invoices.length > 0 ? { invoices } : {}),
    };
  }
}
