import { randomBytes, randomUUID } from 'node:crypto';
import { Binary, MongoClient, MongoServerError, MongoServerSelectionError, MongoWriteConcernError } from 'mongodb';
import { KeyStoreUnavailableError, SubjectErasedError } from '../../libs/event-store/src/personal-data.port';
import {
  DEFAULT_MONGO_DATABASE,
  MongoKeyStore,
  dataKeyFromDocument,
  erasedSubjectOf,
  mongoDatabaseName,
  newSubjectKeyDocument,
  toKeyStoreError,
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

  it("takes the database from the URL, with one default for every collection (never the driver's `test`)", () => {
    expect(mongoDatabaseName('mongodb://localhost:27017/ledger_prod?replicaSet=rs0')).toBe('ledger_prod');
    expect(mongoDatabaseName('mongodb+srv://u:p@cluster0.example.net/ledger?retryWrites=true')).toBe('ledger');
    expect(mongoDatabaseName('mongodb://a:27017,b:27017/?replicaSet=rs0')).toBe(DEFAULT_MONGO_DATABASE);
    expect(mongoDatabaseName('mongodb://localhost:27017')).toBe(DEFAULT_MONGO_DATABASE);
    expect(DEFAULT_MONGO_DATABASE).toBe('enrolment_ledger');
  });

  it('maps a write the majority did not confirm in time, or no primary, to KeyStoreUnavailableError', () => {
    const wtimeout = new MongoWriteConcernError({
      writeConcernError: { code: 64, errmsg: 'waiting for replication timed out', errInfo: { wtimeout: true } },
    } as unknown as ConstructorParameters<typeof MongoWriteConcernError>[0]);
    const mapped = toKeyStoreError(wtimeout, 10_000);
    expect(mapped).toBeInstanceOf(KeyStoreUnavailableError);
    expect(mapped).toMatchObject({ code: 'KEY_STORE_UNAVAILABLE', cause: wtimeout });
    expect((mapped as Error).message).toMatch(/majority within 10000 ms \(wtimeoutMS\)/);
    const failed = new MongoServerError({ code: 64, errmsg: 'WriteConcernFailed' });
    expect(toKeyStoreError(failed, 5_000)).toBeInstanceOf(KeyStoreUnavailableError);
    const noPrimary = new MongoServerSelectionError('Server selection timed out', {} as never);
    expect(toKeyStoreError(noPrimary, 5_000)).toBeInstanceOf(KeyStoreUnavailableError);
    const duplicate = new MongoServerError({ code: 11000, errmsg: 'E11000' });
    expect(toKeyStoreError(duplicate, 5_000)).toBe(duplicate);
  });

  it('reads an erasure, and only an erasure, from a change-stream event', () => {
    const erasedAt = new Date();
    expect(erasedSubjectOf({ operationType: 'update', fullDocument: { subjectId: 'learner:l1', erasedAt } })).toBe(
      'learner:l1',
    );
    expect(erasedSubjectOf({ operationType: 'insert', fullDocument: { subjectId: 'learner:l2', erasedAt } })).toBe(
      'learner:l2',
    );
    expect(erasedSubjectOf({ operationType: 'insert', fullDocument: { subjectId: 'learner:l3' } })).toBeUndefined();
    expect(erasedSubjectOf({ operationType: 'delete' })).toBeUndefined();
    expect(erasedSubjectOf({ operationType: 'update', fullDocument: null })).toBeUndefined();
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

    it('an erasure in one process reaches another at once through the change stream', async () => {
      const dbName = `ledger_keys_test_${randomUUID().replace(/-/g, '')}`;
      const a = await MongoKeyStore.connect(url, { dbName });
      const b = await MongoKeyStore.connect(url, { dbName });
      try {
        await a.getOrCreateKey('learner:l1');
        const heard = new Promise<string>((resolve) => b.watchErasures((subjectId) => resolve(subjectId)));
        // Give the change stream a moment to open before the erasure it should report.
        await new Promise((resolve) => setTimeout(resolve, 500));
        await a.eraseKey('learner:l1');
        await expect(heard).resolves.toBe('learner:l1');
        await expect(b.findKey('learner:l1')).resolves.toBeUndefined();
      } finally {
        await a.close();
        await b.close();
        const admin = new MongoClient(url);
        await admin.db(dbName).dropDatabase();
        await admin.close();
      }
    });

    it('uses the database named in the URL', async () => {
      const dbName = `ledger_keys_test_${randomUUID().replace(/-/g, '')}`;
      const withDb = url
        .replace(/\/(\?|$)/, `/${dbName}$1`)
        .replace(/^(mongodb(\+srv)?:\/\/[^/?]+)(\?|$)/, `$1/${dbName}$3`);
      const store = await MongoKeyStore.connect(withDb);
      const admin = new MongoClient(url);
      try {
        await store.getOrCreateKey('learner:l1');
        expect(await admin.db(dbName).collection('subject_keys').countDocuments()).toBe(1);
      } finally {
        await store.close();
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
