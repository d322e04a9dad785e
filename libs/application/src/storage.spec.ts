/**
 * The embedded default never loads the EventStoreDB or MongoDB driver (about 100 ms and 20 MB
 * each at every start of the CLI and the server): storage.ts imports those adapters only when
 * their URL is configured. Checked in a fresh Node process, whose module cache is the real one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..', '..');

function driversLoadedByEmbeddedStorage(dataDir: string): { esdb: boolean; mongo: boolean; opened: string } {
  const script = `
    const { openStorage } = require('./libs/application/src/storage');
    const { personalDataPolicy } = require('./libs/domain/src');
    openStorage({ dataDir: ${JSON.stringify(dataDir)}, masterKey: Buffer.alloc(32, 7) }, { personalData: personalDataPolicy })
      .then(async (storage) => {
        const loaded = Object.keys(require.cache);
        const opened = storage.engines.events + '/' + storage.engines.readModels;
        await storage.close();
        console.log(JSON.stringify({
          esdb: loaded.some((file) => file.includes('@eventstore/db-client')),
          mongo: loaded.some((file) => /[\\\\/]node_modules[\\\\/]mongodb[\\\\/]/.test(file)),
          opened,
        }));
      })
      .catch((error) => { console.error(error); process.exit(1); });
  `;
  const output = execFileSync(process.execPath, ['--require', '@swc-node/register', '-e', script], {
    cwd: REPO_ROOT,
    env: { ...process.env, EVENTSTORE_URL: '', MONGODB_URL: '' },
    encoding: 'utf8',
  });
  return JSON.parse(output.trim().split('\n').pop()!) as { esdb: boolean; mongo: boolean; opened: string };
}

describe('openStorage on the embedded default', () => {
  it('opens the SQLite files without loading the EventStoreDB or MongoDB driver', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'storage-drivers-'));
    try {
      expect(driversLoadedByEmbeddedStorage(dataDir)).toEqual({ esdb: false, mongo: false, opened: 'sqlite/sqlite' });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
