/**
 * Crash campaign of the whole server: the admin API (compiled build, its own process) takes
 * commands from concurrent clients with known command ids and is killed with SIGKILL at a random
 * moment, again and again on the same data directory. After every kill, before the restart, the
 * log itself is checked; after the restart, the API is.
 *
 * What must hold after every kill:
 * - the log is gapless (positions 0..head), event ids unique, stream revisions contiguous, each
 *   command appended at most once and as one contiguous append, the hash chain intact;
 * - every command answered 2xx before the kill has exactly the events of its answer in the log
 *   (0 acknowledged events lost, 0 duplicated); a command answered 4xx has none;
 * - after the restart, resending every acknowledged command id returns the identical answer and
 *   appends nothing;
 * - a command whose answer was lost in the kill (in doubt), resent, gets a definite 2xx/4xx answer
 *   and is then in the log exactly once;
 * - every projection equals a rebuild from zero (POST /admin/projections/verify), with no dead letters.
 */
import { call, type LedgerTarget, type RawResponse } from '../lib/http';
import { LogInspector, LogShapeCheck } from '../lib/log-checks';
import { pick, randomInt, seededRandom, seededUuid, type Random } from '../lib/random';
import { ServerProcess } from '../lib/server';

export interface HttpCrashOptions {
  dataDir: string;
  cycles: number;
  seed: number;
  /** Concurrent clients sending commands while the server runs. */
  clients?: number;
  /** The kill lands between these many ms after the cycle's first acknowledged command. */
  minKillDelayMs?: number;
  maxKillDelayMs?: number;
  /** Verify projections against a rebuild every this many cycles (and after the last). */
  verifyProjectionsEvery?: number;
  /** Earlier acknowledged commands resent per cycle (besides all of the cycle's own). */
  resendSample?: number;
  /**
   * New SPOT participants every this many cycles (0: the same two throughout). Every licence
   * command reads its participant's whole stream, so without rotation the hot streams grow with
   * the campaign and so does the time per command (reported in latencyByKind).
   */
  rotateParticipantsEvery?: number;
  log?: (line: string) => void;
}

interface Sent {
  commandId: string;
  kind: string;
  method: string;
  path: string;
  body: Record<string, unknown>;
  cycle: number;
  /** Set when the answer arrived before the kill. */
  status?: number;
  ms?: number;
  text?: string;
  json?: any;
}

export interface CycleFigures {
  cycle: number;
  killDelayMs: number;
  acknowledged: number;
  refused: number;
  inDoubt: number;
  inDoubtFoundCommitted: number;
  startMs: number;
  headPosition: number;
}

export interface HttpCrashResult {
  seed: number;
  cycles: number;
  clients: number;
  totals: {
    acknowledged: number;
    acknowledgedEvents: number;
    refused: number;
    inDoubt: number;
    inDoubtFoundCommitted: number;
    inDoubtResent: number;
    resent: number;
    projectionVerifications: number;
    lost: number;
    duplicated: number;
  };
  log: { events: number; streams: number; commands: number };
  restartMs: { p50: number; max: number };
  /** Answer times per command kind, over the first and the last tenth of the cycles. */
  latencyByKind: Array<{ kind: string; count: number; firstTenthP50Ms: number; lastTenthP50Ms: number; p95Ms: number }>;
  violations: string[];
  perCycle: CycleFigures[];
  durationMs: number;
  ok: boolean;
}

const OFFERING = 'crash-offering';

async function post(target: LedgerTarget, random: Random, path: string, body: Record<string, unknown>): Promise<void> {
  const r = await call(target, 'POST', path, { role: 'backoffice', body: { commandId: seededUuid(random), ...body } });
  if (r.status !== 201 && r.status !== 200) throw new Error(`${path}: ${r.status} ${r.text.slice(0, 200)}`);
}

/** Base data every cycle's commands build on. */
async function seedData(target: LedgerTarget, random: Random): Promise<void> {
  await post(target, random, '/offerings', {
    offeringId: OFFERING,
    rulebookId: 'plusport',
    kind: 'classroom',
    title: 'VCA',
    startsAt: '2026-04-20T09:00:00+02:00',
    components: [{ kind: 'classroom', priceCents: 45_000 }],
    definedAt: '2026-01-02T09:00:00+01:00',
  });
}

async function newParticipants(target: LedgerTarget, random: Random, world: World, epoch: number): Promise<void> {
  world.participants = [`crash-spot-${epoch}-a`, `crash-spot-${epoch}-b`];
  for (const p of world.participants)
    await post(target, random, '/participants', {
      participantId: p,
      name: 'Crash Zorg BV',
      invoiceDate: '2026-01-10',
      registeredAt: '2026-01-05T09:00:00+01:00',
    });
}

/** What the clients know survived: ids they can build on (all acknowledged). */
interface World {
  participants: string[];
  customers: string[];
  learners: string[];
  enrolments: Array<{ enrolmentId: string; invoiceId: string }>;
  counter: number;
}

function nextCommand(
  random: Random,
  world: World,
  cycle: number,
  acknowledged: Sent[],
): Omit<Sent, 'cycle'> | undefined {
  const n = ++world.counter;
  const id = seededUuid(random);
  const roll = random();
  const at = '2026-03-0' + randomInt(random, 2, 9) + 'T10:00:00+01:00';
  if (roll < 0.15 || world.customers.length === 0) {
    return {
      commandId: id,
      kind: 'customer',
      method: 'POST',
      path: '/customers',
      body: {
        commandId: id,
        customerId: `crash-c${cycle}-${n}`,
        kind: 'consumer',
        name: `Klant ${n}`,
        email: `k${n}@example.nl`,
        registeredAt: '2026-01-05T10:00:00+01:00',
      },
    };
  }
  if (roll < 0.3 || world.learners.length === 0) {
    return {
      commandId: id,
      kind: 'learner',
      method: 'POST',
      path: '/learners',
      body: {
        commandId: id,
        learnerId: `crash-l${cycle}-${n}`,
        name: `Cursist ${n}`,
        email: `c${n}@example.nl`,
        registeredAt: '2026-01-05T10:00:00+01:00',
      },
    };
  }
  if (roll < 0.5) {
    return {
      commandId: id,
      kind: 'enrolment',
      method: 'POST',
      path: '/enrolments',
      body: {
        commandId: id,
        enrolmentId: `crash-e${cycle}-${n}`,
        offeringId: OFFERING,
        customerId: pick(random, world.customers),
        learnerId: pick(random, world.learners),
        registeredAt: '2026-03-02T10:00:00+01:00',
      },
    };
  }
  if (roll < 0.65 && world.enrolments.length > 0) {
    const e = pick(random, world.enrolments);
    return {
      commandId: id,
      kind: 'payment',
      method: 'POST',
      path: '/payments',
      body: {
        commandId: id,
        paymentId: `crash-pay${cycle}-${n}`,
        invoiceId: e.invoiceId,
        amountCents: randomInt(random, 100, 20_000),
        receivedAt: at,
      },
    };
  }
  if (roll < 0.72 && world.enrolments.length > 0) {
    const e = pick(random, world.enrolments);
    return {
      commandId: id,
      kind: 'cancellation',
      method: 'POST',
      path: `/enrolments/${e.enrolmentId}/cancellations`,
      body: { commandId: id, requestedAt: '2026-03-10T10:00:00+01:00', reason: 'regular' },
    };
  }
  if (roll < 0.9) {
    // A SPOT learner and right after it (same client) its licence: the participant streams are hot.
    const p = pick(random, world.participants);
    return {
      commandId: id,
      kind: 'spot-learner',
      method: 'POST',
      path: '/learners',
      body: {
        commandId: id,
        learnerId: `crash-sl${cycle}-${n}`,
        name: `SPOT ${n}`,
        email: `s${n}@example.nl`,
        employerId: p,
        registeredAt: '2026-01-05T10:00:00+01:00',
      },
    };
  }
  // A client resending an acknowledged command (idempotency while the server may die).
  const earlier = acknowledged.filter((s) => s.status !== undefined && s.status < 300);
  if (earlier.length > 0) {
    const resend = pick(random, earlier);
    return {
      commandId: resend.commandId,
      kind: `resend-${resend.kind}`,
      method: resend.method,
      path: resend.path,
      body: resend.body,
    };
  }
  return undefined;
}

function learn(world: World, sent: Sent): Omit<Sent, 'cycle'> | undefined {
  if (sent.status === undefined || sent.status >= 300) return undefined;
  if (sent.kind === 'customer') world.customers.push(String(sent.body['customerId']));
  if (sent.kind === 'learner') world.learners.push(String(sent.body['learnerId']));
  if (sent.kind === 'enrolment' && sent.json?.invoice?.invoiceId)
    world.enrolments.push({ enrolmentId: String(sent.body['enrolmentId']), invoiceId: sent.json.invoice.invoiceId });
  return undefined;
}

function licenceFor(random: Random, learner: Sent): Omit<Sent, 'cycle'> {
  const id = seededUuid(random);
  const p = String(learner.body['employerId']);
  const learnerId = String(learner.body['learnerId']);
  return {
    commandId: id,
    kind: 'licence',
    method: 'POST',
    path: `/participants/${p}/licences`,
    body: { commandId: id, licenceId: `${learnerId}-lic`, learnerId, registeredAt: '2026-02-02T10:00:00+01:00' },
  };
}

const sameAnswer = (a: { status?: number; json?: unknown }, b: RawResponse): boolean =>
  a.status === b.status && JSON.stringify(a.json) === JSON.stringify(b.json);

export async function runHttpCrashCampaign(options: HttpCrashOptions): Promise<HttpCrashResult> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const random = seededRandom(options.seed);
  const clients = options.clients ?? 8;
  const minKill = options.minKillDelayMs ?? 50;
  const maxKill = options.maxKillDelayMs ?? 1_500;
  const verifyEvery = options.verifyProjectionsEvery ?? 10;
  const resendSample = options.resendSample ?? 25;
  const violations: string[] = [];
  const violation = (cycle: number, message: string) => {
    if (violations.length < 200) violations.push(`cycle ${cycle} (seed ${options.seed}): ${message}`);
  };
  const server = await ServerProcess.create({ dataDir: options.dataDir });
  const world: World = { participants: [], customers: [], learners: [], enrolments: [], counter: 0 };
  const rotateEvery = options.rotateParticipantsEvery ?? 10;
  const everything: Sent[] = [];
  const perCycle: CycleFigures[] = [];
  const startTimes: number[] = [];
  const totals = {
    acknowledged: 0,
    acknowledgedEvents: 0,
    refused: 0,
    inDoubt: 0,
    inDoubtFoundCommitted: 0,
    inDoubtResent: 0,
    resent: 0,
    projectionVerifications: 0,
    lost: 0,
    duplicated: 0,
  };
  let structure = { events: 0, streams: 0, commands: 0 };
  const shapeCheck = new LogShapeCheck();

  try {
    startTimes.push(await server.start());
    await seedData(server.target, random);
    await newParticipants(server.target, random, world, 0);

    for (let cycle = 1; cycle <= options.cycles; cycle += 1) {
      const target = server.target;
      if (rotateEvery > 0 && cycle > 1 && (cycle - 1) % rotateEvery === 0)
        await newParticipants(target, random, world, (cycle - 1) / rotateEvery);
      const killDelayMs = randomInt(random, minKill, maxKill);
      const sent: Sent[] = [];
      let stop = false;
      let firstAck: () => void = () => undefined;
      const acked = new Promise<void>((resolve) => (firstAck = resolve));
      const clientRandom = Array.from({ length: clients }, () => seededRandom(randomInt(random, 0, 2 ** 31)));

      // ---- load, then SIGKILL ---------------------------------------------------------------
      const load = Promise.all(
        clientRandom.map(async (r) => {
          let follow: Omit<Sent, 'cycle'> | undefined;
          for (let op = 0; !stop && op < 100_000; op += 1) {
            const next = follow ?? nextCommand(r, world, cycle, everything);
            follow = undefined;
            if (!next) continue;
            const item: Sent = { ...next, cycle };
            sent.push(item);
            try {
              const response = await call(target, item.method, item.path, {
                role: 'backoffice',
                body: item.body,
                timeoutMs: 30_000,
              });
              item.status = response.status;
              item.text = response.text;
              item.json = response.json;
              item.ms = response.ms;
            } catch {
              break; // the server is gone: this command is in doubt
            }
            if (item.status! >= 500)
              violation(cycle, `${item.kind} ${item.path}: ${item.status} ${item.text?.slice(0, 200)}`);
            if (item.status! < 300) firstAck();
            learn(world, item);
            if (item.kind === 'spot-learner' && item.status! < 300) follow = licenceFor(r, item);
          }
        }),
      );
      let noAckTimer: NodeJS.Timeout | undefined;
      await Promise.race([acked, new Promise((resolve) => (noAckTimer = setTimeout(resolve, 30_000)))]);
      clearTimeout(noAckTimer);
      await new Promise((resolve) => setTimeout(resolve, killDelayMs));
      const exit = await server.kill();
      stop = true;
      await load;
      if (exit?.signal !== 'SIGKILL')
        violation(cycle, `the server ended with ${JSON.stringify(exit)} instead of being killed`);

      const acknowledged = sent.filter((s) => s.status !== undefined && s.status < 300);
      const refused = sent.filter((s) => s.status !== undefined && s.status >= 300);
      const inDoubt = sent.filter((s) => s.status === undefined);
      everything.push(...sent.filter((s) => s.status !== undefined));

      // ---- offline: the log itself, before anything reopens it for writing -------------------
      const inspector = LogInspector.open(options.dataDir);
      let inDoubtCommitted = 0;
      let head = -1;
      const full = cycle % verifyEvery === 0 || cycle === options.cycles;
      try {
        // Every cycle the tail (what the kill can touch); every `verifyEvery` cycles the whole log and its chain.
        for (const v of (await shapeCheck.advance(inspector)).slice(0, 10)) violation(cycle, v);
        head = shapeCheck.events - 1;
        if (full) {
          const shape = await inspector.structure();
          structure = { events: shape.events, streams: shape.streams, commands: shape.commands };
          for (const v of shape.violations.slice(0, 10)) violation(cycle, `full check: ${v}`);
        }
        for (const item of acknowledged) {
          const recorded = (await inspector.readByCommandId(item.commandId)).map((e) => e.id);
          const answered = ((item.json?.events ?? []) as Array<{ eventId: string }>).map((e) => e.eventId);
          const missing = answered.filter((id) => !recorded.includes(id));
          const extra = recorded.filter((id) => !answered.includes(id));
          totals.lost += missing.length;
          totals.duplicated += Math.max(0, recorded.length - new Set(recorded).size) + extra.length;
          if (missing.length > 0 || extra.length > 0)
            violation(
              cycle,
              `${item.kind} ${item.commandId}: answered ${answered.join(',')} but the log holds ${recorded.join(',') || 'nothing'}`,
            );
          totals.acknowledgedEvents += item.kind.startsWith('resend') ? 0 : answered.length;
        }
        for (const item of refused.filter((s) => s.kind.startsWith('resend'))) {
          violation(
            cycle,
            `a resend of acknowledged ${item.kind} ${item.commandId} was answered ${item.status} ${item.text?.slice(0, 200)}`,
          );
        }
        for (const item of refused) {
          const recorded = await inspector.readByCommandId(item.commandId);
          // A refused resend of an earlier command id would have its first events: only fresh ids count.
          if (!item.kind.startsWith('resend') && recorded.length > 0)
            violation(
              cycle,
              `${item.kind} ${item.commandId} was answered ${item.status} but ${recorded.length} events carry its id`,
            );
        }
        for (const item of inDoubt)
          if ((await inspector.readByCommandId(item.commandId)).length > 0) inDoubtCommitted += 1;
      } finally {
        await inspector.close();
      }

      // ---- restart: the API answers resends from the log --------------------------------------
      const startMs = await server.start();
      startTimes.push(startMs);
      const restarted = server.target;
      const headBefore = (await call(restarted, 'GET', '/audit/chain', { role: 'auditor' })).json as
        { headPosition?: number; ok?: boolean } | undefined;
      if (headBefore?.ok !== true)
        violation(cycle, `GET /audit/chain after restart: ${JSON.stringify(headBefore)?.slice(0, 200)}`);
      const earlier = everything.filter((s) => s.cycle < cycle && s.status !== undefined && s.status < 300);
      const sample = Array.from({ length: Math.min(resendSample, earlier.length) }, () => pick(random, earlier));
      const resends = [...acknowledged, ...sample];
      let nextResend = 0;
      await Promise.all(
        Array.from({ length: clients }, async () => {
          while (nextResend < resends.length) {
            const item = resends[nextResend++]!;
            const again = await call(restarted, item.method, item.path, { role: 'backoffice', body: item.body });
            totals.resent += 1;
            if (!sameAnswer(item, again))
              violation(
                cycle,
                `resent ${item.kind} ${item.commandId}: first ${item.status} ${item.text?.slice(0, 120)}, now ${again.status} ${again.text.slice(0, 120)}`,
              );
          }
        }),
      );
      const headAfter = (await call(restarted, 'GET', '/audit/chain', { role: 'auditor' })).json as
        { headPosition?: number } | undefined;
      if (headAfter?.headPosition !== headBefore?.headPosition)
        violation(
          cycle,
          `resending acknowledged commands moved the head from ${headBefore?.headPosition} to ${headAfter?.headPosition}`,
        );
      if (headBefore?.headPosition !== head)
        violation(cycle, `the restarted server reports head ${headBefore?.headPosition}, the file had ${head}`);

      // In-doubt commands: the client retries them; each gets a definite answer and is then recorded once.
      for (const item of inDoubt) {
        const again = await call(restarted, item.method, item.path, { role: 'backoffice', body: item.body });
        totals.inDoubtResent += 1;
        if (again.status >= 500)
          violation(cycle, `in-doubt ${item.kind} resent: ${again.status} ${again.text.slice(0, 200)}`);
        item.status = again.status;
        item.text = again.text;
        item.json = again.json;
        learn(world, item);
        if (again.status < 300) {
          const events = ((again.json as any)?.events ?? []) as Array<{ eventId: string }>;
          const inspectorAfter = LogInspector.open(options.dataDir);
          try {
            const recorded = (await inspectorAfter.readByCommandId(item.commandId)).map((e) => e.id);
            if (recorded.join(',') !== events.map((e) => e.eventId).join(','))
              violation(
                cycle,
                `in-doubt ${item.kind} ${item.commandId}: answered ${events.length} events, the log holds ${recorded.length}`,
              );
          } finally {
            await inspectorAfter.close();
          }
        }
        everything.push(item);
      }

      if (full) {
        const verify = await call(restarted, 'POST', '/admin/projections/verify', {
          role: 'auditor',
          body: {},
          timeoutMs: 120_000,
        });
        totals.projectionVerifications += 1;
        const report = verify.json as
          { ok?: boolean; projections?: Array<{ name: string; matches: boolean }> } | undefined;
        if (verify.status !== 200 || report?.ok !== true)
          violation(
            cycle,
            `projections differ from a rebuild: ${
              (report?.projections ?? [])
                .filter((p) => !p.matches)
                .map((p) => p.name)
                .join(', ') || verify.text.slice(0, 200)
            }`,
          );
        const status = (await call(restarted, 'GET', '/admin/projections', { role: 'admin' })).json as
          Array<{ name: string; deadLetters: number }> | undefined;
        for (const p of status ?? [])
          if (p.deadLetters > 0) violation(cycle, `projection ${p.name} has ${p.deadLetters} dead letters`);
      }

      totals.acknowledged += acknowledged.length;
      totals.refused += refused.length;
      totals.inDoubt += inDoubt.length;
      totals.inDoubtFoundCommitted += inDoubtCommitted;
      perCycle.push({
        cycle,
        killDelayMs,
        acknowledged: acknowledged.length,
        refused: refused.length,
        inDoubt: inDoubt.length,
        inDoubtFoundCommitted: inDoubtCommitted,
        startMs,
        headPosition: head,
      });
      if (cycle % 10 === 0 || cycle === options.cycles) {
        log(
          `cycle ${cycle}/${options.cycles}: ${totals.acknowledged} acknowledged, ${totals.inDoubt} in doubt (${totals.inDoubtFoundCommitted} had committed), head ${head}, ${violations.length} violations, ${((Date.now() - started) / 1000).toFixed(0)} s`,
        );
      }
    }
  } finally {
    await server.kill();
  }
  const sorted = [...startTimes].sort((a, b) => a - b);
  const percentile = (values: number[], q: number) => {
    const v = [...values].sort((a, b) => a - b);
    return v.length === 0 ? 0 : Math.round(v[Math.min(v.length - 1, Math.floor(q * v.length))]!);
  };
  const tenth = Math.max(1, Math.floor(options.cycles / 10));
  const timed = everything.filter((s) => s.ms !== undefined);
  const latencyByKind = [...new Set(timed.map((s) => s.kind.replace(/^resend-.*/, 'resend')))].sort().map((kind) => {
    const mine = timed.filter((s) => s.kind.replace(/^resend-.*/, 'resend') === kind);
    return {
      kind,
      count: mine.length,
      firstTenthP50Ms: percentile(
        mine.filter((s) => s.cycle <= tenth).map((s) => s.ms!),
        0.5,
      ),
      lastTenthP50Ms: percentile(
        mine.filter((s) => s.cycle > options.cycles - tenth).map((s) => s.ms!),
        0.5,
      ),
      p95Ms: percentile(
        mine.map((s) => s.ms!),
        0.95,
      ),
    };
  });
  return {
    seed: options.seed,
    cycles: options.cycles,
    clients,
    totals,
    log: structure,
    restartMs: { p50: sorted[Math.floor(sorted.length / 2)] ?? 0, max: sorted[sorted.length - 1] ?? 0 },
    latencyByKind,
    violations,
    perCycle,
    durationMs: Date.now() - started,
    ok: violations.length === 0 && totals.lost === 0 && totals.duplicated === 0,
  };
}
