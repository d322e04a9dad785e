/**
 * Complaints (docs/api.md "Finance") and document numbering (invoices FIN-I9, credit notes FIN-I16), one class and one handler per
 * command type. A complaint is filed about an enrolment: its handler reads the enrolment's
 * agreement from the enrolment's stream and asks the rulebook which day the complaint window
 * counts from; the others need nothing beyond the complaint's own stream.
 */
import { CommandHandler } from '@nestjs/cqrs';
import {
  complaintDecider,
  creditNoteNumberingDecider,
  DomainError,
  enrolmentDecider,
  enrolmentStreamId,
  invoiceNumberingDecider,
  type ComplaintCommand,
  type ComplaintEvent,
  type ComplaintState,
  type FileComplaint,
} from '@ledger/domain';
import { financeActsOf } from '@ledger/regulations';
import { CommandFieldError, DecidingHandler, LedgerCommand, plainCommand, type PayloadOf } from './ledger-command';

/** The complaint names its enrolment; the enrolment's stream gives its owner, customer and rulebook. */
export class FileComplaintCommand extends LedgerCommand<
  Omit<PayloadOf<FileComplaint>, 'ownerStreamId' | 'customerId' | 'provider'>
> {}

@CommandHandler(FileComplaintCommand)
export class FileComplaintHandler extends DecidingHandler<
  FileComplaintCommand,
  ComplaintCommand,
  ComplaintEvent,
  ComplaintState
> {
  protected readonly decider = complaintDecider;

  protected async toDomain({ payload }: FileComplaintCommand): Promise<ComplaintCommand> {
    const { state } = await this.pipeline.loadState(enrolmentDecider, enrolmentStreamId(payload.enrolmentId));
    const agreement = state.agreement;
    if (!agreement) throw new DomainError('ENROLMENT_NOT_FOUND', 404, `No enrolment ${payload.enrolmentId}`);
    const provider = agreement.rulebook.id;
    // The fact the rulebook counts the complaint window from (e.g. the course's last day).
    const needed = financeActsOf(this.pipeline.rulebooks.rulebookFor(provider, payload.filedAt)).complaints
      .requiredFact;
    if (needed && !payload[needed.field]) throw new CommandFieldError(needed.field, `${needed.reason}: give its day`);
    return {
      type: 'FileComplaint',
      ...payload,
      ownerStreamId: agreement.streamId,
      customerId: agreement.customerId,
      provider,
    };
  }
}

export const AnswerComplaint = plainCommand(complaintDecider, 'AnswerComplaint');
export const DeclareComplaintWellFounded = plainCommand(complaintDecider, 'DeclareComplaintWellFounded');
export const CloseComplaint = plainCommand(complaintDecider, 'CloseComplaint');
export const FlagComplaintDeadline = plainCommand(complaintDecider, 'FlagComplaintDeadline');
/** Sent by the invoice-numbering process for every InvoiceIssued it reads. */
export const AssignInvoiceNumber = plainCommand(invoiceNumberingDecider, 'AssignInvoiceNumber');
/** Sent by the same process for every CreditNoteIssued it reads. */
export const AssignCreditNoteNumber = plainCommand(creditNoteNumberingDecider, 'AssignCreditNoteNumber');

export const complaintCommandHandlers = [
  FileComplaintHandler,
  ...[
    AnswerComplaint,
    DeclareComplaintWellFounded,
    CloseComplaint,
    FlagComplaintDeadline,
    AssignInvoiceNumber,
    AssignCreditNoteNumber,
  ].map((c) => c.handler),
];
