/**
 * Whether dist/ is the build of the sources as they are: `npm start` rebuilds only when a source
 * (or a file that configures the build) is newer than the last successful build. Timestamps, not
 * contents: checking them takes milliseconds, where `tsc` takes 20-40 s even when nothing changed.
 *   node scripts/start/build-state.js mark    after a build (npm run build does this)
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const STAMP = path.join(ROOT, 'dist', '.build-stamp');
const SOURCE_DIRS = ['apps', 'libs', 'projections', 'scripts'];
const BUILD_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];
/** TypeScript of the server and the console, and the console's page and styles. */
const SOURCE_FILE = /\.(ts|tsx|html|css)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'data', '.bench-results']);

function newestSourceMs() {
  let newest = 0;
  for (const file of BUILD_FILES) newest = Math.max(newest, fs.statSync(path.join(ROOT, file)).mtimeMs);
  const pending = SOURCE_DIRS.map((dir) => path.join(ROOT, dir));
  while (pending.length > 0) {
    const dir = pending.pop();
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) pending.push(path.join(dir, entry.name));
      } else if (SOURCE_FILE.test(entry.name)) {
        newest = Math.max(newest, fs.statSync(path.join(dir, entry.name)).mtimeMs);
      }
    }
  }
  return newest;
}

/** The build's time, or undefined when there is no complete build. */
function builtAtMs() {
  try {
    return fs.statSync(STAMP).mtimeMs;
  } catch {
    return undefined;
  }
}

function isBuildCurrent() {
  const builtAt = builtAtMs();
  return builtAt !== undefined && newestSourceMs() <= builtAt;
}

/** Records a successful build of the sources as they were at `startedAtMs` (default now). */
function markBuilt(startedAtMs = Date.now()) {
  fs.mkdirSync(path.dirname(STAMP), { recursive: true });
  fs.writeFileSync(STAMP, `${new Date(startedAtMs).toISOString()}\n`);
  const seconds = startedAtMs / 1000;
  fs.utimesSync(STAMP, seconds, seconds);
}

module.exports = { isBuildCurrent, markBuilt, newestSourceMs };

if (require.main === module && process.argv[2] === 'mark') markBuilt();
