import { randomBytes, randomUUID } from 'node:crypto';
import { Binary, MongoClient } from 'mongodb';
import { SubjectErasedError } from '../../libs/event-store/src/personal-data.port';
import {
  MongoKeyStore,
  dataKeyFromDocument,
  newSubjectKeyDocument,
} from '../../libs/event-store/src/keys/mongo-key-store';
import { describeKeyStoreContract } from './key-store.contract';

const MONGODB_URL = process.env['MONGODB_URL'];

describe('MongoKeyStore document mapping (no server needed)', () => {
  const masterKey = randomBytes(32);
  const dataKey = randomBytes(32);

  it('reads back the key it stored, wrapped or plain', () => {
    for (const master of [undefined, masterKey]) {
      const document = newSubjectKeyDocument('learner-1', dataKey, master, new Date());
      expect(dataKeyFromDocument(document, master)?.equals(dataKey)).toBe(true);
    }
  });

  it('stores the key wrapped when a master key is given', () => {
    const document = newSubjectKeyDocument('learner-1', dataKey, masterKey, new Date());
    expect(document.wrapped).toBe(true);
    expect(Buffer.from(document.keyMaterial!.buffer).includes(dataKey)).toBe(false);
  });

  it('reads a missing document as no key and an erased one as a refusal', () => {
    expect(dataKeyFromDocument(null, undefined)).toBeUndefined();
    expect(() => dataKeyFromDocument({ subjectId: 'learner-1', erasedAt: new Date() }, undefined)).toThrow(
      SubjectErasedError,
    );
  });

  it('rejects a wrapped key moved to another subject', () => {
    const document = newSubjectKeyDocument('learner-1', dataKey, masterKey, new Date());
    const moved = {
      ...document,
      subjectId: 'learner-2',
      keyMaterial: new Binary(Buffer.from(document.keyMaterial!.buffer)),
    };
    expect(() => dataKeyFromDocument(moved, masterKey)).toThrow(/Cannot unwrap/);
  });
});

if (MONGODB_URL) {
  const url = MONGODB_URL;

  describeKeyStoreContract('mongodb', async () => {
    const dbName = `ledger_keys_test_${randomUUID().replace(/-/g, '')}`;
    const keyStore = await MongoKeyStore.connect(url, { dbName });
    return {
      keyStore,
      cleanup: async () => {
        await keyStore.close();
        const admin = new MongoClient(url);
        try {
          await admin.db(dbName).dropDatabase();
        } finally {
          await admin.close();
        }
      },
    };
  });

  describe('MongoKeyStore against a live server', () => {
    it('two clients racing to create one subject key agree on it', async () => {
      const dbName = `ledger_keys_test_${randomUUID().replace(/-/g, '')}`;
      const a = await MongoKeyStore.connect(url, { dbName });
      const b = await MongoKeyStore.connect(url, { dbName });
      try {
        const [fromA, fromB] = await Promise.all([a.getOrCreateKey('learner-1'), b.getOrCreateKey('learner-1')]);
        expect(fromA.equals(fromB)).toBe(true);
      } finally {
        await a.close();
        await b.close();
        const admin = new MongoClient(url);
        await admin.db(dbName).dropDatabase();
        await admin.close();
      }
    });

    it('refuses to open a master-key store with another master key', async () => {
      const dbName = `ledger_keys_test_${randomUUID().replace(/-/g, '')}`;
      const first = await MongoKeyStore.connect(url, { dbName, masterKey: randomBytes(32) });
      try {
        await expect(MongoKeyStore.connect(url, { dbName, masterKey: randomBytes(32) })).rejects.toThrow(
          /not the one this key store was created with/,
        );
      } finally {
        await first.close();
        const admin = new MongoClient(url);
        await admin.db(dbName).dropDatabase();
        await admin.close();
      }
    });
  });
}
