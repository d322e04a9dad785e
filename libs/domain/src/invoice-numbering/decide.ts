import { financeActsOf, paymentReferenceFor, type LocalDate, type RulebookId } from '@ledger/regulations';
import { invariant, type DecideContext, type Decider, type SnapshotSpec } from '../shared/decider';
import {
  creditNoteNumbersStreamId,
  formatCreditNoteNumber,
  formatInvoiceNumber,
  invoiceNumbersStreamId,
  invoiceSeriesOf,
  type CreditNoteNumberAssigned,
  type InvoiceNumberAssigned,
  type InvoiceNumberingEvent,
} from './events';

export interface AssignInvoiceNumber {
  type: 'AssignInvoiceNumber';
  invoiceId: string;
  provider: RulebookId;
  issuedOn: LocalDate;
  ownerStreamId: string;
}

export interface AssignCreditNoteNumber {
  type: 'AssignCreditNoteNumber';
  creditNoteId: string;
  invoiceId: string;
  provider: RulebookId;
  /** The credit note's date: its series is the one of this year. */
  issuedOn: LocalDate;
  ownerStreamId: string;
}

/**
 * A series has a number per document of a provider and year (tens of thousands), so evolve updates
 * the state in place (amortised O(1) per event) and the command pipeline keeps it in memory and
 * snapshots it (docs/decisions.md D24). Raise the snapshot version when the state or evolve changes.
 */
export interface InvoiceSeriesState {
  lastSequence: number;
  /** Sequence by document id (an invoice id, or a credit-note id in a credit-note series). */
  numbered: Record<string, number>;
}

export const INVOICE_SERIES_SNAPSHOT: SnapshotSpec = { name: 'invoice-series', version: 1 };
export const CREDIT_NOTE_SERIES_SNAPSHOT: SnapshotSpec = { name: 'credit-note-series', version: 1 };

export const initialInvoiceSeriesState = (): InvoiceSeriesState => ({ lastSequence: 0, numbered: {} });

const documentIdOf = (event: InvoiceNumberingEvent): string =>
  event.type === 'InvoiceNumberAssigned' ? event.data.invoiceId : event.data.creditNoteId;

/** Evolve of both kinds of series: each holds events of one kind only (its own stream). */
export function evolveInvoiceSeries(state: InvoiceSeriesState, event: InvoiceNumberingEvent): InvoiceSeriesState {
  const { sequence } = event.data;
  const documentId = documentIdOf(event);
  invariant(
    sequence === state.lastSequence + 1,
    `document numbers run without gaps (${state.lastSequence} -> ${sequence})`,
  );
  invariant(state.numbered[documentId] === undefined, `document ${documentId} is numbered once`);
  state.numbered[documentId] = sequence;
  state.lastSequence = sequence;
  return state;
}

/** What a document's number is made of, or undefined when the series has numbered it already (idempotent). */
function nextInSeries(
  state: InvoiceSeriesState,
  documentId: string,
  provider: RulebookId,
  issuedOn: LocalDate,
  ctx: DecideContext,
): { prefix: string; year: string; series: string; sequence: number } | undefined {
  if (state.numbered[documentId] !== undefined) return undefined;
  const { prefix } = financeActsOf(ctx.rulebooks.rulebookFor(provider, issuedOn)).invoiceNumbering;
  return {
    prefix,
    year: issuedOn.slice(0, 4),
    series: invoiceSeriesOf(provider, issuedOn),
    sequence: state.lastSequence + 1,
  };
}

/** The next number of the series; nothing when the invoice already has one (idempotent). */
export function decideInvoiceNumber(
  command: AssignInvoiceNumber,
  state: InvoiceSeriesState,
  ctx: DecideContext,
): InvoiceNumberAssigned[] {
  const next = nextInSeries(state, command.invoiceId, command.provider, command.issuedOn, ctx);
  if (next === undefined) return [];
  const { invoiceId, provider, issuedOn, ownerStreamId } = command;
  return [
    {
      type: 'InvoiceNumberAssigned',
      data: {
        invoiceId,
        provider,
        series: next.series,
        sequence: next.sequence,
        invoiceNumber: formatInvoiceNumber(next.prefix, next.year, next.sequence),
        paymentReference: paymentReferenceFor(issuedOn, next.sequence),
        issuedOn,
        ownerStreamId,
      },
    },
  ];
}

/** `FIN.creditNoteSeries`: the next number of the credit-note series; nothing when the note already has one. */
export function decideCreditNoteNumber(
  command: AssignCreditNoteNumber,
  state: InvoiceSeriesState,
  ctx: DecideContext,
): CreditNoteNumberAssigned[] {
  const next = nextInSeries(state, command.creditNoteId, command.provider, command.issuedOn, ctx);
  if (next === undefined) return [];
  const { creditNoteId, invoiceId, provider, issuedOn, ownerStreamId } = command;
  return [
    {
      type: 'CreditNoteNumberAssigned',
      data: {
        creditNoteId,
        invoiceId,
        provider,
        series: next.series,
        sequence: next.sequence,
        creditNoteNumber: formatCreditNoteNumber(next.prefix, next.year, next.sequence),
        issuedOn,
        ownerStreamId,
      },
    },
  ];
}

export const invoiceNumberingDecider: Decider<AssignInvoiceNumber, InvoiceNumberingEvent, InvoiceSeriesState> = {
  streamIdOf: (command) => invoiceNumbersStreamId(invoiceSeriesOf(command.provider, command.issuedOn)),
  initialState: initialInvoiceSeriesState,
  evolve: evolveInvoiceSeries,
  decide: (command, state, ctx) => decideInvoiceNumber(command, state, ctx),
  snapshot: INVOICE_SERIES_SNAPSHOT,
};

export const creditNoteNumberingDecider: Decider<AssignCreditNoteNumber, InvoiceNumberingEvent, InvoiceSeriesState> = {
  streamIdOf: (command) => creditNoteNumbersStreamId(invoiceSeriesOf(command.provider, command.issuedOn)),
  initialState: initialInvoiceSeriesState,
  evolve: evolveInvoiceSeries,
  decide: (command, state, ctx) => decideCreditNoteNumber(command, state, ctx),
  snapshot: CREDIT_NOTE_SERIES_SNAPSHOT,
};
