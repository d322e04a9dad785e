import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { SqliteKeyStore } from '../../libs/event-store/src/keys/sqlite-key-store';
import { describeKeyStoreContract } from './key-store.contract';

function newTempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ledger-keys-'));
}

/** Every byte the key store has on disk: the database file and its WAL. */
function bytesOnDisk(file: string): Buffer {
  const parts = [file, `${file}-wal`].filter((path) => existsSync(path)).map((path) => readFileSync(path));
  return Buffer.concat(parts);
}

describeKeyStoreContract('sqlite', async () => {
  const dir = newTempDir();
  const keyStore = SqliteKeyStore.open(join(dir, 'keys.sqlite'));
  return {
    keyStore,
    cleanup: async () => {
      await keyStore.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeKeyStoreContract('sqlite with master key', async () => {
  const dir = newTempDir();
  const keyStore = SqliteKeyStore.open(join(dir, 'keys.sqlite'), { masterKey: randomBytes(32) });
  return {
    keyStore,
    cleanup: async () => {
      await keyStore.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteKeyStore on disk', () => {
  let dir: string;
  let file: string;
  const opened: SqliteKeyStore[] = [];

  const open = (masterKey?: Buffer) => {
    const store = SqliteKeyStore.open(file, masterKey ? { masterKey } : {});
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    dir = newTempDir();
    file = join(dir, 'keys.sqlite');
  });

  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps keys and erasures across a reopen', async () => {
    const first = open();
    const key = await first.getOrCreateKey('learner-1');
    await first.eraseKey('learner-2');
    await first.close();

    const reopened = open();
    expect((await reopened.findKey('learner-1'))?.equals(key)).toBe(true);
    expect(await reopened.isErased('learner-2')).toBe(true);
  });

  it('makes every key of one commit durable before it answers: all are there after a reopen', async () => {
    const first = open();
    const subjects = Array.from({ length: 600 }, (_, index) => `learner-${index}`);
    const keys = await Promise.all(subjects.map((subject) => first.getOrCreateKey(subject)));
    await first.close();

    const reopened = open();
    for (const [index, subject] of subjects.entries())
      expect((await reopened.findKey(subject))?.equals(keys[index]!)).toBe(true);
  });

  it('two connections to one file agree on the key of a subject', async () => {
    const a = open();
    const b = open();
    const [fromA, fromB] = await Promise.all([a.getOrCreateKey('learner-1'), b.getOrCreateKey('learner-1')]);
    expect(fromA.equals(fromB)).toBe(true);
  });

  it('leaves no copy of an erased key in the database file or its WAL', async () => {
    const store = open();
    const erasedKey = await store.getOrCreateKey('learner-erased');
    const keptKey = await store.getOrCreateKey('learner-kept');
    // Without a master key the key is stored as is, so the scan below can see it before erasure.
    expect(bytesOnDisk(file).includes(erasedKey)).toBe(true);

    await store.eraseKey('learner-erased');

    const onDisk = bytesOnDisk(file);
    expect(onDisk.includes(erasedKey)).toBe(false);
    expect(onDisk.includes(keptKey)).toBe(true);
  });

  it('with a master key, never writes a data key in the clear', async () => {
    const store = open(randomBytes(32));
    const key = await store.getOrCreateKey('learner-1');
    await store.close();
    expect(bytesOnDisk(file).includes(key)).toBe(false);
  });

  it('refuses to open a master-key store without the key, or with another key', async () => {
    const masterKey = randomBytes(32);
    await open(masterKey).getOrCreateKey('learner-1');
    expect(() => open()).toThrow(/protected by a master key/);
    expect(() => open(randomBytes(32))).toThrow(/not the one this key store was created with/);
    expect(() => open(randomBytes(16))).toThrow(/32 bytes/);
  });

  it('fails loudly when a wrapped key record was altered', async () => {
    const masterKey = randomBytes(32);
    const store = open(masterKey);
    await store.getOrCreateKey('learner-1');
    await store.getOrCreateKey('learner-2');
    // Move learner-2's wrapped key onto learner-1: the subject id is bound into the wrapping.
    const raw = new Database(file);
    raw
      .prepare(
        "UPDATE subject_keys SET key_material = (SELECT key_material FROM subject_keys WHERE subject_id = 'learner-2') WHERE subject_id = 'learner-1'",
      )
      .run();
    raw.close();
    await expect(store.findKey('learner-1')).rejects.toThrow(/Cannot unwrap the data key of subject learner-1/);
  });
});
