/**
 * Fixtures of the audit suites: a second handle on a harness's data directory (as another process
 * would open it), and decisions made by the rulebooks' own decision functions, recorded through
 * the real CommandPipeline (no storage is mocked).
 */
import { randomUUID } from 'node:crypto';
import {
  CommandPipeline,
  internalActor,
  loadConfig,
  openStorage,
  systemClock,
  type Storage,
} from '@ledger/application';
import type { EventActor } from '@ledger/event-store';
import { learnerUpcasters, personalDataPolicy, type Decider, type DomainEvent } from '@ledger/domain';
import {
  createRulebookRegistry,
  decidePlusportAttendance,
  decidePlusportCancellation,
  decidePlusportColleagueSwap,
  decidePlusportExamResult,
  decidePlusportInvoiceDueDate,
  decidePlusportLatePayment,
  decidePlusportProviderCancellation,
  decidePlusportReschedule,
  PLUSPORT_2024,
  type Decision,
  rulebookUpcasters,
} from '@ledger/regulations';
import { TEST_KEYS } from '../support/http-harness';

export async function openSideStorage(dataDir: string): Promise<Storage> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LEDGER_DATA_DIR: dataDir,
    LEDGER_API_KEYS: Object.entries(TEST_KEYS)
      .map(([role, key]) => `${role}:${key}`)
      .join(','),
    LOG_LEVEL: 'silent',
  });
  return openStorage(config, {
    personalData: personalDataPolicy,
    upcasters: [...learnerUpcasters, ...rulebookUpcasters],
  });
}

interface RecordDecision {
  caseId: string;
  decision: Decision;
}
type DecisionRecorded = DomainEvent<'RulebookDecisionRecorded', { caseId: string; decision: Decision }>;

/** Stands in for the features' decision events until they exist: one decision per event, as they record it. */
export const fixtureDecider: Decider<RecordDecision, DecisionRecorded, number> = {
  streamIdOf: (command) => `auditcase-${command.caseId}`,
  initialState: () => 0,
  evolve: (count) => count + 1,
  decide: (command) => [
    { type: 'RulebookDecisionRecorded', data: { caseId: command.caseId, decision: command.decision } },
  ],
};

const rb = PLUSPORT_2024;

/** A realistic spread of plusport decisions (fees, refunds, reschedule, exams, payment terms). */
export function sampleDecisions(): Decision[] {
  return [
    decidePlusportCancellation(rb, {
      registeredAt: '2026-01-05',
      requestedAt: '2026-03-10T10:00:00+01:00',
      startsAt: '2026-03-20T09:00:00+01:00',
      components: [{ kind: 'classroom', priceCents: 45_000 }],
      paidCents: 54_450,
      reason: 'regular',
    }),
    decidePlusportCancellation(rb, {
      registeredAt: '2026-02-01',
      requestedAt: '2026-03-18T16:00:00+01:00',
      startsAt: '2026-03-20T09:00:00+01:00',
      components: [
        { kind: 'e-learning', priceCents: 10_000 },
        { kind: 'exam', priceCents: 15_000 },
      ],
      paidCents: 30_250,
      reason: 'regular',
      eLearningStarted: true,
      offeringKind: 'package-exam',
    }),
    decidePlusportReschedule(rb, {
      component: 'practical-session',
      componentPriceCents: 35_000,
      startsAt: '2026-03-23T09:00:00+01:00',
      requestedAt: '2026-03-16T10:00:00+01:00',
      newStartsAt: '2026-04-20T09:00:00+02:00',
      invoiceTotalCents: 42_350,
      paidCents: 42_350,
    }),
    decidePlusportColleagueSwap(rb, {
      requestedAt: '2026-03-20T10:00:00+01:00',
      startsAt: '2026-03-23T09:00:00+01:00',
      requiresProofOfParticipation: true,
      colleaguePassedOnlineTheoryExam: true,
    }),
    decidePlusportProviderCancellation(rb, { cancelledAt: '2026-03-10T12:00:00+01:00', paidCents: 54_450 }),
    decidePlusportInvoiceDueDate(rb, { invoiceDate: '2026-03-01', startsAt: '2026-03-20T09:00:00+01:00' }),
    decidePlusportLatePayment(rb, {
      dueDate: '2026-03-19',
      asOf: '2026-04-20',
      outstandingCents: 121_000,
      customerKind: 'business',
    }),
    decidePlusportAttendance(rb, {
      at: '2026-03-20T08:45:00+01:00',
      component: 'classroom',
      componentPriceCents: 45_000,
      status: 'no-id',
    }),
    decidePlusportExamResult(rb, {
      course: 'exam',
      sittingAt: '2026-03-20T09:00:00+01:00',
      identified: true,
      score: 28,
      maxScore: 40,
      passMark: 28,
    }),
  ];
}

export interface RecordedFixtureDecision {
  decisionId: string;
  streamId: string;
  revision: number;
  position: number;
  decision: Decision;
}

/** Records each decision through the real write path; returns their ids (= the recording events' ids). */
export async function recordDecisions(
  storage: Storage,
  decisions: readonly Decision[],
  actor: EventActor = internalActor('fixture', 'cli'),
): Promise<RecordedFixtureDecision[]> {
  const pipeline = new CommandPipeline(storage.eventStore, createRulebookRegistry(), systemClock);
  const recorded: RecordedFixtureDecision[] = [];
  for (const decision of decisions) {
    const caseId = randomUUID().slice(0, 8);
    const commandId = randomUUID();
    const result = await pipeline.execute(
      fixtureDecider,
      { caseId, decision },
      {
        commandId,
        commandName: 'RecordDecision',
        body: { caseId, decision },
        actor,
        occurredAt: '2026-03-10T10:00:00+01:00',
      },
    );
    const event = result.events[0]!;
    recorded.push({
      decisionId: event.id,
      streamId: event.streamId,
      revision: event.revision,
      position: event.position,
      decision: (event.data as { decision: Decision }).decision,
    });
  }
  return recorded;
}

/** Polls until `check` holds (the server's projections follow another process's appends by polling). */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
