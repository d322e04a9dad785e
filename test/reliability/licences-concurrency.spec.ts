/**
 * Racing SPOT commands against the real embedded store:
 * - over HTTP (one process: the per-stream queue orders them), and
 * - through two CommandPipelines sharing one store (two "processes": only the expected-revision
 *   check and the bounded retries stand between them and a wrong count).
 * Either way: exactly one crossing decision, at most one surcharge, an exact count, and a loser
 * gets 409/422 with nothing appended for it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  CommandPipeline,
  ConcurrencyConflictError,
  loadConfig,
  openStorage,
  systemClock,
  type CommandEnvelope,
  type Storage,
  internalActor,
} from '@ledger/application';
import {
  learnerDecider,
  learnerStreamId,
  participantDecider,
  participantStreamId,
  personalDataPolicy,
  type ParticipantCommand,
} from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import { createRulebookRegistry } from '@ledger/regulations';
import { registerLicensedLearners, type LicenceApiCall } from '../../apps/admin-api/src/licences/demo';
import { commandId, startHarness, type Harness } from '../support/http-harness';

const RACERS = 20;
const ACTIVE_BEFORE = 95;
const CROSSING_DAY = '2026-06-01T10:00:00+02:00';

const typesOf = <T extends { type: string }>(events: T[], type: string): T[] => events.filter((e) => e.type === type);

describe('SPOT-4.2 / SPOT-1.4 racing over HTTP', () => {
  let api: Harness;
  let call: LicenceApiCall;
  const P = 'race-http';

  beforeAll(async () => {
    api = await startHarness();
    call = (method, route, body) => api.request(method, route, { role: 'backoffice', body });
    const created = await api.request('POST', '/participants', {
      role: 'backoffice',
      body: {
        commandId: commandId(),
        participantId: P,
        name: 'Racing BV',
        invoiceDate: '2026-01-10',
        registeredAt: '2026-01-05T09:00:00+01:00',
      },
    });
    expect(created.status).toBe(201);
    await registerLicensedLearners(call, {
      participantId: P,
      count: ACTIVE_BEFORE,
      registeredAt: '2026-02-02T10:00:00+01:00',
    });
    for (let n = ACTIVE_BEFORE + 1; n <= ACTIVE_BEFORE + RACERS; n++) {
      const learner = await api.request('POST', '/learners', {
        role: 'backoffice',
        body: {
          commandId: commandId(),
          learnerId: `${P}-learner-${n}`,
          name: 'Racer',
          email: `r${n}@example.nl`,
          employerId: P,
        },
      });
      expect(learner.status).toBe(201);
    }
  }, 120_000);
  afterAll(() => api.close());

  const events = async (): Promise<Array<{ type: string; commandId: string; data: any }>> =>
    (await api.request('GET', `/streams/participant-${P}/events?limit=1000`, { role: 'auditor' })).body.events;

  it(`SPOT-4.2 / SPOT-I2: ${RACERS} registrations racing at ${ACTIVE_BEFORE} active licences: exactly one crossing, one surcharge, an exact count`, async () => {
    const responses = await Promise.all(
      Array.from({ length: RACERS }, (_, i) => {
        const n = ACTIVE_BEFORE + 1 + i;
        return api.request('POST', `/participants/${P}/licences`, {
          role: 'backoffice',
          body: {
            commandId: commandId(),
            licenceId: `${P}-lic-${n}`,
            learnerId: `${P}-learner-${n}`,
            registeredAt: CROSSING_DAY,
          },
        });
      }),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(RACERS).fill(201));
    const crossings = responses.filter((r) =>
      r.body.decisions.some((d: { kind: string }) => d.kind === 'tier-crossing'),
    );
    expect(crossings).toHaveLength(1);
    expect(crossings[0]!.body.decisions[1]).toMatchObject({
      surchargeCents: 150_000,
      inputs: { activeLicencesAfter: 100 },
    });
    // Registrations 96..100 at the low rate, 101..115 at the high rate (the surcharge made it high at once).
    const fees = responses.map((r) => r.body.invoice.totalCents).sort();
    expect(fees).toEqual([...Array(5).fill(3_000), ...Array(15).fill(4_500)]);

    const recorded = await events();
    expect(typesOf(recorded, 'TierThresholdCrossed')).toHaveLength(1);
    expect(typesOf(recorded, 'InvoiceIssued').filter((e) => e.data.reason === 'tier-surcharge')).toHaveLength(1);
    expect(typesOf(recorded, 'LicenceRegistered')).toHaveLength(ACTIVE_BEFORE + RACERS);
    const state = await api.request('GET', `/participants/${P}/licences?asOf=2026-06-01`, { role: 'finance' });
    expect(state.body).toMatchObject({ activeCount: ACTIVE_BEFORE + RACERS, tier: 'high', rateCents: 4_500 });
    const surcharges = await api.request('GET', `/participants/${P}/surcharges`, { role: 'finance' });
    expect(surcharges.body.surcharges).toHaveLength(1);
  }, 60_000);

  it('SPOT-1.4: three coordinator appointments racing for one location: exactly two succeed, the loser gets 422 and nothing is appended for it', async () => {
    const ids = ['c1', 'c2', 'c3'].map(() => commandId());
    const responses = await Promise.all(
      ['c1', 'c2', 'c3'].map((personId, i) =>
        api.request('POST', `/participants/${P}/coordinators`, {
          role: 'backoffice',
          body: { commandId: ids[i], personId, location: 'Utrecht' },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 422]);
    const loser = responses.findIndex((r) => r.status === 422);
    expect(responses[loser]!.body).toMatchObject({ error: 'TOO_MANY_COORDINATORS', ruleId: 'SPOT-1.4' });
    const recorded = await events();
    expect(typesOf(recorded, 'CoordinatorAppointed')).toHaveLength(2);
    expect(recorded.filter((e) => e.commandId === ids[loser])).toEqual([]);
  });
});

describe('SPOT-4.2 / SPOT-1.4 racing from two processes (two pipelines, one store)', () => {
  let dataDir: string;
  let storage: Storage;
  let pipelines: [CommandPipeline, CommandPipeline];
  const P = 'race-two';

  const envelope = (name: string, businessTime: string, body: unknown): CommandEnvelope => {
    const id = randomUUID();
    return {
      commandId: id,
      commandName: name,
      body: { commandId: id, ...(body as object) },
      actor: internalActor('test', 'cli'),
      occurredAt: businessTime,
    };
  };
  const run = (pipeline: CommandPipeline, command: ParticipantCommand, businessTime: string) =>
    pipeline.execute(participantDecider, command, envelope(command.type, businessTime, command));
  const registration = async (pipeline: CommandPipeline, n: number, registeredAt: string) => {
    const { state } = await pipeline.loadState(learnerDecider, learnerStreamId(`${P}-learner-${n}`));
    const learner = state.status === 'registered' ? { employerId: state.employerId } : null;
    return run(
      pipeline,
      {
        type: 'RegisterLicence',
        participantId: P,
        licenceId: `${P}-lic-${n}`,
        learnerId: `${P}-learner-${n}`,
        learner,
        registeredAt,
      },
      registeredAt,
    );
  };
  const streamEvents = async (): Promise<RecordedEvent[]> =>
    storage.eventStore.readStream(participantStreamId(P), { maxCount: 10_000 });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-licence-race-'));
    storage = await openStorage(loadConfig({ NODE_ENV: 'test', LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
      personalData: personalDataPolicy,
    });
    const rulebooks = createRulebookRegistry();
    pipelines = [
      new CommandPipeline(storage.eventStore, rulebooks, systemClock),
      new CommandPipeline(storage.eventStore, rulebooks, systemClock),
    ];
    await run(
      pipelines[0],
      {
        type: 'RegisterParticipant',
        participantId: P,
        rulebookId: 'spot-lms',
        name: 'Two Process BV',
        invoiceDate: '2026-01-10',
        registeredAt: '2026-01-05T09:00:00+01:00',
      },
      '2026-01-05T09:00:00+01:00',
    );
    for (let n = 1; n <= ACTIVE_BEFORE + RACERS; n++) {
      const learnerId = `${P}-learner-${n}`;
      const learner = {
        type: 'RegisterLearner' as const,
        learnerId,
        name: 'Racer',
        email: `${learnerId}@example.nl`,
        employerId: P,
        registeredAt: '2026-01-06T09:00:00+01:00',
      };
      await pipelines[0].execute(learnerDecider, learner, envelope('RegisterLearner', learner.registeredAt, learner));
    }
    for (let n = 1; n <= ACTIVE_BEFORE; n++) await registration(pipelines[0], n, '2026-02-02T10:00:00+01:00');
  }, 120_000);
  afterAll(async () => {
    await storage.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(`SPOT-4.2 / SPOT-I2: ${RACERS} registrations split over two pipelines: at most one crossing and one surcharge; the count equals the successes; losers append nothing`, async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: RACERS }, (_, i) => registration(pipelines[i % 2]!, ACTIVE_BEFORE + 1 + i, CROSSING_DAY)),
    );
    const succeeded = outcomes.filter((o) => o.status === 'fulfilled');
    const failed = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    // A loser may only lose the race (409 after the bounded retries), never get a wrong answer.
    for (const reason of failed) expect(reason).toBeInstanceOf(ConcurrencyConflictError);
    const recorded = await streamEvents();
    const registered = typesOf(recorded, 'LicenceRegistered');
    expect(registered).toHaveLength(ACTIVE_BEFORE + succeeded.length);
    expect(typesOf(recorded, 'TierThresholdCrossed').length).toBe(succeeded.length >= 5 ? 1 : 0);
    expect(
      typesOf(recorded, 'InvoiceIssued').filter((e) => e.data['reason'] === 'tier-surcharge').length,
    ).toBeLessThanOrEqual(1);
    // Every appended registration saw the count its predecessors left: 96, 97, ... without gaps or repeats.
    const counts = registered
      .slice(ACTIVE_BEFORE)
      .map((e) => (e.data['decision'] as { inputs: { activeLicencesAfter: number } }).inputs.activeLicencesAfter);
    expect(counts).toEqual(Array.from({ length: succeeded.length }, (_, i) => ACTIVE_BEFORE + 1 + i));
  }, 60_000);

  it('SPOT-1.4: three appointments for one location from two pipelines: exactly two recorded, the third refused (422) or out-raced (409)', async () => {
    const appointedAt = '2026-06-02T10:00:00+02:00';
    const outcomes = await Promise.allSettled(
      ['c1', 'c2', 'c3'].map((personId, i) =>
        run(
          pipelines[i % 2]!,
          { type: 'AppointCoordinator', participantId: P, personId, location: 'Utrecht', appointedAt },
          appointedAt,
        ),
      ),
    );
    const appointed = typesOf(await streamEvents(), 'CoordinatorAppointed');
    expect(appointed).toHaveLength(2);
    const rejected = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as { ruleId?: string }] : []));
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.ruleId === 'SPOT-1.4' || rejected[0] instanceof ConcurrencyConflictError).toBe(true);
  });
});
