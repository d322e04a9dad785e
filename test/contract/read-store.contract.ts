import {
  InvalidReadQueryError,
  MAX_PAGE_SIZE,
  physicalCollection,
  WriterLeaseLostError,
  type DocumentChange,
  type FindQuery,
  type ProjectionKey,
  type ReadDocument,
  type ReadStore,
} from '@ledger/read-store';

/**
 * The read-store contract: every adapter must pass it unchanged. Each test opens a fresh store,
 * so tests never see each other's documents.
 */

export interface OpenedReadStore {
  store: ReadStore;
  cleanup: () => Promise<void>;
}

const LEDGER: ProjectionKey = { name: 'contract_ledger', version: 1 };
const THINGS = physicalCollection(LEDGER, 'things');
const OTHERS = physicalCollection(LEDGER, 'others');

export function describeReadStoreContract(adapterName: string, open: () => Promise<OpenedReadStore>): void {
  describe(`read store contract: ${adapterName}`, () => {
    let store: ReadStore;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await open());
      await store.ensureCollection({ name: THINGS, indexes: ['status', 'amount', 'active', 'rank'] });
      await store.ensureCollection({ name: OTHERS, indexes: [] });
    });

    afterEach(async () => {
      await cleanup();
    });

    const put = (collection: string, id: string, body: Record<string, unknown>, position?: number): DocumentChange =>
      position === undefined ? { kind: 'put', collection, id, body } : { kind: 'put', collection, id, body, position };
    const remove = (collection: string, id: string): DocumentChange => ({ kind: 'delete', collection, id });

    async function allPages(collection: string, query: FindQuery): Promise<ReadDocument[]> {
      const items: ReadDocument[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 1_000; page++) {
        const result = await store.find(collection, cursor === undefined ? query : { ...query, cursor });
        items.push(...result.items);
        cursor = result.nextCursor;
        if (cursor === undefined) return items;
      }
      throw new Error('paging did not end');
    }

    describe('documents by collection and id', () => {
      it('returns a committed document with its body and the position it reflects', async () => {
        await store.commit(LEDGER, [put(THINGS, 'a', { status: 'open', amount: 5 })], 7);

        expect(await store.get(THINGS, 'a')).toEqual({ id: 'a', body: { status: 'open', amount: 5 }, position: 7 });
      });

      it('stores a body handed over as JSON text like the same body as an object, and refuses text that is no object', async () => {
        await store.commit(
          LEDGER,
          [{ kind: 'put', collection: THINGS, id: 'as-text', bodyJson: '{"status":"open","amount":5}', position: 3 }],
          3,
        );

        expect(await store.get(THINGS, 'as-text')).toEqual({
          id: 'as-text',
          body: { status: 'open', amount: 5 },
          position: 3,
        });
        expect((await store.find(THINGS, { where: { status: 'open' } })).items.map((document) => document.id)).toEqual([
          'as-text',
        ]);
        await expect(
          store.commit(LEDGER, [{ kind: 'put', collection: THINGS, id: 'list', bodyJson: '[1,2]' }], 4),
        ).rejects.toBeInstanceOf(InvalidReadQueryError);
        expect(await store.get(THINGS, 'list')).toBeUndefined();
      });

      it('returns undefined for an id that was never written', async () => {
        expect(await store.get(THINGS, 'missing')).toBeUndefined();
      });

      it('keeps the same id in two collections as two documents', async () => {
        await store.commit(LEDGER, [put(THINGS, 'a', { status: 'thing' }), put(OTHERS, 'a', { kind: 'other' })], 1);

        expect((await store.get(THINGS, 'a'))?.body).toEqual({ status: 'thing' });
        expect((await store.get(OTHERS, 'a'))?.body).toEqual({ kind: 'other' });
      });

      it('replaces a document on a later put and removes it on delete', async () => {
        await store.commit(LEDGER, [put(THINGS, 'a', { status: 'open' })], 1);
        await store.commit(LEDGER, [put(THINGS, 'a', { status: 'closed' })], 2);
        expect(await store.get(THINGS, 'a')).toEqual({ id: 'a', body: { status: 'closed' }, position: 2 });

        await store.commit(LEDGER, [remove(THINGS, 'a')], 3);
        expect(await store.get(THINGS, 'a')).toBeUndefined();
      });

      it('records the position of the change when the change names one', async () => {
        await store.commit(LEDGER, [put(THINGS, 'a', { status: 'open' }, 4), put(THINGS, 'b', { status: 'open' })], 9);

        expect((await store.get(THINGS, 'a'))?.position).toBe(4);
        expect((await store.get(THINGS, 'b'))?.position).toBe(9);
      });

      it('keeps collections whose names differ only in case apart', async () => {
        const upper = physicalCollection(LEDGER, 'Things');
        await store.ensureCollection({ name: upper, indexes: ['status'] });
        await store.commit(LEDGER, [put(THINGS, 'a', { status: 'lower' }), put(upper, 'a', { status: 'upper' })], 1);

        expect((await store.get(THINGS, 'a'))?.body).toEqual({ status: 'lower' });
        expect((await store.get(upper, 'a'))?.body).toEqual({ status: 'upper' });
        expect((await store.find(upper, { where: { status: 'lower' } })).items).toEqual([]);
      });

      it('indexes a body handed over as JSON text from the values handed with it, or from the text itself', async () => {
        await store.commit(
          LEDGER,
          [
            {
              kind: 'put',
              collection: THINGS,
              id: 'with-values',
              bodyJson: '{"status":"open","amount":2}',
              indexed: { status: 'open', amount: 2, active: undefined, rank: undefined },
            },
            // Values for some indexed fields only: the store reads them all from the text.
            { kind: 'put', collection: THINGS, id: 'partial', bodyJson: '{"status":"open"}', indexed: { amount: 1 } },
          ],
          1,
        );

        expect((await store.find(THINGS, { where: { status: 'open' } })).items.map((item) => item.id)).toEqual([
          'partial',
          'with-values',
        ]);
        expect((await store.find(THINGS, { where: { amount: 1 } })).items).toEqual([]);
      });

      it('rejects collection names that are not plain identifiers', async () => {
        for (const name of ["things'; DROP TABLE documents; --", 'a.b', '', '_meta', '1abc', 'a b']) {
          await expect(store.get(name, 'a')).rejects.toBeInstanceOf(InvalidReadQueryError);
          await expect(store.find(name)).rejects.toBeInstanceOf(InvalidReadQueryError);
          await expect(store.commit(LEDGER, [put(name, 'a', {})], 1)).rejects.toBeInstanceOf(InvalidReadQueryError);
        }
        expect(await store.getCheckpoint(LEDGER)).toBeUndefined();
      });
    });

    describe('indexed find', () => {
      beforeEach(async () => {
        await store.commit(
          LEDGER,
          [
            put(THINGS, 'a', { status: 'open', amount: 10, active: true }),
            put(THINGS, 'b', { status: 'closed', amount: 1, active: false }),
            put(THINGS, 'c', { status: 'open', amount: 1, active: 1 }),
            put(THINGS, 'd', { status: null, amount: '1' }),
            put(THINGS, 'e', { amount: 7 }),
          ],
          1,
        );
      });

      const ids = async (query: FindQuery): Promise<string[]> =>
        (await store.find(THINGS, query)).items.map((item) => item.id);

      it('filters by equality on an indexed field, in id order by default', async () => {
        expect(await ids({ where: { status: 'open' } })).toEqual(['a', 'c']);
        expect(await ids({ where: { status: 'open', amount: 1 } })).toEqual(['c']);
      });

      it('compares values with their JSON type: 1 is neither "1" nor true', async () => {
        expect(await ids({ where: { amount: 1 } })).toEqual(['b', 'c']);
        expect(await ids({ where: { amount: '1' } })).toEqual(['d']);
        expect(await ids({ where: { active: true } })).toEqual(['a']);
        expect(await ids({ where: { active: 1 } })).toEqual(['c']);
      });

      it('matches null to both an explicit null and a missing field', async () => {
        expect(await ids({ where: { status: null } })).toEqual(['d', 'e']);
      });

      it('refuses to filter or sort on a field that is not indexed', async () => {
        await expect(store.find(THINGS, { where: { colour: 'red' } })).rejects.toThrow(/not an indexed field/);
        await expect(store.find(THINGS, { orderBy: { field: 'colour' } })).rejects.toBeInstanceOf(
          InvalidReadQueryError,
        );
        await expect(store.find(THINGS, { where: { status: { $ne: 1 } as never } })).rejects.toBeInstanceOf(
          InvalidReadQueryError,
        );
      });

      it('sorts by an indexed field then id, nulls first ascending and last descending', async () => {
        const numbers = physicalCollection(LEDGER, 'numbers');
        await store.ensureCollection({ name: numbers, indexes: ['rank'] });
        await store.commit(
          LEDGER,
          [
            put(numbers, 'p', { rank: 2 }),
            put(numbers, 'q', { rank: null }),
            put(numbers, 'r', { rank: 1 }),
            put(numbers, 's', { rank: 2 }),
            put(numbers, 't', {}),
          ],
          2,
        );
        const order = async (direction: 'asc' | 'desc'): Promise<string[]> =>
          (await store.find(numbers, { orderBy: { field: 'rank', direction } })).items.map((item) => item.id);

        expect(await order('asc')).toEqual(['q', 't', 'r', 'p', 's']);
        expect(await order('desc')).toEqual(['s', 'p', 'r', 't', 'q']);
      });

      it('finds nothing, without error, in a collection that holds no documents', async () => {
        expect(await store.find(physicalCollection(LEDGER, 'never_written'))).toEqual({ items: [] });
      });

      it('follows a re-declared index set: new fields become filterable, dropped ones are refused', async () => {
        await store.ensureCollection({ name: THINGS, indexes: ['status', 'colour'] });
        await store.commit(LEDGER, [put(THINGS, 'f', { colour: 'red' })], 2);

        expect(await ids({ where: { colour: 'red' } })).toEqual(['f']);
        await expect(store.find(THINGS, { where: { amount: 1 } })).rejects.toBeInstanceOf(InvalidReadQueryError);
      });

      it('answers the same while the indexes of a new collection are deferred, and builds them when asked', async () => {
        const loaded = physicalCollection(LEDGER, 'loaded');
        await store.ensureCollection({ name: loaded, indexes: ['status', 'rank'] }, { deferIndexes: true });
        await store.commit(
          LEDGER,
          [put(loaded, 'a', { status: 'open', rank: 2 }), put(loaded, 'b', { status: 'shut', rank: 1 })],
          2,
        );
        const query: FindQuery = { where: { status: 'open' }, orderBy: { field: 'rank', direction: 'desc' } };
        const deferred = await store.find(loaded, query);

        await store.ensureCollection({ name: loaded, indexes: ['status', 'rank'] });

        expect(deferred.items.map((item) => item.id)).toEqual(['a']);
        expect(await store.find(loaded, query)).toEqual(deferred);
        // A collection that holds documents keeps (or builds) its indexes even when asked to defer.
        await store.ensureCollection({ name: loaded, indexes: ['status', 'rank'] }, { deferIndexes: true });
        expect(await store.find(loaded, query)).toEqual(deferred);
      });

      it('refuses to index two fields whose names differ only in case', async () => {
        await expect(store.ensureCollection({ name: THINGS, indexes: ['status', 'Status'] })).rejects.toBeInstanceOf(
          InvalidReadQueryError,
        );
      });

      it('rejects index declarations that are not plain top-level field names', async () => {
        await expect(store.ensureCollection({ name: THINGS, indexes: ["x') ; --"] })).rejects.toBeInstanceOf(
          InvalidReadQueryError,
        );
        await expect(store.ensureCollection({ name: THINGS, indexes: ['a.b'] })).rejects.toBeInstanceOf(
          InvalidReadQueryError,
        );
      });
    });

    describe('paging with cursor', () => {
      const DOCUMENT_COUNT = 23;

      beforeEach(async () => {
        const changes: DocumentChange[] = [];
        for (let index = 0; index < DOCUMENT_COUNT; index++) {
          const id = `doc-${String(index).padStart(2, '0')}`;
          // Few distinct ranks and some nulls, so ties and nulls straddle page boundaries.
          const rank = index % 5 === 0 ? null : index % 3;
          changes.push(put(THINGS, id, { rank, status: index % 2 === 0 ? 'even' : 'odd' }));
        }
        await store.commit(LEDGER, changes, 1);
      });

      it('walks every document once, in id order, page by page', async () => {
        const paged = await allPages(THINGS, { limit: 5 });

        expect(paged.map((item) => item.id)).toEqual(
          Array.from({ length: DOCUMENT_COUNT }, (_, index) => `doc-${String(index).padStart(2, '0')}`),
        );
      });

      it.each(['asc', 'desc'] as const)(
        'walks every document once sorted %s by a field with ties and nulls',
        async (direction) => {
          const whole = (await store.find(THINGS, { orderBy: { field: 'rank', direction }, limit: MAX_PAGE_SIZE }))
            .items;
          const paged = await allPages(THINGS, { orderBy: { field: 'rank', direction }, limit: 4 });

          expect(whole).toHaveLength(DOCUMENT_COUNT);
          expect(paged.map((item) => item.id)).toEqual(whole.map((item) => item.id));
        },
      );

      it('pages a filtered query within its filter', async () => {
        const paged = await allPages(THINGS, {
          where: { status: 'odd' },
          orderBy: { field: 'rank', direction: 'desc' },
          limit: 3,
        });

        expect(paged).toHaveLength(11);
        expect(paged.every((item) => item.body['status'] === 'odd')).toBe(true);
        expect(new Set(paged.map((item) => item.id)).size).toBe(11);
      });

      it('gives no cursor on the last page', async () => {
        const page = await store.find(THINGS, { limit: DOCUMENT_COUNT });

        expect(page.items).toHaveLength(DOCUMENT_COUNT);
        expect(page.nextCursor).toBeUndefined();
      });

      it(`caps the page size at MAX_PAGE_SIZE (${MAX_PAGE_SIZE})`, async () => {
        const changes = Array.from({ length: MAX_PAGE_SIZE + 5 }, (_, index) =>
          put(OTHERS, `o-${String(index).padStart(4, '0')}`, {}),
        );
        await store.commit(LEDGER, changes, 2);

        const page = await store.find(OTHERS, { limit: MAX_PAGE_SIZE * 10 });

        expect(page.items).toHaveLength(MAX_PAGE_SIZE);
        expect(page.nextCursor).toBeDefined();
      });

      it('rejects a cursor of another query, a forged cursor and a page size that is not a positive integer', async () => {
        const { nextCursor } = await store.find(THINGS, { limit: 2 });
        expect(nextCursor).toBeDefined();

        await expect(
          store.find(THINGS, { limit: 2, cursor: nextCursor!, orderBy: { field: 'rank' } }),
        ).rejects.toBeInstanceOf(InvalidReadQueryError);
        await expect(store.find(THINGS, { cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidReadQueryError);
        for (const limit of [0, -1, 1.5]) {
          await expect(store.find(THINGS, { limit })).rejects.toBeInstanceOf(InvalidReadQueryError);
        }
      });
    });

    describe('checkpoint per projection name+version', () => {
      it('is undefined before the first commit and the committed position after', async () => {
        expect(await store.getCheckpoint(LEDGER)).toBeUndefined();

        await store.commit(LEDGER, [], 12);

        expect(await store.getCheckpoint(LEDGER)).toBe(12);
      });

      it('keeps one checkpoint per name and per version', async () => {
        await store.commit(LEDGER, [], 3);
        await store.commit({ name: LEDGER.name, version: 2 }, [], 30);
        await store.commit({ name: 'contract_other', version: 1 }, [], 300);

        expect(await store.getCheckpoint(LEDGER)).toBe(3);
        expect(await store.getCheckpoint({ name: LEDGER.name, version: 2 })).toBe(30);
        expect(await store.getCheckpoint({ name: 'contract_other', version: 1 })).toBe(300);
      });

      it('rejects invalid projection keys and positions', async () => {
        await expect(store.commit({ name: 'bad name', version: 1 }, [], 1)).rejects.toBeInstanceOf(
          InvalidReadQueryError,
        );
        await expect(store.commit({ name: 'ok', version: 0 }, [], 1)).rejects.toBeInstanceOf(InvalidReadQueryError);
        await expect(store.commit(LEDGER, [], -1)).rejects.toBeInstanceOf(InvalidReadQueryError);
        await expect(store.commit(LEDGER, [], 1.5)).rejects.toBeInstanceOf(InvalidReadQueryError);
      });
    });

    describe('commit is atomic with its checkpoint', () => {
      it('makes all changes of a commit and its checkpoint visible together', async () => {
        await store.commit(
          LEDGER,
          [put(THINGS, 'a', { amount: 1 }), put(OTHERS, 'b', { amount: 2 }), remove(THINGS, 'never')],
          5,
        );

        expect((await store.get(THINGS, 'a'))?.body).toEqual({ amount: 1 });
        expect((await store.get(OTHERS, 'b'))?.body).toEqual({ amount: 2 });
        expect(await store.getCheckpoint(LEDGER)).toBe(5);
      });

      it('applies nothing and keeps the checkpoint when any change of the commit is invalid', async () => {
        await store.commit(LEDGER, [put(THINGS, 'a', { amount: 1 })], 1);

        const invalid = [put(THINGS, 'a', { amount: 2 }), put(THINGS, '', { amount: 3 })];
        await expect(store.commit(LEDGER, invalid, 2)).rejects.toBeInstanceOf(InvalidReadQueryError);
        const beyondCommit = [put(THINGS, 'a', { amount: 2 }), put(THINGS, 'b', {}, 9)];
        await expect(store.commit(LEDGER, beyondCommit, 2)).rejects.toBeInstanceOf(InvalidReadQueryError);

        expect((await store.get(THINGS, 'a'))?.body).toEqual({ amount: 1 });
        expect(await store.getCheckpoint(LEDGER)).toBe(1);
      });

      it('keeps the last of several changes to one document in one commit', async () => {
        await store.commit(
          LEDGER,
          [
            put(THINGS, 'a', { amount: 1 }),
            put(THINGS, 'a', { amount: 2 }),
            remove(THINGS, 'b'),
            put(THINGS, 'b', { amount: 3 }),
          ],
          4,
        );

        expect((await store.get(THINGS, 'a'))?.body).toEqual({ amount: 2 });
        expect((await store.get(THINGS, 'b'))?.body).toEqual({ amount: 3 });
      });
    });

    describe('replay of an already-applied batch changes nothing', () => {
      it('leaves documents and checkpoint as the newer batches made them', async () => {
        const first = [put(THINGS, 'a', { amount: 1 }), put(THINGS, 'b', { amount: 1 }), remove(THINGS, 'c')];
        await store.commit(LEDGER, [put(THINGS, 'c', { amount: 0 })], 5);
        await store.commit(LEDGER, first, 10);
        await store.commit(
          LEDGER,
          [put(THINGS, 'a', { amount: 2 }), remove(THINGS, 'b'), put(THINGS, 'c', { amount: 9 })],
          20,
        );
        const before = await allPages(THINGS, { limit: 100 });

        await store.commit(LEDGER, first, 10);
        await store.commit(LEDGER, [put(THINGS, 'b', { amount: 1 }, 10)], 20);

        expect(await allPages(THINGS, { limit: 100 })).toEqual(before);
        expect(before.map((item) => [item.id, item.body['amount']])).toEqual([
          ['a', 2],
          ['c', 9],
        ]);
        expect(await store.getCheckpoint(LEDGER)).toBe(20);
      });

      it('never lets a change replace or delete a document that reflects a newer position', async () => {
        await store.commit(LEDGER, [put(THINGS, 'a', { amount: 5 }), put(THINGS, 'b', { amount: 5 })], 50);
        // Another projection version (no checkpoint yet) writing older changes still hits the per-document guard.
        const replayer: ProjectionKey = { name: LEDGER.name, version: 9 };

        await store.commit(
          replayer,
          [put(THINGS, 'a', { amount: 1 }, 20), { kind: 'delete', collection: THINGS, id: 'b', position: 49 }],
          60,
        );

        expect(await store.get(THINGS, 'a')).toEqual({ id: 'a', body: { amount: 5 }, position: 50 });
        expect(await store.get(THINGS, 'b')).toEqual({ id: 'b', body: { amount: 5 }, position: 50 });
        expect(await store.getCheckpoint(replayer)).toBe(60);
      });
    });

    describe('dead letters', () => {
      const letter = (position: number, projection: ProjectionKey = LEDGER) => ({
        projection,
        position,
        eventId: `event-${position}`,
        eventType: 'ThingHappened',
        error: `Error: handler failed at ${position}`,
        failedAt: '2025-01-02T03:04:05.000Z',
      });

      it('lists the dead letters of a projection version, oldest first, and counts them', async () => {
        await store.addDeadLetter(letter(9));
        await store.addDeadLetter(letter(3));
        await store.addDeadLetter(letter(4, { name: LEDGER.name, version: 2 }));

        expect(await store.listDeadLetters(LEDGER)).toEqual([letter(3), letter(9)]);
        expect(await store.countDeadLetters(LEDGER)).toBe(2);
        expect((await store.listDeadLetters()).map((stored) => stored.position)).toEqual([3, 4, 9]);
        expect(await store.countDeadLetters()).toBe(3);
      });

      it('keeps one dead letter per projection version and position', async () => {
        await store.addDeadLetter(letter(3));
        await store.addDeadLetter(letter(3));

        expect(await store.countDeadLetters(LEDGER)).toBe(1);
      });

      it('bounds the stored error text', async () => {
        await store.addDeadLetter({ ...letter(3), error: 'x'.repeat(100_000) });

        const [stored] = await store.listDeadLetters(LEDGER);
        expect(stored!.error.length).toBeLessThan(10_000);
        expect(stored!.error.startsWith('xxxx')).toBe(true);
      });
    });

    describe('dropProjection', () => {
      it('drops the collections, checkpoint and dead letters of one projection version only', async () => {
        const nextVersion: ProjectionKey = { name: LEDGER.name, version: 2 };
        const nextThings = physicalCollection(nextVersion, 'things');
        await store.ensureCollection({ name: nextThings, indexes: ['status'] });
        await store.commit(LEDGER, [put(THINGS, 'a', { status: 'open' })], 3);
        await store.commit(nextVersion, [put(nextThings, 'a', { status: 'open' })], 3);
        await store.addDeadLetter({
          projection: LEDGER,
          position: 2,
          eventId: 'e',
          eventType: 'T',
          error: 'boom',
          failedAt: '2025-01-01T00:00:00.000Z',
        });

        await store.dropProjection(LEDGER, [THINGS, OTHERS]);

        expect(await store.get(THINGS, 'a')).toBeUndefined();
        expect(await store.getCheckpoint(LEDGER)).toBeUndefined();
        expect(await store.countDeadLetters(LEDGER)).toBe(0);
        await expect(store.find(THINGS, { where: { status: 'open' } })).rejects.toBeInstanceOf(InvalidReadQueryError);
        expect((await store.find(nextThings, { where: { status: 'open' } })).items.map((item) => item.id)).toEqual([
          'a',
        ]);
        expect(await store.getCheckpoint(nextVersion)).toBe(3);
      });

      it("refuses to drop a collection that is not the projection version's own", async () => {
        await store.commit(LEDGER, [put(THINGS, 'a', {})], 1);

        await expect(store.dropProjection({ name: LEDGER.name, version: 2 }, [THINGS])).rejects.toBeInstanceOf(
          InvalidReadQueryError,
        );
        expect(await store.get(THINGS, 'a')).toBeDefined();
      });
    });

    describe('writer lease per projection', () => {
      const TTL_MS = 60_000;

      it('goes to one owner at a time; the holder may take it again, with a new token', async () => {
        const first = await store.acquireWriterLease(LEDGER, 'runner-a', TTL_MS);
        expect(first).toEqual({ projection: LEDGER, owner: 'runner-a', token: expect.any(Number) });
        expect(await store.acquireWriterLease(LEDGER, 'runner-b', TTL_MS)).toBeUndefined();
        // Another projection version is another lease.
        expect(await store.acquireWriterLease({ name: LEDGER.name, version: 2 }, 'runner-b', TTL_MS)).toBeDefined();

        const again = await store.acquireWriterLease(LEDGER, 'runner-a', TTL_MS);
        expect(again!.token).toBeGreaterThan(first!.token);
        await expect(store.commit(LEDGER, [put(THINGS, 'a', {})], 1, first)).rejects.toBeInstanceOf(
          WriterLeaseLostError,
        );
        await store.commit(LEDGER, [put(THINGS, 'a', {})], 1, again);
        expect(await store.getCheckpoint(LEDGER)).toBe(1);
      });

      it('passes to another owner once released, and refuses commits and renewals under the released lease', async () => {
        const first = (await store.acquireWriterLease(LEDGER, 'runner-a', TTL_MS))!;
        await store.releaseWriterLease(first);

        const second = await store.acquireWriterLease(LEDGER, 'runner-b', TTL_MS);
        expect(second?.owner).toBe('runner-b');
        expect(await store.renewWriterLease(first, TTL_MS)).toBe(false);
        await expect(store.commit(LEDGER, [put(THINGS, 'a', { amount: 1 })], 1, first)).rejects.toBeInstanceOf(
          WriterLeaseLostError,
        );
        expect(await store.get(THINGS, 'a')).toBeUndefined();
        expect(await store.getCheckpoint(LEDGER)).toBeUndefined();
        expect(await store.renewWriterLease(second!, TTL_MS)).toBe(true);
        await store.commit(LEDGER, [put(THINGS, 'a', { amount: 2 })], 1, second);
        expect((await store.get(THINGS, 'a'))?.body).toEqual({ amount: 2 });
      });

      it('passes to another owner once it expires unrenewed', async () => {
        const first = (await store.acquireWriterLease(LEDGER, 'runner-a', 100))!;
        await new Promise((resolve) => setTimeout(resolve, 250));

        const second = await store.acquireWriterLease(LEDGER, 'runner-b', TTL_MS);
        expect(second?.token).toBeGreaterThan(first.token);
        await expect(store.commit(LEDGER, [], 1, first)).rejects.toBeInstanceOf(WriterLeaseLostError);
      });

      it('refuses a commit of one projection under the lease of another', async () => {
        const other = (await store.acquireWriterLease({ name: 'contract_other', version: 1 }, 'runner-a', TTL_MS))!;
        await expect(store.commit(LEDGER, [], 1, other)).rejects.toBeInstanceOf(WriterLeaseLostError);
      });

      it('rejects invalid owners and times to live', async () => {
        await expect(store.acquireWriterLease(LEDGER, '', TTL_MS)).rejects.toBeInstanceOf(InvalidReadQueryError);
        await expect(store.acquireWriterLease(LEDGER, 'runner-a', 0)).rejects.toBeInstanceOf(InvalidReadQueryError);
        await expect(store.acquireWriterLease(LEDGER, 'runner-a', 1.5)).rejects.toBeInstanceOf(InvalidReadQueryError);
      });
    });

    it('answers ping while open', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
