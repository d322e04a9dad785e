import { financeActsOf, type LocalDate, type RulebookId } from '@ledger/regulations';
import { invariant, type DecideContext, type Decider } from '../shared/decider';
import { formatInvoiceNumber, invoiceNumbersStreamId, invoiceSeriesOf, type InvoiceNumberingEvent } from './events';

export interface AssignInvoiceNumber {
  type: 'AssignInvoiceNumber';
  invoiceId: string;
  provider: RulebookId;
  issuedOn: LocalDate;
  ownerStreamId: string;
}

export interface InvoiceSeriesState {
  lastSequence: number;
  numbered: Readonly<Record<string, number>>;
}

export const initialInvoiceSeriesState = (): InvoiceSeriesState => ({ lastSequence: 0, numbered: {} });

export function evolveInvoiceSeries(state: InvoiceSeriesState, event: InvoiceNumberingEvent): InvoiceSeriesState {
  const d = event.data;
  invariant(
    d.sequence === state.lastSequence + 1,
    `invoice numbers run without gaps (${state.lastSequence} -> ${d.sequence})`,
  );
  invariant(state.numbered[d.invoiceId] === undefined, `invoice ${d.invoiceId} is numbered once`);
  return { lastSequence: d.sequence, numbered: { ...state.numbered, [d.invoiceId]: d.sequence } };
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
};
