/**
 * Command responses of the enrolment endpoints: the shared `{ streamId, position, events,
 * decision }` plus what a client needs at once (the invoice, refunds, pendingEvidenceUntil,
 * noticeStart/effectiveEnd, passed/resitAllowed). Derived from the recorded events only, so a
 * resent command id gets the identical response.
 */
import { NotFoundException } from '@nestjs/common';
import type { CommandResult } from '@ledger/application';
import type { RecordedEvent } from '@ledger/event-store';
import type { Decision } from '@ledger/regulations';
import { ID_PATTERN } from '../http/validators';
import { commandResponse, type CommandResponse } from '../http/commands';

export interface EnrolmentCommandResponse extends CommandResponse {
  [extra: string]: unknown;
}

const dataOf = (events: readonly RecordedEvent[], type: string): Record<string, unknown> | undefined =>
  events.find((e) => e.type === type)?.data;

/** `<streamId>@<revision>` -> the id of the decision recorded at that revision (same command). */
function resolveDecisionRef(events: readonly RecordedEvent[], ref: unknown): unknown {
  if (typeof ref !== 'string') return ref;
  const revision = Number(ref.slice(ref.lastIndexOf('@') + 1));
  const event = events.find((e) => e.revision === revision);
  return (event?.data['decision'] as { decisionId?: string } | undefined)?.decisionId ?? ref;
}

export function enrolmentResponse(result: CommandResult, primaryEventType?: string): EnrolmentCommandResponse {
  const response: EnrolmentCommandResponse = { ...commandResponse(result) };
  const events = result.events;
  const primary = primaryEventType ? dataOf(events, primaryEventType) : undefined;
  if (primary?.['decision']) response.decision = primary['decision'] as Decision;

  const invoices = events.filter((e) => e.type === 'InvoiceIssued').map((e) => e.data);
  if (invoices.length > 0) {
    const [first] = invoices;
    response['invoice'] = {
      invoiceId: first!['invoiceId'],
      netCents: first!['netCents'],
      vatCents: first!['vatCents'],
      totalCents: first!['totalCents'],
      dueDate: first!['dueDate'],
    };
  }
  const refunds = events
    .filter((e) => e.type === 'RefundEntitlementGranted')
    .map((e) => ({
      refundId: e.data['refundId'],
      invoiceId: e.data['invoiceId'],
      amountCents: e.data['amountCents'],
      dueDate: e.data['dueDate'],
      decisionId: resolveDecisionRef(events, e.data['decisionId']),
      ruleIds: e.data['ruleIds'],
    }));
  if (refunds.length > 0) response['refunds'] = refunds;
  const creditNotes = events
    .filter((e) => e.type === 'CreditNoteIssued')
    .map((e) => ({
      creditNoteId: e.data['creditNoteId'],
      invoiceId: e.data['invoiceId'],
      totalCents: e.data['totalCents'],
    }));
  if (creditNotes.length > 0) response['creditNotes'] = creditNotes;

  const cancelled = dataOf(events, 'EnrolmentCancelled');
  if (cancelled) response['pendingEvidenceUntil'] = cancelled['pendingEvidenceUntil'];
  const terminated = dataOf(events, 'EnrolmentTerminated');
  if (terminated)
    Object.assign(response, { noticeStart: terminated['noticeStart'], effectiveEnd: terminated['effectiveEnd'] });
  const exam = dataOf(events, 'ExamResultRecorded');
  if (exam)
    Object.assign(response, {
      passed: exam['passed'],
      resitAllowed: exam['resitAllowed'],
      attempt: exam['attempt'],
      resitRuleId: exam['resitRuleId'],
    });
  const attendance = dataOf(events, 'AttendanceRecorded');
  if (attendance)
    Object.assign(response, { admitted: attendance['admitted'], newDateRequired: attendance['newDateRequired'] });
  const priceChange = dataOf(events, 'PriceChangeApplied');
  if (priceChange)
    Object.assign(response, {
      dissolutionRight: priceChange['dissolutionRight'],
      surchargeCents: priceChange['surchargeCents'],
    });
  if (events.some((e) => e.type === 'CertificateIssued')) response['certificate'] = 'issued';
  else if (events.some((e) => e.type === 'CertificateWithheld')) response['certificate'] = 'withheld';
  return response;
}

export interface QuoteResponse {
  quote: true;
  streamId: string;
  events: Array<{ type: string; revision: number; data: Record<string, unknown> }>;
  decision?: Decision;
  [extra: string]: unknown;
}

/**
 * A quote in the shape of the command's response: the events `decide` returned, numbered from the
 * stream's next revision (so references between them resolve), with no event, decision or
 * position ids because nothing was recorded.
 */
export function quoteResponse(
  quoted: { streamId: string; revision: number | undefined; events: ReadonlyArray<{ type: string; data: unknown }> },
  occurredAt: string,
  primaryEventType: string,
): QuoteResponse {
  const firstRevision = (quoted.revision ?? -1) + 1;
  const events: RecordedEvent[] = quoted.events.map((event, index) => ({
    id: '',
    streamId: quoted.streamId,
    type: event.type,
    revision: firstRevision + index,
    position: -1,
    data: withoutDecisionId(event.data as Record<string, unknown>),
    metadata: { occurredAt },
    recordedAt: '',
  }));
  const response = enrolmentResponse(
    { streamId: quoted.streamId, position: null, events, replayed: false },
    primaryEventType,
  );
  const { position: _position, ...decided } = response;
  return {
    ...decided,
    quote: true,
    events: response.events.map(({ type, revision, data }) => ({ type, revision, data })),
  };
}

function withoutDecisionId(data: Record<string, unknown>): Record<string, unknown> {
  const decision = data['decision'] as Record<string, unknown> | undefined;
  if (!decision || typeof decision !== 'object') return data;
  const { decisionId: _decisionId, ...rest } = decision;
  return { ...data, decision: rest };
}

/** Ids in paths go into stream names: anything else cannot exist. */
export function checkedId(id: string, what: string): string {
  if (!ID_PATTERN.test(id))
    throw new NotFoundException({
      error: `${what.toUpperCase()}_NOT_FOUND`,
      message: `No ${what} ${id.slice(0, 100)}`,
    });
  return id;
}
