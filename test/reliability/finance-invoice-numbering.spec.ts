/**
 * FIN-I9 and FIN-I16 under concurrency: several numbering processes (each with its own command
 * pipeline, so the in-process stream lock does not serialise them, and its own checkpoint) run at
 * once while invoices and credit notes keep arriving, on one embedded store. Every invoice and
 * every credit note ends with exactly one number, and each series is 1..N without gaps or
 * duplicates: the expected revision on the series stream is the only thing keeping them apart.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CommandPipeline,
  ConcurrencyConflictError,
  internalActor,
  ManualClock,
  openCommandBus,
} from '@ledger/application';
import { SqliteEventStore, WrongExpectedVersionError } from '@ledger/event-store';
import { invoiceNumberingDecider, type AssignInvoiceNumber } from '@ledger/domain';
import { SqliteReadStore } from '@ledger/read-store';
import { addDays, createRulebookRegistry } from '@ledger/regulations';
import { InvoiceNumberingRunner } from '../../apps/admin-api/src/finance/invoice-numbering.process';
import { fixtureDecider, type FixtureCommand } from '../../projections/finance/finance.test-support';

const PROCESSES = 4;
const INVOICES = 60;

describe('invoice numbering under concurrency (FIN-I9)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'finance-numbering-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(`FIN-I9 / FIN-I16 ${PROCESSES} processes numbering ${INVOICES} invoices and their credit notes of two providers and two years while they arrive: each series is 1..N, no gaps, no duplicates`, async () => {
    const eventStore = SqliteEventStore.open({ file: join(dir, 'events.sqlite'), pollIntervalMs: 10 });
    const rulebooks = createRulebookRegistry();
    const clock = new ManualClock(new Date('2025-01-01T00:00:00Z'));
    const readStores = Array.from({ length: PROCESSES }, (_, i) => SqliteReadStore.open(join(dir, `read-${i}.sqlite`)));
    // Each process its own CommandBus over its own pipeline, as separate API instances would have.
    const buses = await Promise.all(
      readStores.map(() => openCommandBus({ pipeline: new CommandPipeline(eventStore, rulebooks, clock) })),
    );
    const runners = readStores.map((readStore, i) => new InvoiceNumberingRunner(eventStore, readStore, buses[i]!));
    const writer = new CommandPipeline(eventStore, rulebooks, clock);
    const exec = (command: FixtureCommand, at: string) =>
      writer.execute(fixtureDecider, command, {
        commandId: randomUUID(),
        commandName: command.type,
        body: command,
        actor: internalActor('test', 'cli'),
        occurredAt: at,
      });

    const providers = ['plusport', 'loi'] as const;
    for (const provider of providers)
      await exec({ type: 'Open', ownerId: provider, customerId: 'c1', provider }, '2024-01-02T09:00:00+01:00');

    const assignedBy = new Array<number>(PROCESSES).fill(0);
    const numberAll = async (runner: InvoiceNumberingRunner, index: number) => {
      for (;;) {
        try {
          assignedBy[index]! += (await runner.runOnce()).assigned;
          return;
        } catch (error) {
          // Lost the race for a series stream more often than the pipeline retries: try again.
          if (!(error instanceof ConcurrencyConflictError)) throw error;
        }
      }
    };

    // Invoices arrive in batches while every process numbers concurrently.
    for (let batch = 0; batch < INVOICES / 10; batch++) {
      for (let i = 0; i < 10; i++) {
        const n = batch * 10 + i;
        const provider = providers[n % 2]!;
        const issuedOn = addDays('2024-12-20', n % 25); // 2024-12-20 .. 2025-01-13: two years
        await exec(
          {
            type: 'IssueInvoice',
            ownerId: provider,
            invoiceId: `inv-${n}`,
            issuedOn,
            dueDate: addDays(issuedOn, 14),
            netCents: 10_000 + n,
          },
          `${issuedOn}T10:00:00+01:00`,
        );
        // Every third invoice is credited down the same day: a credit note in the series of its date.
        if (n % 3 === 0)
          await exec(
            { type: 'CreditDownTo', ownerId: provider, invoiceId: `inv-${n}`, chargeableNetCents: 5_000, issuedOn },
            `${issuedOn}T11:00:00+01:00`,
          );
      }
      await Promise.all(runners.map((runner, i) => numberAll(runner, i)));
    }
    await Promise.all(runners.map((runner, i) => numberAll(runner, i)));

    const log = await eventStore.readAll({ maxCount: 10_000 });
    const issued = log
      .filter((e) => e.type === 'InvoiceIssued')
      .map((e) => e.data as { invoiceId: string; provider: string; issuedOn: string });
    const assigned = log.filter((e) => e.type === 'InvoiceNumberAssigned');
    expect(issued).toHaveLength(INVOICES);
    // exactly one number per invoice
    expect(assigned.map((e) => e.data['invoiceId']).sort()).toEqual(issued.map((i) => i.invoiceId).sort());
    // per series: the stream's events carry 1..N in revision order, N = invoices of that provider and year
    const series = new Map<string, number>();
    for (const i of issued)
      series.set(
        `${i.provider}-${i.issuedOn.slice(0, 4)}`,
        (series.get(`${i.provider}-${i.issuedOn.slice(0, 4)}`) ?? 0) + 1,
      );
    expect([...series.keys()].sort()).toEqual(['loi-2024', 'loi-2025', 'plusport-2024', 'plusport-2025']);
    for (const [name, count] of series) {
      const stream = await eventStore.readStream(`invoice-numbers-${name}`);
      expect(stream.map((e) => e.data['sequence'])).toEqual(Array.from({ length: count }, (_, i) => i + 1));
      expect(new Set(stream.map((e) => e.data['invoiceNumber'])).size).toBe(count);
    }
    // FIN-I16: the same for credit notes, in series of their own
    const credited = log
      .filter((e) => e.type === 'CreditNoteIssued')
      .map((e) => e.data as { creditNoteId: string; provider: string; issuedOn: string });
    expect(credited).toHaveLength(INVOICES / 3);
    const creditNumbers = log.filter((e) => e.type === 'CreditNoteNumberAssigned');
    expect(creditNumbers.map((e) => e.data['creditNoteId']).sort()).toEqual(credited.map((c) => c.creditNoteId).sort());
    const creditSeries = new Map<string, number>();
    for (const c of credited) {
      const name = `${c.provider}-${c.issuedOn.slice(0, 4)}`;
      creditSeries.set(name, (creditSeries.get(name) ?? 0) + 1);
    }
    for (const [name, count] of creditSeries) {
      const stream = await eventStore.readStream(`credit-note-numbers-${name}`);
      expect(stream.map((e) => e.data['sequence'])).toEqual(Array.from({ length: count }, (_, i) => i + 1));
      expect(stream.every((e) => /^(PP|LOI)-CN-\d{4}-\d{6}$/.test(String(e.data['creditNoteNumber'])))).toBe(true);
    }
    // every process went through every document; each number was appended by exactly one of them
    expect(assignedBy.reduce((a, b) => a + b, 0)).toBe(INVOICES + credited.length);

    for (const bus of buses) await bus.close();
    await eventStore.close();
    for (const readStore of readStores) await readStore.close();
  }, 120_000);

  it('FIN-I9 40 invoices numbered at once through 4 pipelines: appends race on the series stream, the losers retry on the new revision, and the series is 1..40', async () => {
    const inner = SqliteEventStore.open({ file: join(dir, 'race.sqlite'), pollIntervalMs: 10 });
    let lostRaces = 0;
    // The real store, counting the appends it refuses for a stale expected revision.
    const eventStore = new Proxy(inner, {
      get(target, property, receiver) {
        if (property !== 'append') return Reflect.get(target, property, receiver);
        return async (...args: Parameters<SqliteEventStore['append']>) => {
          try {
            return await target.append(...args);
          } catch (error) {
            if (error instanceof WrongExpectedVersionError) lostRaces += 1;
            throw error;
          }
        };
      },
    });
    const rulebooks = createRulebookRegistry();
    const clock = new ManualClock(new Date('2026-03-02T00:00:00Z'));
    const pipelines = Array.from({ length: 4 }, () => new CommandPipeline(eventStore, rulebooks, clock));
    const assign = async (n: number) => {
      const command: AssignInvoiceNumber = {
        type: 'AssignInvoiceNumber',
        invoiceId: `race-${n}`,
        provider: 'vli',
        issuedOn: '2026-03-02',
        ownerStreamId: `enrolment-race-${n}`,
      };
      for (;;) {
        try {
          return await pipelines[n % pipelines.length]!.execute(invoiceNumberingDecider, command, {
            commandId: randomUUID(),
            commandName: command.type,
            body: command,
            actor: internalActor('test', 'cli'),
            occurredAt: '2026-03-02T10:00:00+01:00',
          });
        } catch (error) {
          if (!(error instanceof ConcurrencyConflictError)) throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: 40 }, (_, n) => assign(n)));
    const stream = await inner.readStream('invoice-numbers-vli-2026');
    expect(stream.map((e) => e.data['sequence'])).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(new Set(stream.map((e) => e.data['invoiceId'])).size).toBe(40);
    expect(stream.map((e) => e.data['invoiceNumber']).slice(0, 2)).toEqual(['VLI-2026-000001', 'VLI-2026-000002']);
    // the pipelines really raced: some appends were refused for a stale revision and retried
    expect(lostRaces).toBeGreaterThan(0);
    await inner.close();
  }, 120_000);

  it('FIN-I16 upgrade: credit notes recorded while only invoices were numbered get numbers in log order; invoice numbers stay as they were', async () => {
    const eventStore = SqliteEventStore.open({ file: join(dir, 'upgrade.sqlite'), pollIntervalMs: 10 });
    const readStore = SqliteReadStore.open(join(dir, 'upgrade-read.sqlite'));
    const rulebooks = createRulebookRegistry();
    const clock = new ManualClock(new Date('2026-03-02T00:00:00Z'));
    const pipeline = new CommandPipeline(eventStore, rulebooks, clock);
    const envelope = (command: { type: string }, at: string) => ({
      commandId: randomUUID(),
      commandName: command.type,
      body: command,
      actor: internalActor('test', 'cli'),
      occurredAt: at,
    });
    const exec = (command: FixtureCommand, at: string) =>
      pipeline.execute(fixtureDecider, command, envelope(command, at));
    await exec({ type: 'Open', ownerId: 'pp', customerId: 'c1', provider: 'plusport' }, '2026-01-02T09:00:00+01:00');
    for (let n = 0; n < 4; n++) {
      const issuedOn = addDays('2026-03-02', n);
      const invoice = {
        type: 'IssueInvoice',
        ownerId: 'pp',
        invoiceId: `up-${n}`,
        issuedOn,
        dueDate: addDays(issuedOn, 14),
        netCents: 20_000,
      } as const;
      await exec(invoice, `${issuedOn}T10:00:00+01:00`);
      // The process before FIN-I16 numbered the invoice only.
      const assign: AssignInvoiceNumber = {
        type: 'AssignInvoiceNumber',
        invoiceId: `up-${n}`,
        provider: 'plusport',
        issuedOn,
        ownerStreamId: 'fixture-pp',
      };
      await pipeline.execute(invoiceNumberingDecider, assign, envelope(assign, `${issuedOn}T10:00:01+01:00`));
      await exec(
        { type: 'CreditDownTo', ownerId: 'pp', invoiceId: `up-${n}`, chargeableNetCents: 5_000, issuedOn },
        `${issuedOn}T11:00:00+01:00`,
      );
    }
    const before = await eventStore.readAll({ maxCount: 1_000 });
    const invoiceNumbersBefore = before.filter((e) => e.type === 'InvoiceNumberAssigned').map((e) => e.data);
    // That process had read the whole log: its checkpoint (version 1) is at the head.
    await readStore.commit({ name: 'invoice_numbering_process', version: 1 }, [], before[before.length - 1]!.position);

    const bus = await openCommandBus({ pipeline: new CommandPipeline(eventStore, rulebooks, clock) });
    const run = await new InvoiceNumberingRunner(eventStore, readStore, bus).runOnce();
    expect(run.assigned).toBe(4);
    const after = await eventStore.readAll({ maxCount: 1_000 });
    expect(after.filter((e) => e.type === 'InvoiceNumberAssigned').map((e) => e.data)).toEqual(invoiceNumbersBefore);
    const creditNotesInLogOrder = after.filter((e) => e.type === 'CreditNoteIssued').map((e) => e.data['creditNoteId']);
    const series = await eventStore.readStream('credit-note-numbers-plusport-2026');
    expect(series.map((e) => [e.data['creditNoteId'], e.data['creditNoteNumber']])).toEqual(
      creditNotesInLogOrder.map((id, i) => [id, `PP-CN-2026-00000${i + 1}`]),
    );
    await bus.close();
    await eventStore.close();
    await readStore.close();
  }, 60_000);
});
