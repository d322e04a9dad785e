/** Fixtures for the enrolment decider specs: offerings of every rulebook and a registered, paid booking. */
import { createRulebookRegistry } from '@ledger/regulations';
import type { DecideContext } from '../shared/decider';
import type { CustomerKind } from '../customer/events';
import { normaliseOfferingTerms, offeringCatalogueOf, type OfferingTerms } from '../offering/terms';
import type { EnrolmentCommand } from './commands';
import { enrolmentDecider } from './decide';
import type { EnrolmentEvent } from './events';
import { evolveEnrolment, initialEnrolmentState, type EnrolmentState } from './state';

export const ctx: DecideContext = { rulebooks: createRulebookRegistry(), recordedAt: '2026-01-01T00:00:00.000Z' };

export function offering(
  overrides: Partial<OfferingTerms> & Pick<OfferingTerms, 'rulebookId' | 'kind' | 'components'>,
): OfferingTerms {
  const catalogue = offeringCatalogueOf(ctx.rulebooks, overrides.rulebookId, '2026-01-01');
  return normaliseOfferingTerms(
    { offeringId: 'o1', title: 'Course', startsAt: null, options: {}, ...overrides },
    catalogue,
  );
}

export const plusportClassroom = offering({
  rulebookId: 'plusport',
  kind: 'classroom',
  startsAt: '2026-03-20T09:00:00+01:00',
  components: [{ kind: 'classroom', priceCents: 45_000 }],
});
export const plusportExam = offering({
  rulebookId: 'plusport',
  kind: 'exam',
  startsAt: '2026-03-20T09:00:00+01:00',
  components: [{ kind: 'exam', priceCents: 20_000 }],
  options: { examPassMark: 28 },
});
export const plusportPractical = offering({
  rulebookId: 'plusport',
  kind: 'practical-training',
  startsAt: '2026-04-20T09:00:00+02:00',
  components: [{ kind: 'practical-session', priceCents: 30_000 }],
  options: { requiresProofOfParticipation: true },
});
export const vliTraining = offering({
  rulebookId: 'vli',
  kind: 'training',
  startsAt: '2026-03-20T09:00:00+01:00',
  components: [{ kind: 'classroom', priceCents: 60_000 }],
});
export const excellusCourse = offering({
  rulebookId: 'excellus',
  kind: 'contact-course',
  startsAt: '2026-09-01T09:00:00+02:00',
  components: [{ kind: 'tuition', priceCents: 100_000 }],
});
export const excellusExamOnly = offering({
  rulebookId: 'excellus',
  kind: 'exam-only',
  startsAt: '2026-06-01T09:00:00+02:00',
  components: [{ kind: 'exam', priceCents: 25_000 }],
  options: { examPassMark: 55 },
});
export const loiOther = offering({
  rulebookId: 'loi',
  kind: 'home-study',
  startsAt: '2026-02-23T00:00:00+01:00',
  components: [{ kind: 'tuition', priceCents: 5_000 }],
  options: {
    level: 'other',
    studyMonths: 12,
    tutor: true,
    recognised: false,
    moduleIds: ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'],
  },
});
export const loiMbo = offering({
  rulebookId: 'loi',
  kind: 'home-study',
  startsAt: '2026-03-01T00:00:00+01:00',
  components: [{ kind: 'tuition', priceCents: 8_000 }],
  options: { level: 'mbo', studyMonths: 24, tutor: true, recognised: true, examPassMark: 30 },
});

/** Runs commands through the decider, folding as the pipeline would; returns the events of every command. */
export function history(
  commands: EnrolmentCommand[],
  state: EnrolmentState = initialEnrolmentState(),
): { events: EnrolmentEvent[]; state: EnrolmentState } {
  const events: EnrolmentEvent[] = [];
  for (const command of commands) {
    const produced = enrolmentDecider.decide(command, state, ctx);
    for (const event of produced) state = evolveEnrolment(state, event);
    events.push(...produced);
  }
  return { events, state };
}

export function register(
  terms: OfferingTerms,
  registeredAt = '2026-03-02T10:00:00+01:00',
  customerKind: CustomerKind = 'consumer',
): EnrolmentCommand {
  return {
    type: 'RegisterEnrolment',
    enrolmentId: 'e1',
    offeringId: terms.offeringId,
    learnerId: 'l1',
    customerId: 'c1',
    customerKind,
    registeredAt,
    terms,
  };
}

export const INVOICE_1 = 'enrolment-e1-INV-1';

export function pay(
  amountCents: number,
  receivedAt = '2026-03-03T10:00:00+01:00',
  invoiceId = INVOICE_1,
  paymentId = 'p1',
): EnrolmentCommand {
  return { type: 'RecordPayment', enrolmentId: 'e1', paymentId, invoiceId, amountCents, receivedAt };
}

export const ofType = <T extends EnrolmentEvent['type']>(events: EnrolmentEvent[], type: T) =>
  events.filter((e): e is Extract<EnrolmentEvent, { type: T }> => e.type === type);
