import type { Decision, LocalDate, RulebookId, RulebookRef } from '@ledger/regulations';
import { invariant } from '../shared/decider';
import type { ComplaintDeadline, ComplaintEvent } from './events';

export interface ComplaintState {
  status: 'none' | 'open' | 'closed';
  complaintId: string | null;
  provider: RulebookId | null;
  filedAt: string | null;
  filedOn: LocalDate | null;
  incidentOn: LocalDate | null;
  suspendsCharges: boolean;
  /** The filing decision's rulebook version: later decisions of this complaint use the same one. */
  rulebook: RulebookRef | null;
  filingDecision: Decision | null;
  deadlines: Partial<Record<ComplaintDeadline, LocalDate>>;
  answeredOn: LocalDate | null;
  wellFoundedOn: LocalDate | null;
  missed: ComplaintDeadline[];
}

export const initialComplaintState = (): ComplaintState => ({
  status: 'none',
  complaintId: null,
  provider: null,
  filedAt: null,
  filedOn: null,
  incidentOn: null,
  suspendsCharges: false,
  rulebook: null,
  filingDecision: null,
  deadlines: {},
  answeredOn: null,
  wellFoundedOn: null,
  missed: [],
});

export function evolveComplaint(state: ComplaintState, event: ComplaintEvent): ComplaintState {
  if (event.type !== 'ComplaintFiled') invariant(state.status !== 'none', `${event.type} follows the filing`);
  switch (event.type) {
    case 'ComplaintFiled': {
      invariant(state.status === 'none', 'a complaint is filed once');
      const d = event.data;
      const deadlines: Partial<Record<ComplaintDeadline, LocalDate>> = {};
      if (d.deadlines['answerDueBy']) deadlines.answerDueBy = d.deadlines['answerDueBy'];
      if (d.deadlines['acknowledgementDue']) deadlines.acknowledgementDue = d.deadlines['acknowledgementDue'];
      return {
        ...state,
        status: 'open',
        complaintId: d.complaintId,
        provider: d.provider,
        filedAt: d.filedAt,
        filedOn: d.filedOn,
        incidentOn: d.incidentOn,
        suspendsCharges: d.suspendsCharges,
        rulebook: d.decision?.rulebook ?? null,
        filingDecision: d.decision,
        deadlines,
      };
    }
    case 'ComplaintAnswered':
      invariant(state.answeredOn === null, 'a complaint is answered once');
      return { ...state, answeredOn: event.data.answeredOn };
    case 'ComplaintDeclaredWellFounded':
      invariant(state.wellFoundedOn === null, 'declared well-founded once');
      return {
        ...state,
        wellFoundedOn: event.data.declaredOn,
        deadlines: { ...state.deadlines, investigationDue: event.data.investigationDue },
      };
    case 'ComplaintClosed':
      invariant(state.status === 'open', 'a complaint is closed once');
      return { ...state, status: 'closed' };
    case 'ComplaintDeadlineMissed':
      invariant(!state.missed.includes(event.data.deadline), 'a missed deadline is recorded once');
      return { ...state, missed: [...state.missed, event.data.deadline] };
  }
}
