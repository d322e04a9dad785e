#!/usr/bin/env node
/**
 * Guards a clean install (run by `npm test`):
 * 1. package-lock.json is exactly what this npm writes for package.json, so `npm install` on a
 *    fresh clone rewrites nothing. npm recomputes the lock in a scratch directory
 *    (--package-lock-only: no node_modules, no scripts); metadata comes from npm's cache first.
 * 2. Every locked package runs on the oldest Node the ledger supports (package.json "engines").
 * Offline-tolerant: when npm cannot reach the registry or its cache, check 1 is reported as not
 * done (a warning, exit 0); check 2 needs nothing but the lock.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const semver = require('semver');

/** The project checked: this repository, or a directory given as the first argument. */
const ROOT = path.resolve(process.argv[2] ?? path.join(__dirname, '../..'));
const NETWORK_FAILURE = /ENOTCACHED|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|network/i;

function lockRewrites(manifest, lockText) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-lock-check-'));
  try {
    fs.writeFileSync(path.join(scratch, 'package.json'), JSON.stringify(manifest, null, 2));
    fs.writeFileSync(path.join(scratch, 'package-lock.json'), lockText);
    const npm = spawnSync(
      'npm',
      ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'],
      { cwd: scratch, encoding: 'utf8', timeout: 120_000 },
    );
    if (npm.status !== 0) {
      const output = `${npm.stdout}\n${npm.stderr}`;
      if (NETWORK_FAILURE.test(output))
        return { checked: false, reason: output.trim().split('\n').slice(-3).join(' ') };
      throw new Error(`npm install --package-lock-only failed:\n${output}`);
    }
    const rewritten = fs.readFileSync(path.join(scratch, 'package-lock.json'), 'utf8');
    return { checked: true, same: rewritten === lockText, rewritten };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function firstDifference(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  const line = a.findIndex((text, index) => text !== b[index]);
  const at = line === -1 ? a.length : line;
  return `line ${at + 1}: lock has ${JSON.stringify(a[at] ?? '')}, npm writes ${JSON.stringify(b[at] ?? '')}`;
}

function packagesNeedingNewerNode(lock, oldestNode) {
  return Object.entries(lock.packages ?? {})
    .filter(([name, entry]) => name !== '' && typeof entry.engines?.node === 'string')
    .filter(([, entry]) => !semver.satisfies(oldestNode, entry.engines.node, { includePrerelease: true }))
    .map(
      ([name, entry]) => `${name.replace(/^.*node_modules\//, '')}@${entry.version} wants node ${entry.engines.node}`,
    );
}

function main() {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const lockText = fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8');
  const oldestNode = semver.minVersion(manifest.engines.node).version;
  const problems = packagesNeedingNewerNode(JSON.parse(lockText), oldestNode).map(
    (problem) => `${problem} (the ledger supports node ${manifest.engines.node}: pin it in "overrides")`,
  );
  const lock = lockRewrites(manifest, lockText);
  if (lock.checked && !lock.same)
    problems.push(
      `npm install would rewrite package-lock.json (${firstDifference(lockText, lock.rewritten)}); run npm install and commit the lock`,
    );
  if (!lock.checked)
    console.warn(`clean-install: lock not re-derived (npm could not reach its registry): ${lock.reason}`);
  if (problems.length > 0) {
    for (const problem of problems) console.error(`clean-install: ${problem}`);
    process.exit(1);
  }
  console.log(
    `clean-install: ok (${lock.checked ? 'lock is what npm writes; ' : ''}every package runs on node ${oldestNode})`,
  );
}

main();
