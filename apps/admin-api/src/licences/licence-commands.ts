/**
 * Runs participant commands and shapes their responses. Every response field is derived from the
 * recorded events only, so a resent command id gets the identical response back.
 */
import { BadRequestException, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandResult } from '@ledger/application';
import { participantDecider, type InvoiceIssued, type ParticipantCommand } from '@ledger/domain';
import type { Decision } from '@ledger/regulations';
import {
  commandResponse,
  envelopeOf,
  ExecuteDecider,
  type CommandResponse,
  type LedgerRequest,
} from '../http/commands';
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

@Injectable()
export class ParticipantCommands {
  constructor(private readonly commandBus: CommandBus) {}

  async run(
    request: LedgerRequest,
    name: string,
    body: { commandId: string },
    businessTime: string,
    command: ParticipantCommand,
  ): Promise<ParticipantCommandResponse> {
    const envelope = envelopeOf(request, name, body, businessTime);
    const result = await this.commandBus.execute<ExecuteDecider, CommandResult>(
      new ExecuteDecider(participantDecider, command, envelope),
    );
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
