import {
  BadRequestException,
  Body,
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
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  PayRefundCommand,
  RecordPaymentCommand,
  ReversePaymentCommand,
  SendPaymentReminderCommand,
  type Clock,
  type CommandResult,
  type LedgerCommand,
  type ReadModels,
} from '@ledger/application';
import { asOfDay, asOfInstant, type AsOf, type CustomerBalance } from '@ledger/domain';
import {
  BALANCES,
  INVOICES,
  REFUNDS,
  type CustomerTotalsDocument,
  type InvoiceDocument,
  type RefundDocument,
} from '@ledger/projections';
import { isLocalDate, toLocalDate } from '@ledger/regulations';
import { AdminOnly, CommandRoles, FinanceReadRoles } from '../auth/roles';
import { commandResponse, envelopeOf, type CommandResponse, type LedgerRequest } from '../http/commands';
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
import { COMMAND_ERRORS, CommandResponseSchema, CSV, Doc, objectOf, pageOf } from '../http/openapi';
import { InvoiceDocuments } from './invoicing/invoice-documents';
import { renderInvoicePdf } from './invoicing/invoice-pdf';
import { renderInvoiceUbl } from './invoicing/invoice-ubl';

/** True when the client asks for the PDF document (Accept: application/pdf) rather than JSON. */
export const wantsPdf = (accept: string | undefined): boolean =>
  typeof accept === 'string' && /(^|,)\s*application\/pdf\b/i.test(accept);

export { RecordPaymentDto, RefundsQuery } from './finance.dto';

/** The idempotency hash covers the route's ids too: one command id cannot be replayed against another resource. */
export const hashed = (body: { commandId: string }, ids: Record<string, string>): { commandId: string } => ({
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
  @Doc({
    summary: 'Record a payment',
    description:
      'A payment against an invoice, recorded in the stream that owns the invoice (PP-5.3, EXC-10.3). Appends PaymentReceived; overpayment becomes a refund entitlement. 404 for an unknown invoice.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: CommandResponseSchema,
    examples: {
      bankTransfer: {
        summary: 'A bank transfer paying an invoice in full',
        value: {
          commandId: '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
          paymentId: 'payment-0001',
          invoiceId: 'invoice-enrolment-e1-1',
          amountCents: 72600,
          receivedAt: '2026-03-05T11:15:00+01:00',
        },
      },
    },
  })
  @Post('payments')
  @HttpCode(201)
  @CommandRoles()
  async recordPayment(@Body() body: RecordPaymentDto, @Req() request: LedgerRequest): Promise<CommandResponse> {
    const payload = {
      paymentId: body.paymentId,
      invoiceId: body.invoiceId,
      amountCents: body.amountCents,
      receivedAt: body.receivedAt,
    };
    const envelope = envelopeOf(request, 'RecordPayment', body, body.receivedAt);
    return commandResponse(await this.send(new RecordPaymentCommand(payload, envelope)));
  }

  /** Payments are never edited: a payment recorded in error, returned or charged back is reversed by a new event. */
  @Doc({
    summary: 'Reverse a payment',
    description:
      'Payments are never edited: a payment recorded in error, returned or charged back is reversed by a new event (FIN-I5). Appends PaymentReversed; the invoice is open again.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: CommandResponseSchema,
  })
  @Post('payments/:paymentId/reversals')
  @HttpCode(201)
  @CommandRoles()
  async reversePayment(
    @Param('paymentId') paymentId: string,
    @Body() body: ReversePaymentDto,
    @Req() request: LedgerRequest,
  ): Promise<CommandResponse> {
    checkedId(paymentId, 'PAYMENT_NOT_FOUND', 'payment');
    const payload = {
      paymentId,
      invoiceId: body.invoiceId ?? null,
      reversedAt: body.reversedAt,
      reason: body.reason,
    };
    const envelope = envelopeOf(request, 'ReversePayment', hashed(body, { paymentId }), body.reversedAt);
    return commandResponse(await this.send(new ReversePaymentCommand(payload, envelope)));
  }

  // ---- invoices ------------------------------------------------------------------------------

  /**
   * The invoice with its number (FIN-I9), betalingskenmerk, payments, credit notes and reminders;
   * with `Accept: application/pdf` the invoice document in Dutch (409 INVOICE_NOT_NUMBERED before
   * it has a number).
   */
  @Doc({
    summary: 'Get an invoice (JSON or PDF)',
    description:
      'The invoice with its number (FIN-I9), betalingskenmerk (paymentReference), lines, payments, credit notes and reminders. With `Accept: application/pdf` the Dutch invoice document (€ 1.234,56, dd-mm-jjjj); 409 INVOICE_NOT_NUMBERED before it has a number. Appends nothing.',
    errors: [400, 404, 409],
    response: objectOf('The invoice as the invoices projection keeps it, with paymentReference'),
  })
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
  @Doc({
    summary: 'Get an invoice as UBL (Peppol BIS 3.0)',
    description:
      'The invoice as UBL 2.1 XML with the Peppol BIS Billing 3.0 customization id (provider and customer billing details, lines, VAT, payment reference). 404 when unknown; 409 INVOICE_NOT_NUMBERED before it has a number. Appends nothing.',
    errors: [400, 404, 409],
    response: { type: 'string', description: 'UBL 2.1 XML' },
  })
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
  @Doc({
    summary: 'Send a payment reminder',
    description:
      'A payment reminder (EXC-11, LOI-6.2-3, BW-6:96-6, WIK-I2, FIN-I7): records when its term ends and from when collection costs (and for Excellus interest) run. Appends PaymentReminderSent.',
    errors: [
      ...COMMAND_ERRORS,
      404,
      { status: 422, error: 'INVOICE_NOT_OVERDUE', ruleId: 'PP-5.4', message: 'The invoice is not overdue yet' },
    ],
    response: CommandResponseSchema,
  })
  @Post('invoices/:invoiceId/reminders')
  @HttpCode(201)
  @CommandRoles()
  async sendReminder(
    @Param('invoiceId') invoiceId: string,
    @Body() body: SendReminderDto,
    @Req() request: LedgerRequest,
  ) {
    checkedId(invoiceId, 'INVOICE_NOT_FOUND', 'invoice');
    const sentOn = toLocalDate(body.sentAt);
    if (body.receivedOn !== undefined && body.receivedOn < sentOn)
      throw fieldError('receivedOn', `a reminder sent ${sentOn} cannot be received before`);
    // Term and receipt day left out are the reminder act's defaults, which the decider applies.
    const payload = {
      invoiceId,
      sentAt: body.sentAt,
      receivedOn: body.receivedOn ?? null,
      termDays: body.termDays ?? null,
    };
    const envelope = envelopeOf(request, 'SendPaymentReminder', hashed(body, { invoiceId }), body.sentAt);
    const result = await this.send(new SendPaymentReminderCommand(payload, envelope));
    return { ...commandResponse(result), reminder: result.events[0]?.data ?? null };
  }

  // ---- refunds -------------------------------------------------------------------------------

  /**
   * Refund entitlements (docs/api.md "Finance"): who, how much, by when, and the decision behind it.
   * JSON or CSV (Accept: text/csv).
   */
  @Doc({
    summary: 'List refund entitlements',
    description:
      'Who is owed how much, by when, and the decision behind it (LEDGER-I1 refund term where a book sets none), filtered by status or customer, a page at a time. JSON, or CSV with Accept: text/csv. Appends nothing.',
    errors: [400],
    response: pageOf(
      objectOf('A refund entitlement: refundId, customerId, enrolmentId, amountCents, dueDate, decisionId'),
      'refunds',
    ),
  })
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
  @Doc({
    summary: 'Export refund entitlements (CSV)',
    description:
      'CSV export of the refund entitlements projection, with the filters and paging of GET /refunds. Appends nothing.',
    errors: [400],
    response: CSV,
    responseDescription: 'CSV, one row per refund entitlement',
  })
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

  @Doc({
    summary: 'Get a refund entitlement',
    description: 'One refund entitlement with its payouts and the decision behind it. Appends nothing.',
    errors: [400, 404],
    response: objectOf('A refund entitlement with its payouts'),
  })
  @Get('refunds/:refundId')
  @FinanceReadRoles()
  async getRefund(@Param('refundId') refundId: string) {
    return refundView(await this.refund(refundId));
  }

  /**
   * Pays (part of) a refund entitlement out (FIN-I10): RefundPaid in the stream that owns the
   * entitlement; never beyond what is still owed (422 PAYOUT_EXCEEDS_ENTITLEMENT).
   */
  @Doc({
    summary: 'Pay a refund out',
    description:
      'Pays (part of) a refund entitlement out (FIN-I10): RefundPaid in the stream that owns the entitlement, never beyond what is still owed. A retry with the same commandId, in any letter case, is the same payout.',
    errors: [
      ...COMMAND_ERRORS,
      404,
      {
        status: 422,
        error: 'PAYOUT_EXCEEDS_ENTITLEMENT',
        ruleId: 'FIN-I10',
        message: 'The payout exceeds what is still owed on this refund',
      },
    ],
    response: CommandResponseSchema,
    examples: {
      payout: {
        summary: 'A bank payout of a refund',
        value: {
          commandId: '8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5f60',
          amountCents: 1000,
          paidAt: '2026-04-02T10:00:00+02:00',
          reference: 'NL-REF-2026-0001',
        },
      },
    },
  })
  @Post('refunds/:refundId/payments')
  @HttpCode(201)
  @CommandRoles()
  async payRefund(
    @Param('refundId') refundId: string,
    @Body() body: PayRefundDto,
    @Req() request: LedgerRequest,
  ): Promise<CommandResponse> {
    checkedId(refundId, 'REFUND_NOT_FOUND', 'refund');
    const payload = { refundId, amountCents: body.amountCents, paidAt: body.paidAt, reference: body.reference };
    const envelope = envelopeOf(request, 'PayRefund', hashed(body, { refundId }), body.paidAt);
    return commandResponse(await this.send(new PayRefundCommand(payload, envelope)));
  }

  // ---- balances ------------------------------------------------------------------------------

  /**
   * The customer's balance as of a business time (docs/api.md "Finance"): principal, refunds, statutory
   * interest (computed on read, `interestStatus` says when a rate is unknown) and collection costs,
   * with a per-invoice breakdown citing the rule and interpretation ids used.
   */
  @Doc({
    summary: "Get a customer's balance",
    description:
      'The balance as of a business time (FIN-I8): principal, refunds, statutory interest computed on read (BW-6:119, INT-I1..I4, FIN-I13; `interestStatus` says when a rate is unknown) and collection costs (WIK-2, WIK-I1, FIN-I2/I3), with a per-invoice breakdown citing the rule and interpretation ids used. Appends nothing.',
    errors: [400, 404],
    response: objectOf(
      'invoicedCents, paidCents, refundsOwedCents, refundsPaidCents, outstandingCents, overdueCents, interestCents, collectionCostsCents, and per invoice',
    ),
  })
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
  @Doc({
    summary: 'Export balances (CSV)',
    description:
      "CSV of every customer's balance as of a business time, streamed (every customer; with `limit` one page and `x-next-cursor`). `format=nl` gives semicolons, a byte order mark and decimal commas for Dutch Excel. Appends nothing.",
    errors: [400],
    response: CSV,
    responseDescription: 'CSV, one row per customer',
  })
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
  @Doc({
    summary: 'Number issued invoices',
    description:
      'Numbers every invoice issued so far in its series (FIN-I9); the API also does this every second on its own. Appends InvoiceNumbered events; idempotent.',
    errors: [503],
    response: objectOf('How many invoices were numbered'),
  })
  @Post('invoice-numbering/runs')
  @HttpCode(200)
  @AdminOnly()
  async runInvoiceNumbering() {
    return this.numbering.runOnce();
  }

  // ---- helpers -------------------------------------------------------------------------------

  private send(command: LedgerCommand): Promise<CommandResult> {
    return this.commandBus.execute<LedgerCommand, CommandResult>(command);
  }

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
