/**
 * Snapshots and kept states (issue 13, docs/decisions.md D24): for every aggregate that declares a
 * snapshot spec, the state the pipeline loads from a snapshot plus the events after it equals a
 * full fold of the stream with personal data open; after an evolve version change or a new
 * upcaster the snapshot is not used (the whole stream is read again) and the state is the new fold.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  LedgerEventStore,
  SqliteEventStore,
  SqliteKeyStore,
  type EventActor,
  type ReadStreamOptions,
  type RecordedEvent,
  type Upcaster,
} from '@ledger/event-store';
import {
  APPROVALS_STREAM,
  approvalsDecider,
  customerDecider,
  foldEvents,
  creditNoteNumberingDecider,
  invoiceNumberingDecider,
  learnerDecider,
  learnerUpcasters,
  offeringDecider,
  participantDecider,
  personalDataPolicy,
  rulebookVersionDecider,
  rulebookVersionStreamId,
  type Decider,
  type DomainEvent,
} from '@ledger/domain';
import * as domain from '@ledger/domain';
import { createRulebookRegistry } from '@ledger/regulations';
import { ManualClock } from './clock';
import { CommandPipeline, readWholeStream, type CommandEnvelope } from './command-pipeline';
import { schedulerLogDecider } from './scheduler-log';
import { internalActor } from './identity/actors';

type AnyDecider = Decider<any, DomainEvent, any>;

/** The store the pipeline reads through, counting the events its stream reads return. */
class CountingStore extends LedgerEventStore {
  eventsRead = 0;
  override async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const events = await super.readStream(streamId, options);
    this.eventsRead += events.length;
    return events;
  }
}

const clock = new ManualClock(new Date('2026-03-01T09:00:00Z'));
const registeredAt = '2026-02-02T10:00:00+01:00';
let commandNumber = 0;
const envelope = (body: unknown): CommandEnvelope => ({
  commandId: `00000000-0000-4000-8000-${String(++commandNumber).padStart(12, '0')}`,
  commandName: 'Test',
  body,
  actor: internalActor('test', 'cli'),
  occurredAt: registeredAt,
});

const anna: EventActor = { userId: 'anna', kind: 'person', authMethod: 'api-key', origin: 'api' };
const bram: EventActor = { ...anna, userId: 'bram' };

/** Commands that give each aggregate a stream of some length, through its real decider. */
const AGGREGATES: Array<{ name: string; decider: AnyDecider; streamId: string; commands: unknown[] }> = [
  {
    name: 'participant',
    decider: participantDecider,
    streamId: 'participant-p1',
    commands: [
      {
        type: 'RegisterParticipant',
        participantId: 'p1',
        rulebookId: 'spot-lms',
        name: 'Zorggroep De Linde',
        invoiceDate: null,
        registeredAt,
      },
      {
        type: 'AppointCoordinator',
        participantId: 'p1',
        personId: 'c1',
        location: 'Utrecht',
        appointedAt: registeredAt,
      },
      ...Array.from({ length: 12 }, (_, i) => ({
        type: 'RegisterLicence',
        participantId: 'p1',
        licenceId: `lic-${i}`,
        learnerId: `l-${i}`,
        learner: { employerId: 'p1' },
        registeredAt,
      })),
      {
        type: 'RecordPayment',
        participantId: 'p1',
        paymentId: 'pay-1',
        invoiceId: 'participant-p1-INV-1',
        amountCents: 3_000,
        receivedAt: registeredAt,
      },
    ],
  },
  {
    name: 'invoice series',
    decider: invoiceNumberingDecider,
    streamId: 'invoice-numbers-plusport-2026',
    commands: Array.from({ length: 20 }, (_, i) => ({
      type: 'AssignInvoiceNumber',
      invoiceId: `inv-${i}`,
      provider: 'plusport',
      issuedOn: '2026-03-02',
      ownerStreamId: `enrolment-${i}`,
    })),
  },
  {
    name: 'credit-note series',
    decider: creditNoteNumberingDecider,
    streamId: 'credit-note-numbers-plusport-2026',
    commands: Array.from({ length: 20 }, (_, i) => ({
      type: 'AssignCreditNoteNumber',
      creditNoteId: `enrolment-${i}-CN-1`,
      invoiceId: `inv-${i}`,
      provider: 'plusport',
      issuedOn: '2026-03-09',
      ownerStreamId: `enrolment-${i}`,
    })),
  },
  {
    name: 'customer',
    decider: customerDecider,
    streamId: 'customer-c1',
    commands: [
      {
        type: 'RegisterCustomer',
        customerId: 'c1',
        kind: 'consumer',
        name: 'Hendrika Zuiderduin',
        email: 'h@example.nl',
        registeredAt,
      },
      {
        type: 'EraseCustomerPersonalData',
        customerId: 'c1',
        requestedAt: '2026-04-01T09:00:00+02:00',
        reason: 'request',
      },
    ],
  },
  {
    name: 'learner',
    decider: learnerDecider,
    streamId: 'learner-l1',
    commands: [
      {
        type: 'RegisterLearner',
        learnerId: 'l1',
        name: 'Wilhelmina Verkerk',
        email: 'w@example.nl',
        employerId: null,
        registeredAt,
      },
      {
        type: 'EraseLearnerPersonalData',
        learnerId: 'l1',
        requestedAt: '2026-04-01T09:00:00+02:00',
        reason: 'request',
      },
    ],
  },
  {
    name: 'offering',
    decider: offeringDecider,
    streamId: 'offering-o1',
    commands: [
      {
        type: 'DefineOffering',
        terms: {
          offeringId: 'o1',
          rulebookId: 'plusport',
          kind: 'classroom',
          title: 'VCA Basis',
          startsAt: '2026-09-16T09:00:00+02:00',
          components: [{ kind: 'classroom', priceCents: 29_500 }],
          options: {},
        },
        definedAt: registeredAt,
      },
      ...[31_000, 32_500].map((priceCents, i) => ({
        type: 'ChangeOfferingPrice',
        offeringId: 'o1',
        changeId: `change-${i}`,
        changedAt: registeredAt,
        components: [{ kind: 'classroom', priceCents }],
        requiredByLaw: false,
      })),
    ],
  },
  {
    name: 'approvals',
    decider: approvalsDecider,
    streamId: APPROVALS_STREAM,
    commands: [
      ...['a1', 'a2', 'a3'].map((approvalId) => ({
        type: 'RequestApproval',
        approvalId,
        request: {
          method: 'POST',
          url: '/refunds/r1/payments',
          body: {},
          commandId: approvalId,
          commandName: 'PayRefund',
        },
        amountCents: 210_000,
        outgoing: [{ eventType: 'RefundPaid', amountCents: 210_000 }],
        requestedBy: anna,
        requesterRoles: ['backoffice'],
        requestedAt: registeredAt,
      })),
      {
        type: 'GrantApproval',
        approvalId: 'a1',
        approvedBy: bram,
        approvedAt: registeredAt,
        executed: { status: 201, streamId: 'enrolment-e1', position: 7 },
      },
      { type: 'RejectApproval', approvalId: 'a2', rejectedBy: bram, rejectedAt: registeredAt, reason: 'not agreed' },
      { type: 'RejectApproval', approvalId: 'a3', rejectedBy: bram, rejectedAt: registeredAt, reason: 'twice' },
    ],
  },
  {
    name: 'rulebook version',
    decider: rulebookVersionDecider,
    streamId: rulebookVersionStreamId('spot-lms'),
    commands: ['2027', '2028', '2029'].map((year) => ({
      type: 'PublishRulebookVersion',
      rulebookId: 'spot-lms',
      version: `${year}-01-01`,
      effectiveFrom: `${year}-01-01`,
      publishedAt: registeredAt,
      details: { lowRateCents: 3_200, highRateCents: 4_800 },
    })),
  },
  {
    name: 'scheduler log',
    decider: schedulerLogDecider,
    streamId: 'scheduler-2026-03-10',
    commands: Array.from({ length: 15 }, (_, i) => ({
      outcome: i % 3 === 0 ? 'DeadlineApplied' : 'DeadlineMooted',
      deadlineId: `deadline-${i}`,
      kind: 'reminder',
      dueAt: '2026-03-10T09:00:00+01:00',
    })),
  },
];

describe('snapshot-loaded aggregates equal a full fold', () => {
  it('covers every decider that declares a snapshot', () => {
    const declared = [...(Object.values(domain) as unknown[]), schedulerLogDecider].filter(
      (value): value is AnyDecider =>
        typeof value === 'object' && value !== null && 'evolve' in value && 'snapshot' in value,
    );
    expect(declared.length).toBeGreaterThanOrEqual(AGGREGATES.length);
    for (const decider of declared) expect(AGGREGATES.map((aggregate) => aggregate.decider)).toContain(decider);
  });

  let dir: string;
  let engine: SqliteEventStore;
  let keyStore: SqliteKeyStore;
  const storeWith = (upcasters: readonly Upcaster[] = learnerUpcasters) =>
    new CountingStore(engine, { keyStore, personalData: personalDataPolicy, upcasters });
  const pipelineOn = (store: LedgerEventStore, snapshotEveryEvents = 1_000) =>
    new CommandPipeline(store, createRulebookRegistry(), clock, { snapshotEveryEvents });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapshots-'));
    engine = SqliteEventStore.open({ file: path.join(dir, 'events.sqlite') });
    keyStore = SqliteKeyStore.open(path.join(dir, 'keys.sqlite'));
    // Every command but the last: the tests snapshot the stream, then append the last one after it.
    const writer = pipelineOn(storeWith());
    for (const { decider, commands } of AGGREGATES)
      for (const command of commands.slice(0, -1)) await writer.execute(decider, command, envelope(command));
  });

  afterAll(async () => {
    await engine.close();
    await keyStore.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The whole stream, personal data open, upcast, folded from the start. */
  const fullFold = async (decider: AnyDecider, streamId: string, store = storeWith()) =>
    foldEvents(
      decider,
      (await readWholeStream(store, streamId)).map((event) => ({ type: event.type, data: event.data })),
    );

  it.each(AGGREGATES.map((aggregate) => [aggregate.name, aggregate] as const))(
    '%s: from its snapshot plus the events after it, as a full fold; a new version reads the whole stream',
    async (_name, { decider, streamId, commands }) => {
      // A process that loads the aggregate writes a snapshot of it; then one more command is appended.
      const version = `${decider.snapshot!.name}@${decider.snapshot!.version}`;
      await pipelineOn(storeWith(), 1).loadState(decider, streamId);
      const snapshot = await storeWith().snapshots!.readSnapshot(streamId, version);
      expect(snapshot).toBeDefined();
      // No plaintext personal data in it (the names and e-mails above).
      expect(snapshot!.body).not.toMatch(/Zuiderduin|Verkerk|De Linde|@example\.nl/);
      const last = commands[commands.length - 1];
      await pipelineOn(storeWith()).execute(decider, last, envelope(last));
      const length = (await readWholeStream(engine, streamId)).length;
      expect(length).toBeGreaterThan(snapshot!.revision + 1);

      // Another process starts from the snapshot and reads only the events after it (and the snapshot's own).
      const fromSnapshot = storeWith();
      const loaded = await pipelineOn(fromSnapshot).loadState(decider, streamId);
      expect(fromSnapshot.eventsRead).toBe(length - snapshot!.revision);
      expect(JSON.parse(JSON.stringify(loaded.state))).toEqual(
        JSON.parse(JSON.stringify(await fullFold(decider, streamId))),
      );
      expect(loaded.revision).toBe(length - 1);

      // evolve changed (and its version raised): the snapshot is not used, the state is the new fold.
      const changed: AnyDecider = {
        ...decider,
        evolve: (state, event) => ({ ...decider.evolve(state, event), foldedEvents: (state.foldedEvents ?? 0) + 1 }),
        snapshot: { ...decider.snapshot!, version: decider.snapshot!.version + 1 },
      };
      const afterChange = storeWith();
      const refolded = await pipelineOn(afterChange).loadState(changed, streamId);
      expect(afterChange.eventsRead).toBe(length);
      expect(refolded.state.foldedEvents).toBe(length);
      expect(refolded.state).toEqual(await fullFold(changed, streamId));

      // A new upcaster for the stream's first event type: the snapshot is not used either.
      const [first] = await engine.readStream(streamId, { maxCount: 1 });
      const upcaster: Upcaster = {
        eventType: first!.type,
        fromSchemaVersion: first!.metadata.schemaVersion ?? 1,
        upcast: (data) => ({ ...data, upcastOnRead: true }),
      };
      const upcasters = [
        ...learnerUpcasters.filter(
          (u) => u.eventType !== upcaster.eventType || u.fromSchemaVersion < upcaster.fromSchemaVersion,
        ),
        upcaster,
      ];
      const upcasting = storeWith(upcasters);
      const upcast = await pipelineOn(upcasting).loadState(decider, streamId);
      expect(upcasting.eventsRead).toBe(length);
      expect(JSON.parse(JSON.stringify(upcast.state))).toEqual(
        JSON.parse(JSON.stringify(await fullFold(decider, streamId, storeWith(upcasters)))),
      );
    },
  );

  it('a kept state follows events appended by another process, and a command on it is decided on the whole history', async () => {
    const store = storeWith();
    const pipeline = pipelineOn(store);
    const before = await pipeline.loadState(participantDecider, 'participant-p1');
    // Another process registers a licence.
    const other = pipelineOn(storeWith());
    const command = {
      type: 'RegisterLicence' as const,
      participantId: 'p1',
      licenceId: 'lic-x',
      learnerId: 'l-x',
      learner: { employerId: 'p1' },
      registeredAt,
    };
    await other.execute(participantDecider, command, envelope(command));
    const after = await pipeline.loadState(participantDecider, 'participant-p1');
    expect(after.revision).toBeGreaterThan(before.revision!);
    expect(JSON.parse(JSON.stringify(after.state))).toEqual(
      JSON.parse(JSON.stringify(await fullFold(participantDecider, 'participant-p1'))),
    );
    // The same licence again through the first process: refused on the whole history, nothing appended.
    await expect(
      pipeline.execute(participantDecider, command, envelope({ ...command, again: true })),
    ).rejects.toMatchObject({
      error: 'LICENCE_ALREADY_EXISTS',
    });
  });
});
