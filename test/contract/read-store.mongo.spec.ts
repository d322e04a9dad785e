import { randomUUID } from 'node:crypto';
import { MongoBulkWriteError, MongoClient, MongoServerError } from 'mongodb';
import {
  duplicateKeyChanges,
  duplicateResolution,
  mongoFindFilter,
  mongoFindSort,
  mongoGuardedWrite,
  mongoLeaseAcquisition,
  mongoLeaseHold,
  mongoLeaseRenewal,
  isOnlyMongoDuplicateKeys,
  MongoReadStore,
} from '@ledger/read-store/mongo';
import { encodeCursor, resolveFindQuery } from '../../libs/read-store/src/read-query';
import { describeReadStoreContract } from './read-store.contract';

/**
 * The live contract runs only when MONGODB_URL points at a server (docker-compose.yml); each test
 * gets a database of its own, dropped afterwards. The pure tests below run everywhere.
 */
const mongoUrl = process.env['MONGODB_URL'];

if (mongoUrl !== undefined && mongoUrl !== '') {
  describeReadStoreContract('mongodb', async () => {
    const dbName = `read_store_contract_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const store = await MongoReadStore.connect(mongoUrl, { dbName });
    return {
      store,
      cleanup: async () => {
        await store.close();
        const client = await MongoClient.connect(mongoUrl);
        try {
          await client.db(dbName).dropDatabase();
        } finally {
          await client.close();
        }
      },
    };
  });
}

describe('MongoReadStore guarded writes (no server needed)', () => {
  it('writes a put only over an older version of the document, upserting when absent', () => {
    const operation = mongoGuardedWrite({
      kind: 'put',
      collection: 'c',
      id: 'a',
      bodyJson: '{"amount":1}',
      indexed: undefined,
      position: 7,
    });

    expect(operation).toEqual({
      updateOne: {
        filter: { _id: 'a', position: { $lt: 7 } },
        update: { $set: { body: { amount: 1 }, position: 7 } },
        upsert: true,
      },
    });
  });

  it('deletes only an older version of the document', () => {
    expect(mongoGuardedWrite({ kind: 'delete', collection: 'c', id: 'a', position: 7 })).toEqual({
      deleteOne: { filter: { _id: 'a', position: { $lt: 7 } } },
    });
  });

  it('recognises duplicate-key errors, and only those', () => {
    expect(isOnlyMongoDuplicateKeys(new MongoServerError({ message: 'E11000 duplicate key', code: 11000 }))).toBe(true);
    expect(isOnlyMongoDuplicateKeys(new MongoServerError({ message: 'not primary', code: 10107 }))).toBe(false);
    expect(isOnlyMongoDuplicateKeys(new Error('E11000 lookalike'))).toBe(false);
  });
});

describe('MongoReadStore writes that meet a duplicate key (no server needed)', () => {
  const put = (id: string, position: number) => ({
    kind: 'put' as const,
    collection: 'c',
    id,
    bodyJson: '{}',
    indexed: undefined,
    position,
  });

  it('resolves exactly the writes of a bulk write that met a duplicate key, and no other failure', () => {
    const changes = [put('a', 5), put('b', 6), put('c', 7)];
    const duplicates = new MongoBulkWriteError(
      {
        message: 'E11000 duplicate key',
        code: 11000,
        writeErrors: [
          { code: 11000, index: 0 },
          { code: 11000, index: 2 },
        ],
      } as never,
      {} as never,
    );
    const mixed = new MongoBulkWriteError(
      {
        message: 'mixed',
        code: 11000,
        writeErrors: [
          { code: 11000, index: 0 },
          { code: 121, index: 1 },
        ],
      } as never,
      {} as never,
    );

    expect(duplicateKeyChanges(duplicates, changes)).toEqual([changes[0], changes[2]]);
    expect(duplicateKeyChanges(mixed, changes)).toBeUndefined();
    expect(duplicateKeyChanges(new MongoServerError({ message: 'not primary', code: 10107 }), changes)).toBeUndefined();
  });

  it('takes a duplicate key as applied only when the stored document is as new as the change', () => {
    // A concurrent writer inserted an older version: the change still has to be written over it.
    expect(duplicateResolution(put('a', 9), 5)).toBe('update');
    expect(duplicateResolution(put('a', 9), 9)).toBe('applied');
    expect(duplicateResolution(put('a', 9), 12)).toBe('applied');
    // Deleted meanwhile (by an older delete): write it again.
    expect(duplicateResolution(put('a', 9), undefined)).toBe('write');
    expect(duplicateResolution({ kind: 'delete', collection: 'c', id: 'a', position: 9 }, 5)).toBe('write');
  });
});

describe('MongoReadStore writer lease documents (no server needed)', () => {
  const lease = { projection: { name: 'p', version: 1 }, owner: 'host:1:abc', token: 4 };

  it('takes a lease that is free, expired by the server clock or already the owner, in one upsert on _id', () => {
    const { filter, update } = mongoLeaseAcquisition('p:v1', '$owner', 15_000);

    // An upsert's filter may not use $expr: every condition sits in the update pipeline.
    expect(filter).toEqual({ _id: 'p:v1' });
    expect(JSON.stringify(filter)).not.toContain('$expr');
    expect(update).toEqual([
      {
        $set: {
          _take: {
            $or: [
              { $eq: ['$owner', { $literal: '$owner' }] },
              { $lte: [{ $ifNull: ['$expiresAt', new Date(0)] }, '$$NOW'] },
            ],
          },
        },
      },
      {
        $set: {
          // Literal: an owner id starting with $ must not be read as a field path.
          owner: { $cond: ['$_take', { $literal: '$owner' }, '$owner'] },
          token: { $cond: ['$_take', { $add: [{ $ifNull: ['$token', 0] }, 1] }, '$token'] },
          ttlMs: { $cond: ['$_take', { $literal: 15_000 }, '$ttlMs'] },
          expiresAt: { $cond: ['$_take', { $add: ['$$NOW', 15_000] }, '$expiresAt'] },
        },
      },
      { $unset: '_take' },
    ]);
  });

  it('renews and fences commits only under the same owner and token, and never a released lease', () => {
    expect(mongoLeaseRenewal(lease, 'p:v1', 9_000)).toEqual({
      filter: { _id: 'p:v1', owner: 'host:1:abc', token: 4, ttlMs: { $gt: 0 } },
      update: [{ $set: { ttlMs: { $literal: 9_000 }, expiresAt: { $add: ['$$NOW', 9_000] } } }],
    });
    expect(mongoLeaseHold(lease, 'p:v1')).toEqual({
      filter: { _id: 'p:v1', owner: 'host:1:abc', token: 4, ttlMs: { $gt: 0 } },
      update: [{ $set: { expiresAt: { $add: ['$$NOW', '$ttlMs'] } } }],
    });
  });
});

describe('MongoReadStore page filters (no server needed)', () => {
  const indexed = new Set(['rank', 'status']);
  const cursorAfter = (
    query: Parameters<typeof resolveFindQuery>[1],
    value: string | number | null,
    id: string,
  ): string => {
    return encodeCursor(resolveFindQuery('c', query, indexed), { value, id });
  };

  it('filters by equality on body fields and sorts by the field then _id', () => {
    const resolved = resolveFindQuery(
      'c',
      { where: { status: 'open' }, orderBy: { field: 'rank', direction: 'desc' } },
      indexed,
    );

    expect(mongoFindFilter(resolved)).toEqual({ 'body.status': 'open' });
    expect(mongoFindSort(resolved)).toEqual({ 'body.rank': -1, _id: -1 });
  });

  it('continues ascending after a value: greater values, or the same value with a greater id', () => {
    const query = { orderBy: { field: 'rank' } };
    const resolved = resolveFindQuery('c', { ...query, cursor: cursorAfter(query, 3, 'x') }, indexed);

    expect(mongoFindFilter(resolved)).toEqual({
      $or: [{ 'body.rank': { $gt: 3 } }, { 'body.rank': 3, _id: { $gt: 'x' } }],
    });
  });

  it('continues descending after a value, then on to the nulls that sort last', () => {
    const query = { where: { status: 'open' }, orderBy: { field: 'rank', direction: 'desc' as const } };
    const resolved = resolveFindQuery('c', { ...query, cursor: cursorAfter(query, 3, 'x') }, indexed);

    expect(mongoFindFilter(resolved)).toEqual({
      $and: [
        { 'body.status': 'open' },
        { $or: [{ 'body.rank': { $lt: 3 } }, { 'body.rank': 3, _id: { $lt: 'x' } }, { 'body.rank': null }] },
      ],
    });
  });

  it('continues ascending from within the nulls to the rest', () => {
    const query = { orderBy: { field: 'rank' } };
    const resolved = resolveFindQuery('c', { ...query, cursor: cursorAfter(query, null, 'x') }, indexed);

    expect(mongoFindFilter(resolved)).toEqual({
      $or: [{ 'body.rank': null, _id: { $gt: 'x' } }, { 'body.rank': { $ne: null } }],
    });
  });

  it('pages by _id alone when no sort field is named', () => {
    const resolved = resolveFindQuery('c', { cursor: cursorAfter({}, null, 'x') }, indexed);

    expect(mongoFindFilter(resolved)).toEqual({ _id: { $gt: 'x' } });
    expect(mongoFindSort(resolved)).toEqual({ _id: 1 });
  });
});
