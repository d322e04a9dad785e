/**
 * Document numbering (invoices FIN-I9, credit notes FIN-I16), a process manager driven by events:
 * it follows the log from its own checkpoint and, for every InvoiceIssued and CreditNoteIssued,
 * sends AssignInvoiceNumber or AssignCreditNoteNumber through the CommandBus (the provider's series
 * stream decides). A series stream is appended with the revision read, so the numbers are
 * consecutive without gaps or duplicates even when several processes (or API instances) run at
 * once; the command id is derived from the document's id, so a document processed twice (a crash
 * before the checkpoint, two processes) keeps its one number.
 *
 * Runs every second while the API runs (when the wall-clock scheduler is on) and on demand
 * (POST /invoice-numbering/runs), which the tests use.
 */
import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  AssignCreditNoteNumber,
  AssignInvoiceNumber,
  internalActor,
  type CommandDispatcher,
  type CommandEnvelope,
  type LedgerConfig,
  type Storage,
} from '@ledger/application';
import type { CreditNoteIssued, InvoiceIssued } from '@ledger/domain';
import type { EventStore, RecordedEvent } from '@ledger/event-store';
import type { ProjectionKey, ReadStore } from '@ledger/read-store';
import { LEDGER_CONFIG, STORAGE } from '../tokens';

/**
 * Version 2 numbers credit notes too (FIN-I16): the process reads the log from its start again,
 * numbering the credit notes recorded before in log order; the invoices keep their numbers (their
 * commands are recognised as resends).
 */
export const INVOICE_NUMBERING_CHECKPOINT: ProjectionKey = { name: 'invoice_numbering_process', version: 2 };
/** The process follows the log in the background, like the scheduler. */
export const INVOICE_NUMBERING_ACTOR = internalActor('invoice-numbering', 'scheduler');
const PAGE_SIZE = 500;
/** One run reads at most this many pages; the rest waits for the next run. */
const MAX_PAGES_PER_RUN = 200;
const INTERVAL_MS = 1_000;

/** Deterministic UUID-shaped command id per numbered document (name-based, like UUID v5). */
function numberCommandId(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const invoiceNumberCommandId = (invoiceId: string): string => numberCommandId(`ledger-invoice-number:${invoiceId}`);
const creditNoteNumberCommandId = (creditNoteId: string): string =>
  numberCommandId(`ledger-credit-note-number:${creditNoteId}`);

export interface NumberingRun {
  /** Numbers newly assigned in this run. */
  assigned: number;
  /** Log position up to which every invoice has a number. */
  checkpoint: number | null;
}

/** The process without Nest, so reliability tests can run several against one store. */
export class InvoiceNumberingRunner {
  private running: Promise<NumberingRun> | undefined;

  constructor(
    private readonly eventStore: EventStore,
    private readonly readStore: ReadStore,
    private readonly commands: CommandDispatcher,
  ) {}

  /** Numbers every invoice and credit note issued up to the log's head; runs never overlap within one runner. */
  async runOnce(): Promise<NumberingRun> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.run();
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  private async run(): Promise<NumberingRun> {
    let checkpoint = await this.readStore.getCheckpoint(INVOICE_NUMBERING_CHECKPOINT);
    let committed = checkpoint;
    let assigned = 0;
    try {
      for (let page = 0; page < MAX_PAGES_PER_RUN; page++) {
        const events = await this.eventStore.readAll({ afterPosition: checkpoint, maxCount: PAGE_SIZE });
        for (const event of events) {
          if (await this.assign(event)) assigned += 1;
          checkpoint = event.position;
        }
        if (events.length < PAGE_SIZE) break;
        if (checkpoint !== undefined) await this.readStore.commit(INVOICE_NUMBERING_CHECKPOINT, [], checkpoint);
        committed = checkpoint;
      }
    } finally {
      // Progress made before a failure is kept; the failed invoice is retried by the next run.
      if (checkpoint !== undefined && checkpoint !== committed)
        await this.readStore.commit(INVOICE_NUMBERING_CHECKPOINT, [], checkpoint);
    }
    return { assigned, checkpoint: checkpoint ?? null };
  }

  /** Whether the event is a document that got its number now (not before, not a resend). */
  private async assign(event: RecordedEvent): Promise<boolean> {
    if (event.type === 'InvoiceIssued') {
      const { invoiceId, provider, issuedOn } = event.data as InvoiceIssued['data'];
      const body = { invoiceId, provider, issuedOn };
      const envelope = this.envelope(event, invoiceNumberCommandId(invoiceId), 'AssignInvoiceNumber', body);
      return this.numbered(new AssignInvoiceNumber.command({ ...body, ownerStreamId: event.streamId }, envelope));
    }
    if (event.type === 'CreditNoteIssued') {
      const { creditNoteId, invoiceId, provider, issuedOn } = event.data as CreditNoteIssued['data'];
      const body = { creditNoteId, invoiceId, provider, issuedOn };
      const envelope = this.envelope(event, creditNoteNumberCommandId(creditNoteId), 'AssignCreditNoteNumber', body);
      return this.numbered(new AssignCreditNoteNumber.command({ ...body, ownerStreamId: event.streamId }, envelope));
    }
    return false;
  }

  private envelope(event: RecordedEvent, commandId: string, commandName: string, body: object): CommandEnvelope {
    return {
      commandId,
      commandName,
      body,
      actor: INVOICE_NUMBERING_ACTOR,
      occurredAt: event.metadata.occurredAt ?? event.recordedAt,
      causationId: event.id,
      correlationId: event.metadata.correlationId,
    };
  }

  private async numbered(command: Parameters<CommandDispatcher['execute']>[0]): Promise<boolean> {
    const result = await this.commands.execute(command);
    return !result.replayed && result.events.length > 0;
  }
}

@Injectable()
export class InvoiceNumberingProcess implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('InvoiceNumbering');
  private readonly runner: InvoiceNumberingRunner;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(STORAGE) storage: Storage,
    commandBus: CommandBus,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {
    this.runner = new InvoiceNumberingRunner(storage.eventStore, storage.readStore, commandBus);
  }

  private readonly inFlight = new Set<Promise<unknown>>();

  /** One run now (runs never overlap: a second call waits for the first). */
  runOnce(): Promise<NumberingRun> {
    const run = this.runner.runOnce();
    const tracked = run.catch(() => undefined).finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    return run;
  }

  onApplicationBootstrap(): void {
    // Follows the wall-clock scheduler's switch: tests (interval 0) drive it explicitly.
    if (this.config.schedulerIntervalMs <= 0) return;
    this.timer = setInterval(() => {
      if (this.inFlight.size > 0) return;
      this.runOnce().catch((error: unknown) =>
        this.logger.warn(`Invoice numbering run failed, retried next time: ${String(error)}`),
      );
    }, INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.all([...this.inFlight]);
  }
}
