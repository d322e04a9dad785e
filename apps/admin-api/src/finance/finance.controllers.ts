import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Clock, CommandResult, ReadModels } from '@ledger/application';
import {
  asOfDay,
  asOfInstant,
  billingCorrectionDecider,
  DomainError,
  dunningDecider,
  invoicePrincipalAsOf,
  ownerDeciderFor,
  paymentRoutes,
  routeFor,
  type AsOf,
  type CustomerBalance,
  type PayRefund,
  type ReversePayment,
  type SendPaymentReminder,
} from '@ledger/domain';
import {
  BALANCES,
  INVOICES,
  REFUNDS,
  type CustomerTotalsDocument,
  type InvoiceDocument,
  type InvoiceLedgerDocument,
  type PaymentDirectoryDocument,
  type RefundDocument,
} from '@ledger/projections';
import { compareInstants, isLocalDate, STATUTORY_REMINDER, toLocalDate } from '@ledger/regulations';
import { AdminOnly, CommandRoles, FinanceReadRoles } from '../auth/roles';
import {
  commandResponse,
  envelopeOf,
  ExecuteDecider,
  type CommandResponse,
  type LedgerRequest,
} from '../http/commands';
import { ID_PATTERN } from '../http/validators';
import { CLOCK, READ_MODELS } from '../tokens';
import { BalanceReader } from './balance-reader';
import { CSV_CONTENT_TYPE, csvStream, toCsv, wantsCsv } from './csv';
import {
  BalanceQuery,
  BalancesExportQuery,
  PayRefundDto,
  RecordPaymentDto,
  RefundsQuery,
  ReversePaymentDto,
  SendReminderDto,
} from './finance.dto';
import { InvoiceNumberingProcess } from './invoice-numbering.process';
import { InvoiceDocuments } from './invoicing/invoice-documents';
import { renderInvoicePdf } from './invoicing/invoice-pdf';
import { renderInvoiceUbl } from './invoicing/invoice-ubl';

/** True when the client asks for the PDF document (Accept: application/pdf) rather than JSON. */
const wantsPdf = (accept: string | undefined): boolean =>
  typeof accept === 'string' && /(^|,)\s*application\/pdf\b/i.test(accept);

export { RecordPaymentDto, RefundsQuery } from './finance.dto';

/** Payouts per refund entitlement: a bound (a refund is normally paid in one transfer). */
export const MAX_PAYOUTS_PER_REFUND = 20;
/** The idempotency hash covers the route's ids too: one command id cannot be replayed against another resource. */
const hashed = (body: { commandId: string }, ids: Record<string, string>): { commandId: string } => ({
  ...body,
  ...ids,
});

/** Refunds per GET /refunds page. */
const MAX_REFUNDS_PER_PAGE = 5_000;

const fieldError = (field: string, message: string) =>
  new BadRequestException({
    error: 'VALIDATION_FAILED',
    message: `${field}: ${message}`,
    fields: [{ field, messages: [message] }],
  });

function checkedId(id: string, error: string, what: string): string {
  if (!ID_PATTERN.test(id)) throw new NotFoundException({ error, message: `No ${what} ${id.slice(0, 100)}` });
  return id;
}

export function refundView(body: RefundDocument) {
  return {
    refundId: body.refundId,
    customerId: body.customerId,
    enrolmentId: body.enrolmentId,
    participantId: body.participantId,
    invoiceId: body.invoiceId,
    provider: body.provider,
    amountCents: body.amountCents,
    paidCents: body.paidCents,
    outstandingCents: body.amountCents - body.paidCents,
    dueDate: body.dueDate,
    decisionId: body.decisionId,
    reason: body.reason,
    ruleIds: body.ruleIds,
    status: body.status,
    grantedAt: body.grantedAt,
    lastPaidAt: body.lastPaidAt ?? null,
    payouts: body.payouts,
    ownerStreamId: body.ownerStreamId,
  };
}

const REFUND_CSV_HEADER = [
  'refundId',
  'customerId',
  'provider',
  'enrolmentId',
  'participantId',
  'invoiceId',
  'amountCents',
  'paidCents',
  'outstandingCents',
  'dueDate',
  'status',
  'reason',
  'ruleIds',
  'decisionId',
  'grantedAt',
  'lastPaidAt',
];
const refundCsvRow = (r: ReturnType<typeof refundView>) => [
  r.refundId,
  r.customerId,
  r.provider,
  r.enrolmentId,
  r.participantId,
  r.invoiceId,
  r.amountCents,
  r.paidCents,
  r.outstandingCents,
  r.dueDate,
  r.status,
  r.reason,
  r.ruleIds.join(' '),
  r.decisionId,
  r.grantedAt,
  r.lastPaidAt,
];

const BALANCE_CSV_HEADER = [
  'customerId',
  'customerKind',
  'asOf',
  'invoicedCents',
  'creditedCents',
  'paidCents',
  'refundsGrantedCents',
  'refundsOwedCents',
  'refundsPaidCents',
  'outstandingCents',
  'overdueCents',
  'creditBalanceCents',
  'interestCents',
  'interestStatus',
  'interestRateUnknownFrom',
  'collectionCostsCents',
  'totalDueCents',
  'netPositionCents',
  'ruleIds',
];
const balanceCsvRow = (b: CustomerBalance) => [
  b.customerId,
  b.customerKind,
  b.asOf,
  b.invoicedCents,
  b.creditedCents,
  b.paidCents,
  b.refundsGrantedCents,
  b.refundsOwedCents,
  b.refundsPaidCents,
  b.outstandingCents,
  b.overdueCents,
  b.creditBalanceCents,
  b.interestCents,
  b.interestStatus,
  b.interestRateUnknownFrom,
  b.collectionCostsCents,
  b.totalDueCents,
  b.netPositionCents,
  b.ruleIds.join(' '),
];

@ApiTags('finance')
@ApiBearerAuth()
@Controller()
export class FinanceController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly balances: BalanceReader,
    private readonly numbering: InvoiceNumberingProcess,
    private readonly documents: InvoiceDocuments,
  ) {}

  // ---- payments ------------------------------------------------------------------------------

  /** A payment against an invoice, recorded in the stream that owns the invoice. */
  @Post('payments')
  @HttpCode(201)
  @CommandRoles()
  async recordPayment(@Body() body: RecordPaymentDto, @Req() request: LedgerRequest): Promise<CommandResponse> {
    const invoice = await this.invoice(body.invoiceId);
    const directory = await this.readModels.get<PaymentDirectoryDocument>(
      INVOICES.name,
      INVOICES.payments,
      body.paymentId,
    );
    if (directory?.body.entries.some((e) => e.invoiceId !== body.invoiceId)) {
      throw new ConflictException({
        error: 'PAYMENT_ID_EXISTS',
        message: `Payment id ${body.paymentId} is already recorded on another invoice`,
      });
    }
    const route = routeFor(paymentRoutes, invoice.ownerStreamId);
    if (!route)
      throw new DomainError('NO_PAYMENT_ROUTE', 422, `Invoices of ${invoice.ownerStreamId} take no payments yet`);
    const { decider, command } = route.toCommand(invoice.ownerStreamId, {
      paymentId: body.paymentId,
      invoiceId: body.invoiceId,
      amountCents: body.amountCents,
      receivedAt: body.receivedAt,
    });
    const envelope = envelopeOf(request, 'RecordPayment', body, body.receivedAt);
    const result = await this.commandBus.execute<ExecuteDecider, CommandResult>(
      new ExecuteDecider(decider, command, envelope),
    );
    return commandResponse(result);
  }

  /** Payments are never edited: a payment recorded in error, returned or charged back is reversed by a new event. */
  @Post('payments/:paymentId/reversals')
  @HttpCode(201)
  @CommandRoles()
  async reversePayment(
    @Param('paymentId') paymentId: string,
    @Body() body: ReversePaymentDto,
    @Req() request: LedgerRequest,
  ): Promise<CommandResponse> {
    checkedId(paymentId, 'PAYMENT_NOT_FOUND', 'payment');
    await this.readModels.ready();
    const directory = await this.readModels.get<PaymentDirectoryDocument>(INVOICES.name, INVOICES.payments, paymentId);
    const entries = (directory?.body.entries ?? []).filter((e) => !body.invoiceId || e.invoiceId === body.invoiceId);
    if (entries.length === 0)
      throw new NotFoundException({
        error: 'PAYMENT_NOT_FOUND',
        message: `No payment ${paymentId}${body.invoiceId ? ` on invoice ${body.invoiceId}` : ''}`,
      });
    if (entries.length > 1)
      throw new ConflictException({
        error: 'PAYMENT_ID_AMBIGUOUS',
        message: `Payment id ${paymentId} was used on several invoices: name the invoiceId`,
      });
    const entry = entries[0]!;
    if (compareInstants(body.reversedAt, entry.receivedAt) < 0)
      throw fieldError(
        'reversedAt',
        `a reversal cannot precede the payment it reverses (received ${entry.receivedAt})`,
      );
    const owner = ownerDeciderFor(entry.ownerStreamId, paymentRoutes);
    if (!owner)
      throw new DomainError('NO_PAYMENT_ROUTE', 422, `Payments of ${entry.ownerStreamId} cannot be reversed yet`);
    const command: ReversePayment = {
      type: 'ReversePayment',
      paymentId,
      invoiceId: entry.invoiceId,
      customerId: entry.customerId,
      reversedAt: body.reversedAt,
      reason: body.reason,
    };
    const envelope = envelopeOf(request, 'ReversePayment', hashed(body, { paymentId }), body.reversedAt);
    const result = await this.commandBus.execute<ExecuteDecider, CommandResult>(
      new ExecuteDecider(billingCorrectionDecider(owner, entry.ownerStreamId), command, envelope),
    );
    return commandResponse(result);
  }

  // ---- invoices ------------------------------------------------------------------------------

  /**
   * The invoice with its number (FIN-I9), betalingskenmerk, payments, credit notes and reminders;
   * with `Accept: application/pdf` the invoice document in Dutch (409 INVOICE_NOT_NUMBERED before
   * it has a number).
   */
  @Get('invoices/:invoiceId')
  @FinanceReadRoles()
  @ApiProduces('application/json', 'application/pdf')
  async getInvoice(
    @Param('invoiceId') invoiceId: string,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InvoiceDocument | Buffer> {
    const invoice = await this.invoice(invoiceId);
    if (!wantsPdf(accept)) return invoice;
    const model = await this.documents.model(invoice);
    void reply.header('content-type', 'application/pdf');
    void reply.header('content-disposition', `inline; filename="factuur-${model.invoiceNumber}.pdf"`);
    return renderInvoicePdf(model);
  }

  /** The invoice as a UBL 2.1 e-invoice, EN 16931 with the Peppol BIS Billing 3.0 customization. */
  @Get('invoices/:invoiceId/ubl')
  @FinanceReadRoles()
  @ApiProduces('application/xml')
  async getInvoiceUbl(
    @Param('invoiceId') invoiceId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const model = await this.documents.model(await this.invoice(invoiceId));
    void reply.header('content-type', 'application/xml; charset=utf-8');
    void reply.header('content-disposition', `attachment; filename="${model.invoiceNumber}.xml"`);
    return renderInvoiceUbl(model);
  }

  /**
   * A payment reminder (EXC-11, LOI-6.2-3, §6): records when its term ends and from when collection
   * costs (and for Excellus interest) run. 422 REMINDER_BEFORE_DEFAULT / INVOICE_NOT_OVERDUE.
   */
  @Post('invoices/:invoiceId/reminders')
  @HttpCode(201)
  @CommandRoles()
  async sendReminder(
    @Param('invoiceId') invoiceId: string,
    @Body() body: SendReminderDto,
    @Req() request: LedgerRequest,
  ) {
    const invoice = await this.invoice(invoiceId);
    const sentOn = toLocalDate(body.sentAt);
    if (body.receivedOn !== undefined && body.receivedOn < sentOn)
      throw fieldError('receivedOn', `a reminder sent ${sentOn} cannot be received before`);
    const ledger = await this.readModels.get<InvoiceLedgerDocument>(BALANCES.name, BALANCES.invoices, invoiceId);
    if (!ledger) throw new NotFoundException({ error: 'INVOICE_NOT_FOUND', message: `No invoice ${invoiceId}` });
    const customer = await this.readModels.get<CustomerTotalsDocument>(
      BALANCES.name,
      BALANCES.customers,
      invoice.customerId,
    );
    const command: SendPaymentReminder = {
      type: 'SendPaymentReminder',
      invoiceId,
      sentAt: body.sentAt,
      receivedOn: body.receivedOn ?? sentOn,
      termDays: body.termDays ?? STATUTORY_REMINDER.minimumTermDays,
      invoice: {
        customerId: invoice.customerId,
        provider: ledger.body.provider,
        ownerStreamId: invoice.ownerStreamId,
        dueDate: invoice.dueDate,
        outstandingCents: invoicePrincipalAsOf(ledger.body, asOfInstant(body.sentAt)),
      },
      customerKind: customer?.body.kind ?? null,
    };
    const envelope = envelopeOf(request, 'SendPaymentReminder', hashed(body, { invoiceId }), body.sentAt);
    const result = await this.commandBus.execute<ExecuteDecider, CommandResult>(
      new ExecuteDecider(dunningDecider, command, envelope),
    );
    const response = commandResponse(result);
    return { ...response, reminder: result.events[0]?.data ?? null };
  }

  // ---- refunds -------------------------------------------------------------------------------

  /**
   * Refund entitlements (docs/api.md "Finance"): who, how much, by when, and the decision behind it.
   * JSON or CSV (Accept: text/csv).
   */
  @Get('refunds')
  @FinanceReadRoles()
  @ApiProduces('application/json', 'text/csv')
  async listRefunds(
    @Query() query: RefundsQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { refunds, nextCursor } = await this.refundPage(query);
    if (nextCursor) void reply.header('x-next-cursor', nextCursor);
    if (wantsCsv(accept)) {
      void reply.header('content-type', CSV_CONTENT_TYPE);
      return toCsv(REFUND_CSV_HEADER, refunds.map(refundCsvRow));
    }
    return refunds;
  }

  /** CSV export of the refund entitlements projection (same filters and paging as GET /refunds). */
  @Get('exports/refunds.csv')
  @FinanceReadRoles()
  @ApiProduces('text/csv')
  async exportRefunds(@Query() query: RefundsQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const { refunds, nextCursor } = await this.refundPage(query);
    if (nextCursor) void reply.header('x-next-cursor', nextCursor);
    void reply.header('content-type', CSV_CONTENT_TYPE);
    void reply.header('content-disposition', 'attachment; filename="refunds.csv"');
    return toCsv(REFUND_CSV_HEADER, refunds.map(refundCsvRow));
  }

  @Get('refunds/:refundId')
  @FinanceReadRoles()
  async getRefund(@Param('refundId') refundId: string) {
    return refundView(await this.refund(refundId));
  }

  /**
   * Pays (part of) a refund entitlement out (FIN-I10): RefundPaid in the stream that owns the
   * entitlement; never beyond what is still owed (422 PAYOUT_EXCEEDS_ENTITLEMENT).
   */
  @Post('refunds/:refundId/payments')
  @HttpCode(201)
  @CommandRoles()
  async payRefund(
    @Param('refundId') refundId: string,
    @Body() body: PayRefundDto,
    @Req() request: LedgerRequest,
  ): Promise<CommandResponse> {
    const refund = await this.refund(refundId);
    if (refund.payouts.length >= MAX_PAYOUTS_PER_REFUND) {
      throw new ConflictException({
        error: 'PAYOUT_LIMIT_REACHED',
        message: `Refund ${refundId} already has ${MAX_PAYOUTS_PER_REFUND} payouts`,
      });
    }
    if (refund.grantedAt && compareInstants(body.paidAt, refund.grantedAt) < 0)
      throw fieldError('paidAt', `a refund cannot be paid out before it was granted (${refund.grantedAt})`);
    const owner = ownerDeciderFor(refund.ownerStreamId, paymentRoutes);
    if (!owner)
      throw new DomainError('NO_PAYMENT_ROUTE', 422, `Refunds of ${refund.ownerStreamId} cannot be paid out yet`);
    const command: PayRefund = {
      type: 'PayRefund',
      refundId,
      customerId: refund.customerId,
      amountCents: body.amountCents,
      paidAt: body.paidAt,
      reference: body.reference,
    };
    const envelope = envelopeOf(request, 'PayRefund', hashed(body, { refundId }), body.paidAt);
    const result = await this.commandBus.execute<ExecuteDecider, CommandResult>(
      new ExecuteDecider(billingCorrectionDecider(owner, refund.ownerStreamId), command, envelope),
    );
    return commandResponse(result);
  }

  // ---- balances ------------------------------------------------------------------------------

  /**
   * The customer's balance as of a business time (docs/api.md "Finance"): principal, refunds, statutory
   * interest (computed on read, `interestStatus` says when a rate is unknown) and collection costs,
   * with a per-invoice breakdown citing the rule and interpretation ids used.
   */
  @Get('customers/:customerId/balance')
  @FinanceReadRoles()
  async balance(@Param('customerId') customerId: string, @Query() query: BalanceQuery) {
    checkedId(customerId, 'CUSTOMER_NOT_FOUND', 'customer');
    const asOf = this.asOf(query.asOf, query.knownAt);
    await this.readModels.ready();
    const balance = await this.balances.balance(customerId, asOf);
    if (query.invoices === 'false') {
      const { invoices: _omitted, ...summary } = balance;
      return summary;
    }
    return balance;
  }

  /**
   * CSV export of every customer's balance as of a business time, streamed: every customer, however
   * many (with `limit`, one page and `x-next-cursor`). `format=nl` for Dutch Excel.
   */
  @Get('exports/balances.csv')
  @FinanceReadRoles()
  @ApiProduces('text/csv')
  async exportBalances(@Query() query: BalancesExportQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const asOf = this.asOf(query.asOf, undefined);
    await this.readModels.ready();
    const tables = await this.balances.interestTables(asOf.knownAt);
    const onePage = query.limit !== undefined;
    const first = await this.readModels.find<CustomerTotalsDocument>(BALANCES.name, BALANCES.customers, {
      limit: onePage ? Number(query.limit) : 500,
      cursor: query.cursor,
    });
    if (onePage && first.nextCursor) void reply.header('x-next-cursor', first.nextCursor);
    const { readModels, balances } = this;
    async function* rows(): AsyncGenerator<ReturnType<typeof balanceCsvRow>> {
      let page = first;
      for (;;) {
        for (const { body } of page.items)
          yield balanceCsvRow(await balances.balance(body.customerId, asOf, body, tables));
        if (onePage || !page.nextCursor) return;
        page = await readModels.find<CustomerTotalsDocument>(BALANCES.name, BALANCES.customers, {
          limit: 500,
          cursor: page.nextCursor,
        });
      }
    }
    void reply.header('content-type', CSV_CONTENT_TYPE);
    void reply.header('content-disposition', `attachment; filename="balances-${asOf.date}.csv"`);
    return csvStream(BALANCE_CSV_HEADER, rows(), query.format ?? 'rfc');
  }

  // ---- invoice numbers -----------------------------------------------------------------------

  /** Numbers every invoice issued so far (FIN-I9); the API also does this every second on its own. */
  @Post('invoice-numbering/runs')
  @HttpCode(200)
  @AdminOnly()
  async runInvoiceNumbering() {
    return this.numbering.runOnce();
  }

  // ---- helpers -------------------------------------------------------------------------------

  private asOf(asOf: string | undefined, knownAt: string | undefined): AsOf {
    const known = knownAt ?? null;
    if (asOf === undefined) return asOfDay(toLocalDate(this.clock.now().toISOString()), known);
    return isLocalDate(asOf) ? asOfDay(asOf, known) : asOfInstant(asOf, known);
  }

  private async refundPage(
    query: RefundsQuery,
  ): Promise<{ refunds: Array<ReturnType<typeof refundView>>; nextCursor: string | undefined }> {
    await this.readModels.ready();
    const where: Record<string, string> = {};
    if (query.status) where['status'] = query.status;
    if (query.customerId) where['customerId'] = query.customerId;
    const limit = query.limit ? Number(query.limit) : MAX_REFUNDS_PER_PAGE;
    const refunds: Array<ReturnType<typeof refundView>> = [];
    let cursor = query.cursor;
    do {
      const page = await this.readModels.find<RefundDocument>(REFUNDS.name, REFUNDS.collection, {
        where,
        orderBy: { field: 'dueDate', direction: 'asc' },
        limit: Math.min(500, limit - refunds.length),
        cursor,
      });
      refunds.push(...page.items.map(({ body }) => refundView(body)));
      cursor = page.nextCursor;
    } while (cursor && refunds.length < limit);
    return { refunds, nextCursor: cursor };
  }

  private async refund(refundId: string): Promise<RefundDocument> {
    checkedId(refundId, 'REFUND_NOT_FOUND', 'refund');
    await this.readModels.ready();
    const document = await this.readModels.get<RefundDocument>(REFUNDS.name, REFUNDS.collection, refundId);
    if (!document) throw new NotFoundException({ error: 'REFUND_NOT_FOUND', message: `No refund ${refundId}` });
    return document.body;
  }

  private async invoice(invoiceId: string): Promise<InvoiceDocument> {
    checkedId(invoiceId, 'INVOICE_NOT_FOUND', 'invoice');
    await this.readModels.ready();
    const document = await this.readModels.get<InvoiceDocument>(INVOICES.name, INVOICES.collection, invoiceId);
    if (!document) throw new NotFoundException({ error: 'INVOICE_NOT_FOUND', message: `No invoice ${invoiceId}` });
    return document.body;
  }
}
