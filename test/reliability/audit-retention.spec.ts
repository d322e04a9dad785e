/**
 * VLI-5.2 retention end to end on real storage: the learner retention deadline is derived from
 * events, fired by the Scheduler through the pipeline, and the erasure keeper destroys the key.
 * (The policy is registered here explicitly; the ledger registers it in libs/domain/src/deadlines.ts.)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  openCommandBus,
  scheduledCommandClasses,
  type LocalCommandBus,
  CommandPipeline,
  loadConfig,
  openStorage,
  ReadModels,
  Scheduler,
  systemClock,
  type Storage,
  internalActor,
} from '@ledger/application';
import {
  deadlinePolicies,
  learnerDecider,
  learnerRetentionPolicy,
  learnerScheduledCommands,
  learnerUpcasters,
  personalDataPolicy,
  scheduledCommands,
} from '@ledger/domain';
import { SqliteEventStore } from '@ledger/event-store';
import { EsdbEventStore } from '@ledger/event-store/esdb';
import { createDeadlinesProjection, deadlinesFromReadModels } from '@ledger/projections';
import { ProjectionRunner } from '@ledger/read-store';
import { createRulebookRegistry, rulebookUpcasters } from '@ledger/regulations';
import { verifyChain, CHAIN_NOT_AVAILABLE_MESSAGE } from '../../apps/admin-api/src/audit/chain-audit';
import { ErasureKeeper } from '../../apps/admin-api/src/audit/erasure';
import { erasuresProjection } from '@ledger/projections';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('VLI-5.2 retention: scheduled erasure of former learners', () => {
  let dir: string;
  let storage: Storage;
  let runner: ProjectionRunner;
  let scheduler: Scheduler;
  let keeper: ErasureKeeper;
  let pipeline: CommandPipeline;
  let bus: LocalCommandBus;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-retention-'));
    storage = await openStorage(
      loadConfig({ NODE_ENV: 'test', LEDGER_DATA_DIR: dir, LEDGER_API_KEYS: 'admin:retention-test-key-000000' }),
      { personalData: personalDataPolicy, upcasters: [...learnerUpcasters, ...rulebookUpcasters] },
    );
    const policies = deadlinePolicies.includes(learnerRetentionPolicy)
      ? deadlinePolicies
      : [...deadlinePolicies, learnerRetentionPolicy];
    const projections = [createDeadlinesProjection(policies), erasuresProjection];
    runner = new ProjectionRunner({
      eventStore: storage.eventStore,
      readStore: storage.readStore,
      projections,
      logger: quiet,
    });
    const readModels = new ReadModels(storage.eventStore, storage.readStore, runner, projections);
    pipeline = new CommandPipeline(storage.eventStore, createRulebookRegistry(), systemClock);
    bus = await openCommandBus({ pipeline, readModels, storage });
    scheduler = new Scheduler(
      bus,
      deadlinesFromReadModels(readModels),
      { ...scheduledCommands, ...learnerScheduledCommands },
      scheduledCommandClasses,
    );
    keeper = new ErasureKeeper(storage.eventStore, storage.keyStore, storage.engine, readModels);
    runner.start();
  });
  afterAll(async () => {
    await bus.close();
    await runner.stop();
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('VLI-5.2: erases name and e-mail the day after 10 years from the latest activity, once, and the key is destroyed', async () => {
    const learnerId = `l-${randomUUID().slice(0, 8)}`;
    await pipeline.execute(
      learnerDecider,
      {
        type: 'RegisterLearner',
        learnerId,
        name: 'Bartholomeus Bewaartermijn',
        email: 'b.bewaar@example.nl',
        employerId: null,
        registeredAt: '2026-03-02T10:00:00+01:00',
      },
      {
        commandId: randomUUID(),
        commandName: 'RegisterLearner',
        body: { learnerId },
        actor: internalActor('test', 'cli'),
        occurredAt: '2026-03-02T10:00:00+01:00',
      },
    );
    // Later activity (an enrolment naming the learner) moves the deadline on.
    await storage.eventStore.append(
      `enrolment-${learnerId}`,
      [
        {
          type: 'EnrolmentRegistered',
          data: { enrolmentId: `e-${learnerId}`, learnerId },
          metadata: { occurredAt: '2027-06-30T12:00:00+02:00' },
        },
      ],
      { expectedRevision: 'no_stream' },
    );

    const { fired: early } = await scheduler.runUntil('2037-06-30T23:59:59+02:00');
    expect(early.filter((fired) => fired.kind === 'learner-retention-erasure')).toEqual([]);

    const { fired: due } = await scheduler.runUntil('2037-07-01T00:00:00+02:00');
    expect(due.filter((fired) => fired.kind === 'learner-retention-erasure')).toEqual([
      expect.objectContaining({
        streamId: `learner-${learnerId}`,
        dueAt: '2037-07-01T00:00:00+02:00',
        outcome: 'applied',
        events: ['LearnerPersonalDataErased'],
      }),
    ]);
    // The fired erasure took the CommandBus, whose handler destroys the key with the append: the keeper finds nothing left.
    expect(await storage.keyStore.isErased(`learner:${learnerId}`)).toBe(true);
    expect(await keeper.enforce()).toEqual([]);

    const events = await storage.eventStore.readStream(`learner-${learnerId}`);
    expect(events[0]!.data).toMatchObject({ displayName: '[erased]', email: '[erased]' });
    expect(events[1]).toMatchObject({
      type: 'LearnerPersonalDataErased',
      data: { learnerId, reason: 'retention', ruleIds: ['VLI-5.2'], erasedAt: '2037-07-01T00:00:00+02:00' },
    });
    // Firing again changes nothing: the deadline is settled, the key already gone.
    expect(
      (await scheduler.runUntil('2040-01-01T00:00:00+01:00')).fired.filter(
        (fired) => fired.kind === 'learner-retention-erasure',
      ),
    ).toEqual([]);
    expect(await keeper.enforce()).toEqual([]);
    expect((await storage.eventStore.readStream(`learner-${learnerId}`)).length).toBe(2);
  });
  it('erasures recorded without their keys destroyed (a process that stopped in between): one pass destroys every key, page by page', async () => {
    const subjects = Array.from({ length: ErasureKeeper.PAGE * 2 + 50 }, () => `l-${randomUUID().slice(0, 8)}`);
    for (const learnerId of subjects) {
      await storage.keyStore.getOrCreateKey(`learner:${learnerId}`);
      await storage.engine.append(
        `learner-${learnerId}`,
        [
          {
            type: 'LearnerPersonalDataErased',
            data: { learnerId, reason: 'request', ruleIds: [], erasedAt: '2026-12-01T10:00:00+01:00' },
          },
        ],
        { expectedRevision: 'any' },
      );
    }
    const destroyed = await keeper.enforce();
    expect([...destroyed].sort()).toEqual([...subjects].sort());
    for (const learnerId of subjects) expect(await storage.keyStore.isErased(`learner:${learnerId}`)).toBe(true);
    expect(await keeper.enforce()).toEqual([]);
  });
});

describe('hash chain verification', () => {
  it('verifies the SQLite chain, and on an engine without a chain says plainly that it is not available', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-chain-'));
    const engine = SqliteEventStore.open({ file: path.join(dir, 'events.sqlite') });
    try {
      await engine.append(
        's-1',
        [
          { type: 'Something', data: { a: 1 } },
          { type: 'Something', data: { a: 2 } },
        ],
        { expectedRevision: 'no_stream' },
      );
      expect(await verifyChain({ engine, chain: engine })).toEqual({
        available: true,
        engine: 'sqlite',
        ok: true,
        checked: 2,
        headPosition: 1,
        anchor: null,
      });
      // The EventStoreDB adapter keeps no chain; the client connects lazily, so no server is contacted here.
      const esdb = EsdbEventStore.connect('esdb://127.0.0.1:1?tls=false');
      expect(await verifyChain({ engine: esdb, chain: undefined })).toEqual({
        available: false,
        engine: 'eventstoredb',
        ok: null,
        message: CHAIN_NOT_AVAILABLE_MESSAGE,
      });
      expect(CHAIN_NOT_AVAILABLE_MESSAGE).toMatch(/not available on EventStoreDB/);
      await esdb.close();
    } finally {
      await engine.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
