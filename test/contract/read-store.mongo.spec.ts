import { randomUUID } from 'node:crypto';
import { MongoClient, MongoServerError } from 'mongodb';
import {
  mongoFindFilter,
  mongoFindSort,
  mongoGuardedWrite,
  isOnlyMongoDuplicateKeys,
  MongoReadStore,
} from '@ledger/read-store';
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

  it('treats duplicate-key errors, and only those, as "already applied"', () => {
    expect(isOnlyMongoDuplicateKeys(new MongoServerError({ message: 'E11000 duplicate key', code: 11000 }))).toBe(true);
    expect(isOnlyMongoDuplicateKeys(new MongoServerError({ message: 'not primary', code: 10107 }))).toBe(false);
    expect(isOnlyMongoDuplicateKeys(new Error('E11000 lookalike'))).toBe(false);
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
