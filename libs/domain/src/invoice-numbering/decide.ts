import { financeActsOf, paymentReferenceFor, type LocalDate, type RulebookId } from '@ledger/regulations';
import { invariant, type DecideContext, type Decider, type SnapshotSpec } from '../shared/decider';
import { formatInvoiceNumber, invoiceNumbersStreamId, invoiceSeriesOf, type InvoiceNumberingEvent } from './events';

export interface AssignInvoiceNumber {
  type: 'AssignInvoiceNumber';
  invoiceId: string;
  provider: RulebookId;
  issuedOn: LocalDate;
  ownerStreamId: string;
}

/**
 * A series has a number per invoice of a provider and year (tens of thousands), so evolve updates
 * the state in place (amortised O(1) per event) and the command pipeline keeps it in memory and
 * snapshots it (docs/decisions.md D24). Raise the snapshot version when the state or evolve changes.
 */
export interface InvoiceSeriesState {
  lastSequence: number;
  numbered: Record<string, number>;
}

export const INVOICE_SERIES_SNAPSHOT: SnapshotSpec = { name: 'invoice-series', version: 1 };

export const initialInvoiceSeriesState = (): InvoiceSeriesState => ({ lastSequence: 0, numbered: {} });

export function evolveInvoiceSeries(state: InvoiceSeriesState, event: InvoiceNumberingEvent): InvoiceSeriesState {
  const d = event.data;
  invariant(
    d.sequence === state.lastSequence + 1,
    `invoice numbers run without gaps (${state.lastSequence} -> ${d.sequence})`,
  );
  invariant(state.numbered[d.invoiceId] === undefined, `invoice ${d.invoiceId} is numbered once`);
  state.numbered[d.invoiceId] = d.sequence;
  state.lastSequence = d.sequence;
  return state;
}

/** The next number of the series; nothing when the invoice already has one (idempotent). */
export function decideInvoiceNumber(
  command: AssignInvoiceNumber,
  state: InvoiceSeriesState,
  ctx: DecideContext,
): InvoiceNumberingEvent[] {
  if (state.numbered[command.invoiceId] !== undefined) return [];
  const { prefix } = financeActsOf(ctx.rulebooks.rulebookFor(command.provider, command.issuedOn)).invoiceNumbering;
  const sequence = state.lastSequence + 1;
  const series = invoiceSeriesOf(command.provider, command.issuedOn);
  return [
    {
      type: 'InvoiceNumberAssigned',
      data: {
        invoiceId: command.invoiceId,
        provider: command.provider,
        series,
        sequence,
        invoiceNumber: formatInvoiceNumber(prefix, command.issuedOn.slice(0, 4), sequence),
        paymentReference: paymentReferenceFor(command.issuedOn, sequence),
        issuedOn: command.issuedOn,
        ownerStreamId: command.ownerStreamId,
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
