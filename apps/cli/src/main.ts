#!/usr/bin/env node
/**
 * The auditors' and operators' tool: `npm run cli -- <command>`.
 *   history <streamId>        every event of a stream with its envelope
 *   explain <decisionId>      a decision, its event, its recomputation and the texts of its rules
 *   verify-decisions          recompute every decision in the log
 *   what-if <interpretation>  recorded decisions a corrected reading would decide differently
 *   rebuild <projection>      blue/green rebuild of one projection
 *   rebuild --all             every projection from zero, split over processes, into a new read store file
 *   verify-projections        rebuild from zero into a scratch store and compare hashes
 *   verify-chain              recompute the hash chain of the embedded log and hold it against its anchor
 *   reanchor                  accept the log as it is: move its anchor to its head (after a deliberate cut)
 *   tick --until <instant>    fire every deadline due up to a business time
 *   backup <dir>              consistent online copy of log, keys and read models, with a manifest
 *   restore <dir>             put a backup back (no server may hold the data directory)
 *   demo                      load the demo data set (scripts/demo.ts) into a running server
 *   users add --name <name> --role <role>   register a user and print their first API key (bootstrap)
 * Exit codes: 0 ok, 1 a verification failed, 2 usage or not available, 3 not found,
 * 4 the data directory is held by a server or another tool.
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  BackupError,
  DataDirLockedError,
  describeActor,
  MAX_REBUILD_SHARES,
  Identity,
  StorageOpenError,
  systemClock,
} from '@ledger/application';
import { DomainError, type UserRole } from '@ledger/domain';
import { MAX_READ_COUNT } from '@ledger/event-store';
import { DecisionAudit, UnknownReadingError } from '../../admin-api/src/audit/decision-audit';
import { verifyChain } from '../../admin-api/src/audit/chain-audit';
import { ErasureKeeper } from '../../admin-api/src/audit/erasure';
import { verifyProjections } from '../../admin-api/src/audit/projection-admin';
import { isApiInstant } from '../../admin-api/src/http/validators';
import { decisionTexts } from '../../admin-api/src/rulebooks/rule-text-views';
import { createBackup, restoreBackup } from './backup';
import { defaultRebuildProcesses, rebuildAll, RebuildAllError, rebuildShareInto } from './rebuild-all';
import { openLedger, type LedgerContext, type OpenLedgerOptions } from './context';
import { bar, print, type Output } from './output';
import { addUser, UserInputError } from './users';

export const EXIT = { ok: 0, failed: 1, usage: 2, notFound: 3, locked: 4 } as const;

/** What `tick` says when the run stopped at its bound (the scheduler's SchedulerRun.complete). */
const INCOMPLETE_TICK = 'the run stopped at its bound: deadlines due by then may be left; run tick again';

class CliExit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

function parseInstantArg(value: string): string {
  if (!isApiInstant(value))
    throw new InvalidArgumentError(
      'expected an ISO 8601 instant with seconds and an offset, e.g. 2026-03-20T00:00:00+01:00',
    );
  return value;
}

function parseCount(value: string): number {
  const count = Number(value);
  if (!Number.isSafeInteger(count) || count < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return count;
}

function parseProcesses(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > MAX_REBUILD_SHARES)
    throw new InvalidArgumentError(`expected 1 to ${MAX_REBUILD_SHARES}`);
  return count;
}

async function withLedger<T>(
  program: Command,
  work: (ledger: LedgerContext, out: Output) => Promise<T>,
  open: Omit<OpenLedgerOptions, 'dataDir'> = {},
): Promise<T> {
  const options = program.opts<{ dataDir?: string; json?: boolean }>();
  const ledger = await openLedger({ ...open, ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
  try {
    return await work(ledger, { json: options.json === true });
  } finally {
    await ledger.close();
  }
}

/** The texts `explain` prints under a decision: each rule in the project's words with its Dutch article, then each reading. */
function ruleTextLines(texts: ReturnType<typeof decisionTexts>): string[] {
  const lines = texts.ruleTexts.length ? ['', 'Rules:'] : [];
  for (const rule of texts.ruleTexts) {
    lines.push(`  ${rule.ruleId}  ${rule.title}${rule.shared ? ' (shared rule)' : ''}`, `    ${rule.text}`);
    const article = rule.article;
    lines.push(
      article.seedFile === null
        ? `    ${article.ref} (${article.statute})`
        : `    ${article.ref} (docs/seeds/${article.seedFile}):\n      "${article.quoteNl}"`,
    );
    if (rule.catalogueVsSeed) lines.push(`    catalogue and seed: ${rule.catalogueVsSeed}`);
  }
  if (texts.interpretations.length) lines.push('', 'Interpretations:');
  for (const text of texts.interpretations) {
    lines.push(`  ${text.id}  ${text.title}`);
    for (const v of text.versions) {
      const when = [v.catalogueRevision ? `catalogue rev ${v.catalogueRevision}` : '', v.adoptedOn ?? '']
        .filter(Boolean)
        .join(', ');
      lines.push(`    version ${v.version}${when ? ` (${when})` : ''}: ${v.reading}`, `      why: ${v.reasoning}`);
    }
  }
  if (texts.missing.length) lines.push('', `No rule text on record for: ${texts.missing.join(', ')}`);
  return lines;
}

/** `Anna de Vries <anna> (person, api-key via api)`; older events' `role:fingerprint` as recorded. */
function actorLine(actor: unknown): string {
  const name = actor && typeof actor === 'object' ? (actor as { displayName?: unknown }).displayName : undefined;
  return describeActor(actor, typeof name === 'string' ? name : undefined);
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('ledger')
    .description(
      "The enrolment ledger's tool for auditors and operators. Opens the same storage as the server (LEDGER_DATA_DIR, EVENTSTORE_URL, MONGODB_URL).",
    )
    .option('--data-dir <dir>', 'embedded store directory (default: $LEDGER_DATA_DIR or ./data)')
    .option('--json', 'machine-readable output (one JSON document)')
    .showHelpAfterError()
    // Set before the subcommands are added, so they inherit it: errors come back to main().
    .exitOverride();

  program
    .command('history')
    .description(
      'every event of a stream with its metadata, in order (personal data decrypted, "[erased]" after erasure)',
    )
    .argument('<streamId>', 'e.g. enrolment-e1, learner-l1')
    .option('--from <revision>', 'first revision', parseCount, 0)
    .option('--limit <count>', `events at most (<= ${MAX_READ_COUNT})`, parseCount, 1000)
    .action(async (streamId: string, options: { from: number; limit: number }) =>
      withLedger(program, async (ledger, out) => {
        if (options.limit < 1 || options.limit > MAX_READ_COUNT)
          throw new CliExit(EXIT.usage, `--limit must be 1-${MAX_READ_COUNT}`);
        const events = await ledger.storage.eventStore.readStream(streamId, {
          fromRevision: options.from,
          maxCount: options.limit,
        });
        if (events.length === 0)
          throw new CliExit(
            EXIT.notFound,
            `Stream ${streamId} has no events${options.from > 0 ? ` from revision ${options.from}` : ''}`,
          );
        // Each actor with the user's display name as of that event (the operator reads the data directory itself).
        const named = new Identity(ledger.storage.eventStore, ledger.config, systemClock).displayNames();
        const actors = await Promise.all(events.map((event) => named(event.metadata.actor, event.position)));
        print(
          out,
          {
            streamId,
            events: events.map((event, index) => ({
              revision: event.revision,
              position: event.position,
              eventId: event.id,
              type: event.type,
              occurredAt: event.metadata.occurredAt ?? null,
              recordedAt: event.recordedAt,
              actor: actors[index],
              schemaVersion: event.metadata.schemaVersion ?? 1,
              data: event.data,
            })),
          },
          () =>
            events
              .map(
                (event, index) =>
                  `#${event.revision} @${event.position}  ${event.type}  occurred ${event.metadata.occurredAt ?? '-'}  recorded ${event.recordedAt}  by ${actorLine(actors[index])}\n    ${JSON.stringify(event.data)}`,
              )
              .join('\n'),
        );
      }),
    );

  program
    .command('explain')
    .description(
      'a decision: rules, inputs, amounts, the event that records it, whether it recomputes the same, and the texts of its rules and interpretations',
    )
    .argument('<decisionId>')
    .action(async (decisionId: string) =>
      withLedger(program, async (ledger, out) => {
        const audit = new DecisionAudit(ledger.storage.eventStore, ledger.readModels, ledger.rulebooks);
        const verified = await audit.verify(decisionId);
        if (!verified) throw new CliExit(EXIT.notFound, `No decision ${decisionId} is recorded`);
        const named = new Identity(ledger.storage.eventStore, ledger.config, systemClock).displayNames();
        const actor = await named(verified.event.actor, verified.event.position);
        const result = { ...verified, event: { ...verified.event, actor } };
        const d = result.recorded;
        const texts = decisionTexts(d);
        print(out, { ...result, ...texts }, () =>
          [
            `Decision ${decisionId}: ${d.kind} under ${d.rulebook.id}@${d.rulebook.version}`,
            `  rules:        ${d.ruleIds.join(', ') || '-'}${d.interpretationIds?.length ? `  (interpretations ${d.interpretationIds.join(', ')})` : ''}`,
            `  explanation:  ${d.explanation}`,
            ...(d.feeCents !== undefined ? [`  feeCents:     ${d.feeCents}`] : []),
            ...(d.refundCents !== undefined ? [`  refundCents:  ${d.refundCents}`] : []),
            `  inputs:       ${JSON.stringify(d.inputs)}`,
            `  recorded in:  ${result.event.streamId}@${result.event.revision} (position ${result.event.position}, ${result.event.type}) occurred ${result.event.occurredAt ?? '-'}, recorded ${result.event.recordedAt}, by ${actorLine(result.event.actor)}`,
            result.matches
              ? '  recomputed:   matches'
              : `  recomputed:   DOES NOT MATCH${result.error ? ` (${result.error.error}: ${result.error.message})` : ''}\n${result.differences.map((x) => `    ${x.field}: recorded ${JSON.stringify(x.recorded)}, recomputed ${JSON.stringify(x.recomputed)}`).join('\n')}`,
            ...ruleTextLines(texts),
          ].join('\n'),
        );
        if (!result.matches) throw new CliExit(EXIT.failed, '');
      }),
    );

  program
    .command('verify-decisions')
    .description('recompute every decision recorded in the log from its inputs and rulebook version')
    .action(async () =>
      withLedger(program, async (ledger, out) => {
        const audit = new DecisionAudit(ledger.storage.eventStore, ledger.readModels, ledger.rulebooks);
        const head = await ledger.storage.eventStore.headPosition();
        const progress = bar(out, 'decisions', Math.max(head + 1, 1));
        const summary = await audit.verifyAll({
          onProgress: (position, _head, checked) => progress.update(position + 1, { checked }),
        });
        progress.stop();
        print(out, summary, () =>
          [
            `${summary.checked} decisions recomputed, ${summary.matched} match, ${summary.checked - summary.matched} do not`,
            ...Object.entries(summary.byKind).map(([kind, counts]) => `  ${kind}: ${counts.matched}/${counts.checked}`),
            ...summary.mismatches.map(
              (m) =>
                `  MISMATCH ${m.decisionId} (${m.recorded.kind}, ${m.event.streamId}@${m.event.revision}): ${m.error ? m.error.message : m.differences.map((x) => `${x.field} recorded ${JSON.stringify(x.recorded)} recomputed ${JSON.stringify(x.recomputed)}`).join('; ')}`,
            ),
          ].join('\n'),
        );
        if (summary.checked !== summary.matched) throw new CliExit(EXIT.failed, '');
      }),
    );

  program
    .command('what-if')
    .argument('<interpretation>', 'a corrected reading, e.g. PP-I19, PP-I18, EXC-I3, EXC-I4, MONEY-I1')
    .description(
      'recompute the recorded decisions a corrected reading touches under its current version; list those that come out differently, with the difference in cents (appends nothing)',
    )
    .action(async (interpretation: string) =>
      withLedger(program, async (ledger, out) => {
        const audit = new DecisionAudit(ledger.storage.eventStore, ledger.readModels, ledger.rulebooks);
        let summary;
        try {
          summary = await audit.whatIf(interpretation);
        } catch (error) {
          if (error instanceof UnknownReadingError) throw new CliExit(EXIT.notFound, error.message);
          throw error;
        }
        const euros = (cents: number) => `${cents < 0 ? '-' : '+'}${(Math.abs(cents) / 100).toFixed(2)}`;
        print(out, summary, () =>
          [
            `${summary.interpretation} version ${summary.currentVersion}: ${summary.checked} decisions made under an older version, ${summary.differing} come out differently, ${summary.unchanged} the same, ${summary.needsFacts} cannot be told${summary.truncated ? ' (more not checked)' : ''}`,
            ...summary.items.map((item) => {
              const money = Object.entries(item.differenceCents).map(([field, cents]) => `${field} ${euros(cents)}`);
              const ids = [
                item.ruleIdsDiffer ? 'rule ids' : '',
                item.interpretationIdsDiffer ? 'interpretation ids' : '',
              ]
                .filter(Boolean)
                .join(' and ');
              const what =
                item.status === 'needs-facts'
                  ? `cannot tell: ${item.missing?.message}`
                  : [money.join(', '), ids ? `${ids} differ` : ''].filter(Boolean).join('; ');
              return `  ${item.decisionId} ${item.rulebook} ${item.kind} ${item.streamId} (${item.occurredAt ?? '-'}): ${what}`;
            }),
          ].join('\n'),
        );
      }),
    );

  program
    .command('rebuild')
    .description(
      'blue/green rebuild of a projection: build beside the live slot, switch when caught up. Refused while a server holds the data directory: pass --url to ask the running server.',
    )
    .argument('[projection]')
    .addOption(
      new Option(
        '--all',
        'every projection from zero, split over processes, into a new read store file that replaces the live one (offline only)',
      ),
    )
    .addOption(
      new Option(
        '--processes <n>',
        'with --all: processes sharing the rebuild (default: one per core, at most 2)',
      ).argParser(parseProcesses),
    )
    .addOption(
      new Option('--url <baseUrl>', 'a running server to ask instead (POST /admin/projections/{name}/rebuild)').env(
        'LEDGER_URL',
      ),
    )
    .addOption(new Option('--api-key <key>', 'admin API key for --url').env('LEDGER_API_KEY'))
    .action(
      async (
        name: string | undefined,
        options: { url?: string; apiKey?: string; all?: boolean; processes?: number },
      ) => {
        const out = { json: program.opts<{ json?: boolean }>().json === true };
        if (options.all) {
          if (name !== undefined || options.url)
            throw new CliExit(
              EXIT.usage,
              '--all rebuilds every projection offline: name no projection and pass no --url',
            );
          const report = await rebuildAll(dataDirOf(program), options.processes ?? defaultRebuildProcesses());
          print(
            out,
            report,
            () =>
              `Rebuilt every projection from zero to position ${report.position} in ${(report.elapsedMs / 1000).toFixed(1)} s, ` +
              `${report.processes} process(es): ${report.shares.map((share) => share.projections.join(' ')).join(' | ')}` +
              (report.deadLetters > 0 ? `; ${report.deadLetters} dead letter(s): see GET /admin/projections` : ''),
          );
          return;
        }
        if (name === undefined) throw new CliExit(EXIT.usage, 'Name a projection, or pass --all');
        if (options.url) {
          const result = await callServer(
            options.url,
            options.apiKey,
            'POST',
            `/admin/projections/${encodeURIComponent(name)}/rebuild`,
            {},
          );
          print(
            out,
            result,
            () =>
              `Rebuilt ${name}: now serving slot ${String((result as { slot?: string }).slot)} at position ${String((result as { position?: number }).position)}`,
          );
          return;
        }
        await withLedger(
          program,
          async (ledger) => {
            if (!ledger.runner.definitions().some((definition) => definition.name === name)) {
              throw new CliExit(
                EXIT.notFound,
                `No projection named ${name}; known: ${ledger.runner
                  .definitions()
                  .map((d) => d.name)
                  .join(', ')}`,
              );
            }
            // Offline: this process owns the read store for the duration; the rebuild catches up and switches.
            await ledger.runner.stop();
            const result = await ledger.runner.rebuild(name);
            print(
              out,
              result,
              () =>
                `Rebuilt ${name} v${result.version}: slot ${result.slot} (generation ${result.generation}) live at position ${result.position}`,
            );
          },
          { lockAs: 'cli rebuild' },
        );
      },
    );

  // The share of one child process of `rebuild --all` (rebuild-all.ts): not for operators.
  program
    .command('rebuild-share', { hidden: true })
    .argument('<file>', 'the new read store file')
    .argument('<projections>', 'comma-separated projection names')
    .action(async (file: string, names: string) => {
      const share = await rebuildShareInto(dataDirOf(program), file, names.split(','));
      // One line: the parent reads the last line of stdout.
      process.stdout.write(`${JSON.stringify(share)}\n`);
    });

  program
    .command('verify-projections')
    .description(
      'rebuild every projection (or the ones named) from zero into a scratch store and compare a hash with the live read model',
    )
    .argument('[projections...]')
    .action(async (names: string[]) =>
      withLedger(program, async (ledger, out) => {
        const known = ledger.runner.definitions().map((definition) => definition.name);
        for (const name of names)
          if (!known.includes(name))
            throw new CliExit(EXIT.notFound, `No projection named ${name}; known: ${known.join(', ')}`);
        await ledger.readModels.ready(60_000);
        const head = await ledger.storage.eventStore.headPosition();
        const progress = bar(out, 'projections', Math.max(head + 1, 1));
        const report = await verifyProjections(ledger.runner, {
          ...(names.length > 0 ? { names } : {}),
          onProgress: (p) => progress.update(Math.max(p.position, 0) + 1, { projection: p.name }),
        });
        progress.stop();
        print(out, report, () =>
          report.projections
            .map(
              (p) =>
                `${p.matches ? 'ok      ' : 'MISMATCH'} ${p.name} v${p.version} (slot ${p.slot}) at position ${p.position}: live ${p.live.hash.slice(0, 16)} (${p.live.documents} docs), rebuilt ${p.rebuilt.hash.slice(0, 16)} (${p.rebuilt.documents} docs)${p.matches ? '' : `; differing: ${p.differingCollections.join(', ')}`}`,
            )
            .join('\n'),
        );
        if (!report.ok) throw new CliExit(EXIT.failed, '');
      }),
    );

  program
    .command('verify-chain')
    .description('recompute the hash chain of the embedded event log and name the first event that does not match')
    .action(async () =>
      withLedger(program, async (ledger, out) => {
        const report = await verifyChain(ledger.storage);
        print(out, report, () =>
          report.available
            ? report.ok
              ? `Hash chain intact: ${report.checked} events checked (head ${report.headPosition}${report.anchor ? `, matches its anchor ${report.anchor.hash.slice(0, 16)}...` : ', no anchor'})`
              : `TAMPERED: ${report.message}`
            : `Not available: ${report.message}`,
        );
        if (!report.available) throw new CliExit(EXIT.usage, '');
        if (!report.ok) throw new CliExit(EXIT.failed, '');
      }),
    );

  program
    .command('reanchor')
    .description(
      'accept the embedded log as it is now: check its hash chain, then move its anchor to its head. For a log deliberately cut short or put back by hand; `restore` anchors by itself. Refused while a server holds the data directory.',
    )
    .action(async () =>
      withLedger(
        program,
        async (ledger, out) => {
          const chain = ledger.storage.chain;
          if (!chain) throw new CliExit(EXIT.usage, 'Not available: EventStoreDB keeps no hash chain or anchor');
          const verified = await chain.verifyChain();
          if (!verified.ok && verified.reason === 'altered')
            throw new CliExit(
              EXIT.failed,
              `Not anchored: the hash chain breaks at position ${verified.position} (event ${verified.eventId}); restore a backup instead`,
            );
          const moved = chain.reanchor();
          print(
            out,
            moved,
            () =>
              `Anchor moved from position ${moved.before?.position ?? 'none'} to ${moved.after.position} (${moved.after.hash.slice(0, 16)}...)`,
          );
        },
        { lockAs: 'cli reanchor', startProjections: false, acceptShortenedLog: true },
      ),
    );

  program
    .command('backup')
    .description(
      'consistent online copy of the embedded read models, log and keys (in that order) into a new directory, with a manifest of positions, chain head and checksums; a server may keep running',
    )
    .argument('<dir>', 'a new or empty directory')
    .action(async (dir: string) => {
      const out = { json: program.opts<{ json?: boolean }>().json === true };
      const manifest = await createBackup(dataDirOf(program), path.resolve(dir));
      print(
        out,
        manifest,
        () =>
          `Backup in ${path.resolve(dir)}: log head ${manifest.log.headPosition} (${manifest.log.headHash.slice(0, 16)}...), read models at ${Math.min(...manifest.readModels.projections.map((p) => p.position))}-${Math.max(...manifest.readModels.projections.map((p) => p.position))}; ${Object.entries(
            manifest.files,
          )
            .map(([name, file]) => `${name} ${file.bytes} bytes`)
            .join(', ')}`,
      );
    });

  program
    .command('restore')
    .description(
      'put a backup back into the data directory: checks its checksums and chain, anchors the restored log, keeps the replaced files in pre-restore-<time>/. Refused while a server holds the data directory.',
    )
    .argument('<dir>', 'a directory written by backup')
    .action(async (dir: string) => {
      const out = { json: program.opts<{ json?: boolean }>().json === true };
      const report = await restoreBackup(path.resolve(dir), dataDirOf(program));
      print(
        out,
        report,
        () =>
          `Restored ${report.from} (taken ${report.backupCreatedAt}) into ${report.dataDir}: log head ${report.headPosition}${report.previousFilesIn ? `; the files it replaced are in ${report.previousFilesIn}` : ''}`,
      );
    });

  program
    .command('tick')
    .description(
      'fire every deadline due up to a business time, exactly as the wall-clock scheduler would (idempotent)',
    )
    .requiredOption('--until <instant>', 'business time, e.g. 2026-03-20T00:00:00+01:00', parseInstantArg)
    .addOption(
      new Option('--url <baseUrl>', 'a running server to ask instead (POST /admin/scheduler/run)').env('LEDGER_URL'),
    )
    .addOption(new Option('--api-key <key>', 'admin API key for --url').env('LEDGER_API_KEY'))
    .action(async (options: { until: string; url?: string; apiKey?: string }) => {
      const out = { json: program.opts<{ json?: boolean }>().json === true };
      if (options.url) {
        const result = (await callServer(options.url, options.apiKey, 'POST', '/admin/scheduler/run', {
          until: options.until,
        })) as { fired: unknown[]; complete?: boolean };
        print(out, result, () =>
          [
            `${result.fired.length} deadlines fired up to ${options.until}`,
            ...(result.complete === false ? [INCOMPLETE_TICK] : []),
          ].join('\n'),
        );
        return;
      }
      await withLedger(
        program,
        async (ledger) => {
          const { fired, complete } = await ledger.scheduler.runUntil(options.until);
          // Retention erasures the scheduler just recorded: destroy their keys now, not at the server's next pass.
          const keeper = new ErasureKeeper(
            ledger.storage.eventStore,
            ledger.storage.keyStore,
            ledger.storage.engine,
            ledger.readModels,
          );
          const keysDestroyed = await keeper.enforce();
          print(out, { until: options.until, fired, complete, keysDestroyed }, () =>
            [
              `${fired.length} deadlines fired up to ${options.until}`,
              ...(complete ? [] : [INCOMPLETE_TICK]),
              ...fired.map(
                (f) =>
                  `  ${f.dueAt}  ${f.kind}  ${f.streamId}  ${f.outcome}${f.events.length ? ` -> ${f.events.join(', ')}` : ''}${f.error ? ` (${f.error})` : ''}`,
              ),
              ...(keysDestroyed.length ? [`  personal data keys destroyed: ${keysDestroyed.length}`] : []),
            ].join('\n'),
          );
        },
        { lockAs: 'cli tick' },
      );
    });

  const users = program.command('users').description('users of the admin API (people and service accounts)');
  users
    .command('add')
    .description('register a user in the data directory and print their first API key, once (no server may run)')
    .requiredOption('--name <displayName>', 'display name, e.g. "Anna de Vries" (personal data, stored encrypted)')
    .requiredOption(
      '--role <role>',
      'backoffice, finance, auditor or admin; repeat for more',
      (value: string, previous: UserRole[] = []) => [...previous, value as UserRole],
    )
    .option('--id <userId>', 'user id (default: from the name, e.g. anna-de-vries)')
    .option('--service', 'a service account (an integration) rather than a person')
    .option('--expires <instant>', 'when the key stops working (default: never)', parseInstantArg)
    .action(async (options: { name: string; role: UserRole[]; id?: string; service?: boolean; expires?: string }) =>
      withLedger(
        program,
        async (ledger, out) => {
          let added: Awaited<ReturnType<typeof addUser>>;
          try {
            added = await addUser(ledger, {
              name: options.name,
              roles: options.role,
              kind: options.service ? 'service' : 'person',
              ...(options.id ? { userId: options.id } : {}),
              ...(options.expires ? { expiresAt: options.expires } : {}),
            });
          } catch (error) {
            if (error instanceof UserInputError) throw new CliExit(EXIT.usage, error.message);
            if (error instanceof DomainError) throw new CliExit(EXIT.usage, `${error.error}: ${error.message}`);
            throw error;
          }
          print(out, added, () =>
            [
              `User ${added.userId} (${added.kind}, roles ${added.roles.join(', ')}) registered.`,
              `API key (shown once; send it as "Authorization: Bearer <key>"):`,
              `  ${added.apiKey}`,
            ].join('\n'),
          );
        },
        { lockAs: 'cli users add' },
      ),
    );

  program
    .command('demo')
    .description('load the demo data set (scripts/demo.ts, loadDemo) into a running server')
    .addOption(new Option('--url <baseUrl>', 'the running server (npm start)').env('LEDGER_URL'))
    .addOption(new Option('--api-key <key>', 'an admin key of that server').env('LEDGER_API_KEY'))
    .action(async (options: { url?: string; apiKey?: string }) => {
      const demoFile = path.resolve(__dirname, '../../../scripts/demo.ts');
      if (!fs.existsSync(demoFile))
        throw new CliExit(
          EXIT.usage,
          `No demo loader yet: ${path.relative(process.cwd(), demoFile)} (exporting loadDemo(baseUrlOrApp)) does not exist`,
        );
      if (!options.url)
        throw new CliExit(
          EXIT.usage,
          'Start the server (npm start) and pass --url http://127.0.0.1:3000 (or set LEDGER_URL)',
        );
      if (!options.apiKey)
        throw new CliExit(EXIT.usage, '--api-key (or LEDGER_API_KEY) with the admin role is required');
      const demo = (await import(demoFile)) as { loadDemoInto?: (baseUrl: string, key: string) => Promise<unknown> };
      if (typeof demo.loadDemoInto !== 'function')
        throw new CliExit(EXIT.usage, `${demoFile} does not export loadDemoInto(baseUrl, key)`);
      const result = await demo.loadDemoInto(options.url, options.apiKey);
      print(
        { json: program.opts<{ json?: boolean }>().json === true },
        result ?? { loaded: true },
        () => `Demo data loaded into ${options.url}${result ? `: ${JSON.stringify(result)}` : ''}`,
      );
    });

  return program;
}

function dataDirOf(program: Command): string {
  const option = program.opts<{ dataDir?: string }>().dataDir;
  return path.resolve(option ?? (process.env.LEDGER_DATA_DIR || './data'));
}

async function callServer(
  baseUrl: string,
  apiKey: string | undefined,
  method: string,
  route: string,
  body: unknown,
): Promise<unknown> {
  if (!apiKey) throw new CliExit(EXIT.usage, '--api-key (or LEDGER_API_KEY) is required with --url');
  const response = await fetch(new URL(route, baseUrl), {
    method,
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok)
    throw new CliExit(
      response.status === 404 ? EXIT.notFound : EXIT.failed,
      `${method} ${route}: ${response.status} ${text}`,
    );
  return text ? JSON.parse(text) : {};
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CliExit) {
      if (error.message) process.stderr.write(`${error.message}\n`);
      return error.code;
    }
    if (error instanceof DataDirLockedError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT.locked;
    }
    if (error instanceof StorageOpenError || error instanceof BackupError || error instanceof RebuildAllError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT.failed;
    }
    const commanderError = error as { code?: string; exitCode?: number };
    if (typeof commanderError.code === 'string' && commanderError.code.startsWith('commander.')) {
      return commanderError.code === 'commander.helpDisplayed' || commanderError.code === 'commander.version'
        ? EXIT.ok
        : EXIT.usage;
    }
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failed;
  }
}

if (require.main === module) {
  void main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
