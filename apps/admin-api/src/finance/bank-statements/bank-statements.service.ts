/**
 * Turns a camt.053 statement into payments (docs/operations.md "Bank statements"). Credit lines are
 * matched to an invoice by its betalingskenmerk (structured CdtrRefInf/Ref, or in the text), then by
 * an invoice number in the text; each match is a payment recorded in the stream owning the invoice
 * and an allocation recorded on the statement. Every command id is derived from the statement, the
 * line and the bank's entry reference, so a re-import (or a retry after a crash) does nothing twice.
 */
import { createHash } from 'node:crypto';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  AllocateBankStatementLineCommand,
  ImportBankStatementCommand,
  KeyedMutex,
  readWholeStream,
  RecordPaymentCommand,
  type Clock,
  type CommandResult,
  type ReadModels,
  type Storage,
} from '@ledger/application';
import {
  bankStatementDecider,
  bankStatementStreamId,
  DomainError,
  paymentRoutes,
  routeFor,
  unallocatedCents,
  type BankStatementImported,
  type BankStatementLine,
  type BankStatementLineAllocated,
  type BankStatementState,
} from '@ledger/domain';
import { BANK_STATEMENTS, INVOICES, type BankStatementDocument, type InvoiceDocument } from '@ledger/projections';
import { isBetalingskenmerk, startOfDay } from '@ledger/regulations';
import { envelopeOf, type LedgerRequest } from '../../http/commands';
import { CLOCK, READ_MODELS, STORAGE } from '../../tokens';
import { providerOfIban } from '../invoicing/provider-billing';
import { parseCamt053 } from './camt053';

/** Suggestions per unmatched line: open invoices asking exactly the line's amount. */
const MAX_SUGGESTIONS = 5;
const KENMERK_IN_TEXT = /(?<!\d)\d(?:[ .]?\d){15}(?!\d)/g;
const INVOICE_NUMBER_IN_TEXT = /\b[A-Z][A-Z0-9]{1,9}-\d{4}-\d{6}\b/g;

/** A UUID-shaped command id derived from a seed: the same seed, the same command. */
function derivedCommandId(seed: string): string {
  const hex = createHash('sha256').update(`ledger-bank:${seed}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
const shortHash = (seed: string): string => createHash('sha256').update(seed).digest('hex').slice(0, 20);

export interface ImportSummary {
  statementId: string;
  entries: number;
  matched: number;
  unmatched: number;
  /** Debit lines: money going out, not matched to invoices. */
  debits: number;
  newPayments: number;
}

interface LoadedStatement {
  statement: BankStatementImported['data'];
  allocations: BankStatementLineAllocated['data'][];
  state: BankStatementState;
}

interface ManualAllocation {
  statementId: string;
  lineId: string;
  paymentId: string;
  allocation: BankStatementLineAllocated['data'] | null;
  newPayment: boolean;
}

type Match = { invoice: InvoiceDocument; matchedBy: 'payment-reference' | 'invoice-number' };

@Injectable()
export class BankStatements {
  /**
   * Allocations by hand on one line run one after another: the check of what is left and the
   * payment come before the allocation is recorded, so two at once could both pass the check.
   */
  private readonly lineLocks = new KeyedMutex();

  constructor(
    private readonly commandBus: CommandBus,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async import(xml: string, request: LedgerRequest): Promise<ImportSummary> {
    const parsed = parseCamt053(xml);
    const importedAt = this.clock.now().toISOString();
    const sent = {
      commandId: derivedCommandId(`import:${parsed.statementId}:${parsed.contentHash}`),
      statementId: parsed.statementId,
      contentHash: parsed.contentHash,
    };
    await this.commandBus.execute<ImportBankStatementCommand, CommandResult>(
      new ImportBankStatementCommand(
        { statement: { ...parsed, importedAt } },
        envelopeOf(request, 'ImportBankStatement', sent, importedAt),
      ),
    );
    let newPayments = 0;
    const loaded = await this.load(parsed.statementId);
    const provider = providerOfIban(loaded.statement.accountIban);
    for (const line of loaded.statement.lines) {
      if (line.creditDebit !== 'credit' || line.amountCents === 0) continue;
      if (unallocatedCents(loaded.state, line.lineId) !== line.amountCents) continue;
      const match = await this.match(line, provider);
      if (!match) continue;
      const paymentId = `bank-${shortHash(`${loaded.statement.accountIban}:${line.entryReference}`)}`;
      const recorded = await this.pay(request, match.invoice, paymentId, line.amountCents, line.bookingDate);
      if (recorded === null) continue;
      if (recorded) newPayments += 1;
      await this.allocate(request, derivedCommandId(`allocate:${paymentId}`), {
        statementId: parsed.statementId,
        lineId: line.lineId,
        invoiceId: match.invoice.invoiceId,
        paymentId,
        ownerStreamId: match.invoice.ownerStreamId,
        amountCents: line.amountCents,
        matchedBy: match.matchedBy,
        allocatedAt: importedAt,
      });
    }
    const after = await this.load(parsed.statementId);
    const credits = after.statement.lines.filter((l) => l.creditDebit === 'credit');
    const matched = credits.filter((l) => unallocatedCents(after.state, l.lineId) === 0).length;
    return {
      statementId: parsed.statementId,
      entries: after.statement.lines.length,
      matched,
      unmatched: credits.length - matched,
      debits: after.statement.lines.length - credits.length,
      newPayments,
    };
  }

  async list(limit: number, cursor: string | undefined) {
    await this.readModels.ready();
    const page = await this.readModels.find<BankStatementDocument>(BANK_STATEMENTS.name, BANK_STATEMENTS.collection, {
      orderBy: { field: 'position', direction: 'desc' },
      limit,
      cursor,
    });
    return {
      items: page.items.map(({ body: { position: _position, ...statement } }) => statement),
      nextCursor: page.nextCursor ?? null,
    };
  }

  /** The statement's lines with what was allocated, and suggestions for what was not. */
  async view(statementId: string) {
    const { statement, allocations, state } = await this.load(statementId);
    const lines = [];
    for (const line of statement.lines) {
      const leftCents = unallocatedCents(state, line.lineId);
      const status =
        line.creditDebit === 'debit'
          ? 'debit'
          : leftCents === 0
            ? 'matched'
            : leftCents < line.amountCents
              ? 'partly-allocated'
              : 'unmatched';
      lines.push({
        ...line,
        status,
        unallocatedCents: leftCents,
        allocations: allocations.filter((a) => a.lineId === line.lineId),
        suggestions: leftCents > 0 ? await this.suggestions(leftCents) : [],
      });
    }
    const { lines: _lines, ...header } = statement;
    return { ...header, lines };
  }

  /**
   * Allocates (part of) an unmatched credit line to an invoice by hand: a payment on the invoice and
   * an allocation on the statement, both under ids derived from the client's command id.
   */
  allocateByHand(
    request: LedgerRequest,
    lineId: string,
    body: { commandId: string; invoiceId: string; amountCents?: number },
  ): Promise<ManualAllocation> {
    return this.lineLocks.run(lineId.slice(0, 100), () => this.allocateLineByHand(request, lineId, body));
  }

  private async allocateLineByHand(
    request: LedgerRequest,
    lineId: string,
    body: { commandId: string; invoiceId: string; amountCents?: number },
  ): Promise<ManualAllocation> {
    const statementId = /^([0-9a-f]{20})-L\d{1,5}$/.exec(lineId)?.[1];
    const lineNotFound = () =>
      new NotFoundException({
        error: 'LINE_NOT_FOUND',
        message: `lineId: no bank statement line ${lineId.slice(0, 100)}`,
      });
    if (!statementId) throw lineNotFound();
    const { statement, state } = await this.load(statementId).catch(() => {
      throw lineNotFound();
    });
    const line = statement.lines.find((l) => l.lineId === lineId);
    if (!line) throw lineNotFound();
    const paymentId = `bank-${shortHash(`${lineId}:${body.commandId}`)}`;
    if (state.paymentIds[paymentId]) {
      const { allocations } = await this.load(statementId);
      return {
        statementId,
        lineId,
        paymentId,
        allocation: allocations.find((a) => a.paymentId === paymentId) ?? null,
        newPayment: false,
      };
    }
    if (line.creditDebit !== 'credit')
      throw new DomainError('LINE_NOT_A_CREDIT', 422, `Line ${lineId} is a debit: only money received is allocated`);
    const leftCents = unallocatedCents(state, lineId);
    const amountCents = body.amountCents ?? leftCents;
    if (amountCents <= 0 || amountCents > leftCents)
      throw new DomainError(
        'ALLOCATION_EXCEEDS_LINE',
        422,
        `amountCents: line ${lineId} has ${leftCents} cents left to allocate, not ${amountCents}`,
      );
    await this.readModels.ready();
    const invoice = (await this.readModels.get<InvoiceDocument>(INVOICES.name, INVOICES.collection, body.invoiceId))
      ?.body;
    if (!invoice)
      throw new NotFoundException({ error: 'INVOICE_NOT_FOUND', message: `invoiceId: no invoice ${body.invoiceId}` });
    const recorded = await this.pay(request, invoice, paymentId, amountCents, line.bookingDate, true);
    const allocation: BankStatementLineAllocated['data'] = {
      statementId,
      lineId,
      invoiceId: invoice.invoiceId,
      paymentId,
      ownerStreamId: invoice.ownerStreamId,
      amountCents,
      matchedBy: 'manual',
      allocatedAt: this.clock.now().toISOString(),
    };
    await this.allocate(request, body.commandId, allocation, body);
    return { statementId, lineId, paymentId, allocation, newPayment: recorded === true };
  }

  private async load(statementId: string): Promise<LoadedStatement> {
    const events = await readWholeStream(this.storage.eventStore, bankStatementStreamId(statementId));
    const imported = events.find((e) => e.type === 'BankStatementImported');
    if (!imported)
      throw new NotFoundException({
        error: 'BANK_STATEMENT_NOT_FOUND',
        message: `statementId: no bank statement ${statementId.slice(0, 100)}`,
      });
    let state = bankStatementDecider.initialState();
    for (const event of events) state = bankStatementDecider.evolve(state, event as never);
    return {
      statement: imported.data as BankStatementImported['data'],
      allocations: events
        .filter((e) => e.type === 'BankStatementLineAllocated')
        .map((e) => e.data as BankStatementLineAllocated['data']),
      state,
    };
  }

  private async match(line: BankStatementLine, provider: string | null): Promise<Match | null> {
    await this.readModels.ready();
    const references = [line.structuredReference ?? '', ...(line.remittanceText.match(KENMERK_IN_TEXT) ?? [])]
      .map((r) => r.replace(/[ .]/g, ''))
      .filter(isBetalingskenmerk);
    for (const reference of new Set(references)) {
      const invoice = await this.onlyInvoice({ paymentReference: reference }, provider);
      if (invoice) return { invoice, matchedBy: 'payment-reference' };
    }
    for (const number of new Set(line.remittanceText.toUpperCase().match(INVOICE_NUMBER_IN_TEXT) ?? [])) {
      const invoice = await this.onlyInvoice({ invoiceNumber: number }, provider);
      if (invoice) return { invoice, matchedBy: 'invoice-number' };
    }
    return null;
  }

  /** The one invoice found (of the statement's provider, when its account names one); none when ambiguous. */
  private async onlyInvoice(where: Record<string, string>, provider: string | null): Promise<InvoiceDocument | null> {
    const page = await this.readModels.find<InvoiceDocument>(INVOICES.name, INVOICES.collection, { where, limit: 10 });
    const found = page.items.map((d) => d.body).filter((i) => provider === null || i.provider === provider);
    return found.length === 1 ? found[0]! : null;
  }

  private async suggestions(amountCents: number) {
    await this.readModels.ready();
    const page = await this.readModels.find<InvoiceDocument>(INVOICES.name, INVOICES.collection, {
      where: { outstandingCents: amountCents },
      limit: MAX_SUGGESTIONS,
    });
    return page.items.map(({ body }) => ({
      invoiceId: body.invoiceId,
      invoiceNumber: body.invoiceNumber,
      customerId: body.customerId,
      outstandingCents: body.outstandingCents,
      dueDate: body.dueDate,
      reason: 'amount' as const,
    }));
  }

  /**
   * Records the payment in the stream owning the invoice. True when it was recorded now, false when
   * it already was (a resend), null when the invoice takes no payments (the line stays unmatched);
   * with `strict` the refusal is the answer.
   */
  private async pay(
    request: LedgerRequest,
    invoice: InvoiceDocument,
    paymentId: string,
    amountCents: number,
    bookingDate: string,
    strict = false,
  ): Promise<boolean | null> {
    const route = routeFor(paymentRoutes, invoice.ownerStreamId);
    if (!route) {
      if (strict)
        throw new DomainError('NO_PAYMENT_ROUTE', 422, `Invoices of ${invoice.ownerStreamId} take no payments yet`);
      return null;
    }
    const receivedAt = startOfDay(bookingDate);
    const payment = { paymentId, invoiceId: invoice.invoiceId, amountCents, receivedAt };
    const envelope = envelopeOf(
      request,
      'RecordPayment',
      { commandId: derivedCommandId(`pay:${paymentId}`), ...payment },
      receivedAt,
    );
    try {
      const result = await this.commandBus.execute<RecordPaymentCommand, CommandResult>(
        new RecordPaymentCommand(payment, envelope),
      );
      return !result.replayed && result.events.some((e) => e.type === 'PaymentReceived');
    } catch (error) {
      if (error instanceof DomainError && error.error === 'PAYMENT_ID_EXISTS') return false;
      if (strict || !(error instanceof DomainError)) throw error;
      return null;
    }
  }

  private async allocate(
    request: LedgerRequest,
    commandId: string,
    allocation: BankStatementLineAllocated['data'],
    body: object = {},
  ): Promise<CommandResult> {
    const hashed = { ...body, commandId, lineId: allocation.lineId, paymentId: allocation.paymentId };
    return this.commandBus.execute<AllocateBankStatementLineCommand, CommandResult>(
      new AllocateBankStatementLineCommand(
        { allocation },
        envelopeOf(request, 'AllocateBankStatementLine', hashed, allocation.allocatedAt),
      ),
    );
  }
}
