/**
 * Generates a realistic log for the replay benchmark, straight through the write path the API
 * uses (CommandPipeline: idempotency look-up, load, the real deciders and rulebooks, personal data
 * encrypted per subject, append at the expected revision), but without HTTP: the demo scaled up.
 * Customers and learners (personal data), offerings of the four course rulebooks, enrolments with
 * payments, cancellations, reschedules, exam results, withdrawals and LOI terminations, and SPOT
 * participants with coordinators and licences. Seeded, so every run writes the same mix.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import {
  CommandPipeline,
  loadConfig,
  openStorage,
  systemClock,
  type CommandEnvelope,
  type Storage,
  internalActor,
} from '@ledger/application';
import {
  customerDecider,
  enrolmentDecider,
  learnerDecider,
  learnerUpcasters,
  normaliseOfferingTerms,
  offeringCatalogueOf,
  offeringDecider,
  participantDecider,
  personalDataPolicy,
  type CustomerKind,
  type Decider,
  type DomainEvent,
  type EnrolmentCommand,
  type OfferingTerms,
} from '@ledger/domain';
import { createRulebookRegistry, rulebookUpcasters } from '@ledger/regulations';

const OFFERINGS: OfferingTerms[] = [
  {
    offeringId: 'pp-vca',
    rulebookId: 'plusport',
    kind: 'classroom',
    title: 'VCA Basis',
    startsAt: '2026-09-16T09:00:00+02:00',
    components: [{ kind: 'classroom', priceCents: 29_500 }],
    options: { rescheduleAsCancellation: true },
  },
  {
    offeringId: 'pp-nen3140',
    rulebookId: 'plusport',
    kind: 'package-exam',
    title: 'NEN 3140 e-learning + examen',
    startsAt: '2026-09-18T09:00:00+02:00',
    components: [
      { kind: 'e-learning', priceCents: 12_500 },
      { kind: 'exam', priceCents: 17_500 },
    ],
    options: {},
  },
  {
    offeringId: 'pp-heftruck',
    rulebookId: 'plusport',
    kind: 'package-practical',
    title: 'Heftruck e-learning + praktijk',
    startsAt: '2026-09-22T09:00:00+02:00',
    components: [
      { kind: 'e-learning', priceCents: 9_500 },
      { kind: 'practical-session', priceCents: 34_500 },
    ],
    options: {},
  },
  {
    offeringId: 'vli-adr',
    rulebookId: 'vli',
    kind: 'training',
    title: 'ADR basis',
    startsAt: '2026-09-09T08:30:00+02:00',
    components: [{ kind: 'classroom', priceCents: 64_500 }],
    options: { examType: 'standard' },
  },
  {
    offeringId: 'exc-bhv',
    rulebookId: 'excellus',
    kind: 'contact-course',
    title: 'BHV basis',
    startsAt: '2026-09-14T09:00:00+02:00',
    components: [{ kind: 'classroom', priceCents: 85_000 }],
    options: {},
  },
  {
    offeringId: 'exc-examen',
    rulebookId: 'excellus',
    kind: 'exam-only',
    title: 'Examen Leidinggevende',
    startsAt: '2026-09-15T13:00:00+02:00',
    components: [{ kind: 'exam', priceCents: 27_500 }],
    options: {},
  },
  {
    offeringId: 'loi-boekhouden',
    rulebookId: 'loi',
    kind: 'home-study',
    title: 'Praktijkdiploma Boekhouden',
    startsAt: '2026-02-23T00:00:00+01:00',
    components: [{ kind: 'tuition', priceCents: 8_900 }],
    options: { level: 'other', studyMonths: 12, tutor: true, recognised: false },
  },
] as unknown as OfferingTerms[];

export const GIVEN = [
  'Anouk',
  'Bram',
  'Daan',
  'Emma',
  'Fenna',
  'Jesse',
  'Lotte',
  'Milan',
  'Noor',
  'Sem',
  'Tess',
  'Thijs',
];
const FAMILY = ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos'];
/** Enrolments (or licences) handled at once: appends from this many streams share group commits. */
const CONCURRENCY = 256;
const LICENCES_PER_PARTICIPANT = 40;

export interface GenerateResult {
  events: number;
  commands: number;
  refused: number;
  byType: Record<string, number>;
  elapsedMs: number;
}

/** Mulberry32: small, fast, seeded. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Who books an enrolment: its customer and learner, and whether they are new (registered first). */
export interface Booker {
  customerId: string;
  learnerId: string;
  kind: CustomerKind;
  registerCustomer: boolean;
  registerLearner: boolean;
}

/**
 * Writes the mix through the application's write path; generateLog (replay) and the large-provider
 * benchmark (scale.ts) both drive it.
 */
export interface LogWriter {
  readonly counts: { events: number; commands: number; refused: number; byType: Record<string, number> };
  defineOfferings(): Promise<void>;
  /** One enrolment and its lifecycle (payment, then a cancellation, reschedule, withdrawal, termination or exam). */
  enrolment(n: number, booker?: Booker): Promise<void>;
  /**
   * A SPOT participant with a coordinator and `licences` licences (each with its learner), one
   * command at a time; `onLicence` gets each licence registration's latency and CPU time in ms.
   */
  spotParticipant(
    n: number,
    licences: number,
    onLicence?: (licence: number, elapsedMs: number, cpuMs: number) => void,
  ): Promise<void>;
  close(): Promise<void>;
}

export async function openLogWriter(dataDir: string): Promise<LogWriter> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LEDGER_DATA_DIR: dataDir,
    LEDGER_API_KEYS: 'admin:bench-admin-key-0123456789',
    LOG_LEVEL: 'silent',
  });
  const storage: Storage = await openStorage(config, {
    personalData: personalDataPolicy,
    upcasters: [...learnerUpcasters, ...rulebookUpcasters],
  });
  // Generating is not what is measured: skip the fsyncs (the files are the same as a durable run's).
  for (const store of [storage.engine, storage.keyStore])
    (store as unknown as { db: { pragma(text: string): unknown } }).db.pragma('synchronous = OFF');
  const rulebooks = createRulebookRegistry();
  const pipeline = new CommandPipeline(storage.eventStore, rulebooks, systemClock);
  const normalised = (terms: OfferingTerms) =>
    normaliseOfferingTerms(terms, offeringCatalogueOf(rulebooks, terms.rulebookId, '2026-01-02'));
  const random = seeded(20260301);
  const counts = { events: 0, commands: 0, refused: 0, byType: {} as Record<string, number> };

  const run = async <C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    command: C,
    name: string,
    occurredAt: string,
  ): Promise<string[] | undefined> => {
    const envelope: CommandEnvelope = {
      commandId: randomUUID(),
      commandName: name,
      body: command,
      actor: internalActor('bench', 'cli'),
      occurredAt,
    };
    counts.commands += 1;
    try {
      const result = await pipeline.execute(decider, command, envelope);
      for (const event of result.events) counts.byType[event.type] = (counts.byType[event.type] ?? 0) + 1;
      counts.events += result.events.length;
      return result.events.map((event) => JSON.stringify(event.data));
    } catch {
      // A rulebook refusing an act (422 over HTTP) appends nothing; the mix simply moves on.
      counts.refused += 1;
      return undefined;
    }
  };

  const at = '2026-01-05T09:00:00+01:00';
  const defineOfferings = async (): Promise<void> => {
    for (const terms of OFFERINGS)
      await run(
        offeringDecider,
        { type: 'DefineOffering', terms: normalised(terms), definedAt: '2026-01-02T09:00:00+01:00' },
        'DefineOffering',
        at,
      );
  };

  const enrolment = async (n: number, booker?: Booker): Promise<void> => {
    const pick = random();
    const kind: CustomerKind = booker?.kind ?? (pick < 0.7 ? 'consumer' : 'business');
    const given = GIVEN[n % GIVEN.length]!;
    const family = FAMILY[Math.floor(n / GIVEN.length) % FAMILY.length]!;
    const customerId = booker?.customerId ?? `cust-${n}`;
    const learnerId = booker?.learnerId ?? `lrn-${n}`;
    if (booker?.registerCustomer ?? true)
      await run(
        customerDecider,
        {
          type: 'RegisterCustomer',
          customerId,
          kind,
          name: `${given} ${family}`,
          email: `${given}.${n}@example.nl`.toLowerCase(),
          registeredAt: at,
        },
        'RegisterCustomer',
        at,
      );
    if (booker?.registerLearner ?? true)
      await run(
        learnerDecider,
        {
          type: 'RegisterLearner',
          learnerId,
          name: `${given} ${family}`,
          email: `${given}.${n}@example.nl`.toLowerCase(),
          employerId: kind === 'business' ? customerId : null,
          registeredAt: at,
        },
        'RegisterLearner',
        at,
      );
    const terms = normalised(OFFERINGS[Math.floor(random() * OFFERINGS.length)]!);
    const enrolmentId = `enr-${n}`;
    const registeredAt = terms.rulebookId === 'loi' ? '2026-02-01T12:00:00+01:00' : '2026-03-02T10:00:00+01:00';
    const enrol = (command: Omit<EnrolmentCommand, 'enrolmentId'>, occurredAt: string) =>
      run(enrolmentDecider, { ...command, enrolmentId } as EnrolmentCommand, command.type, occurredAt);
    const registered = await enrol(
      {
        type: 'RegisterEnrolment',
        offeringId: terms.offeringId,
        learnerId,
        customerId,
        customerKind: kind,
        registeredAt,
        terms,
      } as Omit<EnrolmentCommand, 'enrolmentId'>,
      registeredAt,
    );
    const invoice = registered
      ?.map((data) => JSON.parse(data) as { invoiceId?: string; totalCents?: number })
      .find((data) => data.invoiceId !== undefined && data.totalCents !== undefined);
    if (invoice && random() < 0.85) {
      const receivedAt = terms.rulebookId === 'loi' ? '2026-03-01T09:00:00+01:00' : '2026-03-20T10:00:00+01:00';
      await enrol(
        {
          type: 'RecordPayment',
          paymentId: `pay-${n}`,
          invoiceId: invoice.invoiceId!,
          amountCents: invoice.totalCents!,
          receivedAt,
        } as Omit<EnrolmentCommand, 'enrolmentId'>,
        receivedAt,
      );
    }
    const next = random();
    if (terms.rulebookId === 'loi') {
      if (next < 0.4)
        await enrol(
          { type: 'TerminateEnrolment', requestedAt: '2026-06-20T10:00:00+02:00' } as Omit<
            EnrolmentCommand,
            'enrolmentId'
          >,
          '2026-06-20T10:00:00+02:00',
        );
    } else if (next < 0.3) {
      await enrol(
        { type: 'CancelEnrolment', requestedAt: '2026-08-03T14:00:00+02:00', reason: 'regular' } as Omit<
          EnrolmentCommand,
          'enrolmentId'
        >,
        '2026-08-03T14:00:00+02:00',
      );
    } else if (next < 0.4) {
      await enrol(
        {
          type: 'RescheduleEnrolment',
          requestedAt: '2026-08-06T09:00:00+02:00',
          newStartsAt: '2026-10-21T09:00:00+02:00',
        } as Omit<EnrolmentCommand, 'enrolmentId'>,
        '2026-08-06T09:00:00+02:00',
      );
    } else if (next < 0.55 && kind === 'consumer') {
      await enrol(
        { type: 'WithdrawEnrolment', requestedAt: '2026-03-10T21:00:00+01:00' } as Omit<
          EnrolmentCommand,
          'enrolmentId'
        >,
        '2026-03-10T21:00:00+01:00',
      );
    } else if (next < 0.8 && terms.rulebookId !== 'excellus') {
      const sittingAt = '2026-09-30T15:00:00+02:00';
      await enrol(
        {
          type: 'RecordExamResult',
          sittingAt,
          score: 30 + Math.floor(random() * 21),
          maxScore: 50,
          identified: true,
        } as Omit<EnrolmentCommand, 'enrolmentId'>,
        sittingAt,
      );
    }
  };

  const spotParticipant = async (
    n: number,
    licences: number,
    onLicence?: (licence: number, elapsedMs: number, cpuMs: number) => void,
  ): Promise<void> => {
    const participantId = `spot-${n}`;
    const registeredAt = '2026-01-12T09:30:00+01:00';
    await run(
      participantDecider,
      {
        type: 'RegisterParticipant',
        participantId,
        rulebookId: 'spot-lms',
        name: `Zorggroep ${n}`,
        invoiceDate: '2026-01-10',
        registeredAt,
      },
      'RegisterParticipant',
      registeredAt,
    );
    await run(
      participantDecider,
      {
        type: 'AppointCoordinator',
        participantId,
        personId: `${participantId}-coordinator`,
        location: 'Utrecht',
        appointedAt: registeredAt,
      },
      'AppointCoordinator',
      registeredAt,
    );
    for (let l = 1; l <= licences; l++) {
      const learnerId = `${participantId}-learner-${l}`;
      const given = GIVEN[l % GIVEN.length]!;
      await run(
        learnerDecider,
        {
          type: 'RegisterLearner',
          learnerId,
          name: `${given} ${n}`,
          email: `${given}.${n}.${l}@example.nl`.toLowerCase(),
          employerId: participantId,
          registeredAt,
        },
        'RegisterLearner',
        registeredAt,
      );
      const startedAt = performance.now();
      const cpuAtStart = process.cpuUsage();
      await run(
        participantDecider,
        {
          type: 'RegisterLicence',
          participantId,
          licenceId: `${participantId}-lic-${l}`,
          learnerId,
          learner: { employerId: participantId },
          registeredAt,
        },
        'RegisterLicence',
        registeredAt,
      );
      const cpu = process.cpuUsage(cpuAtStart);
      onLicence?.(l, performance.now() - startedAt, (cpu.user + cpu.system) / 1000);
    }
  };

  return {
    counts,
    defineOfferings,
    enrolment,
    spotParticipant,
    close: () => storage.close(),
  };
}

export async function generateLog(
  dataDir: string,
  targetEvents: number,
  onProgress?: (events: number) => void,
): Promise<GenerateResult> {
  const writer = await openLogWriter(dataDir);
  const startedAt = performance.now();
  await writer.defineOfferings();
  let nextId = 0;
  let lastReport = 0;
  const worker = async (): Promise<void> => {
    while (writer.counts.events < targetEvents) {
      const n = nextId++;
      // About one unit in eight is a SPOT participant (with its licences), the rest enrolments.
      if (n % 97 === 0) await writer.spotParticipant(n, LICENCES_PER_PARTICIPANT);
      else await writer.enrolment(n);
      if (onProgress && writer.counts.events - lastReport >= 50_000) {
        lastReport = writer.counts.events;
        onProgress(writer.counts.events);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await writer.close();
  return { ...writer.counts, elapsedMs: Math.round(performance.now() - startedAt) };
}
