import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import type { CommandResult, ReadModels } from '@ledger/application';
import { paymentRoutes, routeFor } from '@ledger/domain';
import { INVOICES, REFUNDS, type InvoiceDocument, type RefundDocument } from '@ledger/projections';
import { CommandRoles, FinanceReadRoles } from '../auth/roles';
import { commandResponse, envelopeOf, ExecuteDecider, type CommandResponse, type LedgerRequest } from '../http/commands';
import { ID_MESSAGE, ID_PATTERN, IsInstant } from '../http/validators';
import { READ_MODELS } from '../tokens';

/** Largest single payment accepted: 10 million euros, far above any booking; bounds typos. */
const MAX_PAYMENT_CENTS = 1_000_000_000;

export class RecordPaymentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  commandId!: string;

  @ApiProperty()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  paymentId!: string;

  @ApiProperty()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  invoiceId!: string;

  @ApiProperty({ description: 'Integer euro cents, > 0' })
  @IsInt()
  @Min(1)
  @Max(MAX_PAYMENT_CENTS)
  amountCents!: number;

  @ApiProperty({ description: 'Business time the money arrived' })
  @IsInstant()
  receivedAt!: string;
}

export class RefundsQuery {
  @ApiPropertyOptional({ enum: ['owed', 'paid'] })
  @IsOptional()
  @IsIn(['owed', 'paid'])
  status?: 'owed' | 'paid';

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  customerId?: string;
}

@ApiTags('finance')
@ApiBearerAuth()
@Controller()
export class FinanceController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  /** A payment against an invoice, recorded in the stream that owns the invoice. */
  @Post('payments')
  @HttpCode(201)
  @CommandRoles()
  async recordPayment(@Body() body: RecordPaymentDto, @Req() request: LedgerRequest): Promise<CommandResponse> {
    const invoice = await this.invoice(body.invoiceId);
    const route = routeFor(paymentRoutes, invoice.ownerStreamId);
    if (!route) throw new Error(`No payment route for stream ${invoice.ownerStreamId}`);
    const { decider, command } = route.toCommand(invoice.ownerStreamId, {
      paymentId: body.paymentId,
      invoiceId: body.invoiceId,
      amountCents: body.amountCents,
      receivedAt: body.receivedAt,
    });
    const envelope = envelopeOf(request, 'RecordPayment', body, body.receivedAt);
    const result = await this.commandBus.execute<ExecuteDecider, CommandResult>(new ExecuteDecider(decider, command, envelope));
    return commandResponse(result);
  }

  @Get('invoices/:invoiceId')
  @FinanceReadRoles()
  async getInvoice(@Param('invoiceId') invoiceId: string): Promise<InvoiceDocument> {
    return this.invoice(invoiceId);
  }

  /** Refund entitlements (api.md "Finance"): who, how much, by when, and the decision behind it. */
  @Get('refunds')
  @FinanceReadRoles()
  async listRefunds(@Query() query: RefundsQuery) {
    await this.readModels.ready();
    const where: Record<string, string> = {};
    if (query.status) where['status'] = query.status;
    if (query.customerId) where['customerId'] = query.customerId;
    const documents = await this.readModels.findAll<RefundDocument>(REFUNDS.name, REFUNDS.collection, { where, orderBy: { field: 'dueDate', direction: 'asc' } }, 50_000);
    return documents.map(({ body }) => ({
      refundId: body.refundId,
      customerId: body.customerId,
      enrolmentId: body.enrolmentId,
      participantId: body.participantId,
      invoiceId: body.invoiceId,
      amountCents: body.amountCents,
      paidCents: body.paidCents,
      outstandingCents: body.amountCents - body.paidCents,
      dueDate: body.dueDate,
      decisionId: body.decisionId,
      reason: body.reason,
      ruleIds: body.ruleIds,
      status: body.status,
    }));
  }

  private async invoice(invoiceId: string): Promise<InvoiceDocument> {
    if (!ID_PATTERN.test(invoiceId)) throw new NotFoundException({ error: 'INVOICE_NOT_FOUND', message: `No invoice ${invoiceId.slice(0, 100)}` });
    await this.readModels.ready();
    const document = await this.readModels.get<InvoiceDocument>(INVOICES.name, INVOICES.collection, invoiceId);
    if (!document) throw new NotFoundException({ error: 'INVOICE_NOT_FOUND', message: `No invoice ${invoiceId}` });
    return document.body;
  }
}
