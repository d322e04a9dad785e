/**
 * The KeyStore contract: every adapter (SQLite, MongoDB) must pass it. Each test opens a fresh,
 * empty store through `open` and cleans it up afterwards.
 */
import { randomUUID } from 'node:crypto';
import { KeyStore, SubjectErasedError } from '../../libs/event-store/src/personal-data.port';

export interface OpenedKeyStore {
  keyStore: KeyStore;
  cleanup: () => Promise<void>;
}

const DATA_KEY_BYTES = 32;
const CONCURRENT_CALLS = 16;

export function describeKeyStoreContract(adapterName: string, open: () => Promise<OpenedKeyStore>): void {
  describe(`KeyStore contract: ${adapterName}`, () => {
    let opened: OpenedKeyStore;
    let keyStore: KeyStore;

    beforeEach(async () => {
      opened = await open();
      keyStore = opened.keyStore;
    });

    afterEach(async () => {
      await opened.cleanup();
    });

    const newSubject = () => `learner-${randomUUID()}`;

    it('creates a 32-byte key on first use and returns the same key afterwards', async () => {
      const subject = newSubject();
      const first = await keyStore.getOrCreateKey(subject);
      const second = await keyStore.getOrCreateKey(subject);
      expect(first).toHaveLength(DATA_KEY_BYTES);
      expect(second.equals(first)).toBe(true);
    });

    it('gives different subjects different keys', async () => {
      const keyA = await keyStore.getOrCreateKey(newSubject());
      const keyB = await keyStore.getOrCreateKey(newSubject());
      expect(keyA.equals(keyB)).toBe(false);
    });

    it('finds nothing for a subject that never had a key, and finds a created key', async () => {
      const subject = newSubject();
      expect(await keyStore.findKey(subject)).toBeUndefined();
      const created = await keyStore.getOrCreateKey(subject);
      const found = await keyStore.findKey(subject);
      expect(found?.equals(created)).toBe(true);
    });

    it('returns one key to concurrent first calls for the same subject', async () => {
      const subject = newSubject();
      const keys = await Promise.all(Array.from({ length: CONCURRENT_CALLS }, () => keyStore.getOrCreateKey(subject)));
      const distinct = new Set(keys.map((key) => key.toString('hex')));
      expect(distinct.size).toBe(1);
      expect((await keyStore.findKey(subject))?.toString('hex')).toBe(keys[0]!.toString('hex'));
    });

    it('creates keys for many subjects asked at once, failing only the erased one among them', async () => {
      const erased = newSubject();
      await keyStore.eraseKey(erased);
      const subjects = Array.from({ length: 40 }, () => newSubject());
      const asked = [...subjects.slice(0, 20), erased, ...subjects.slice(20)];
      const outcomes = await Promise.allSettled(asked.map((subject) => keyStore.getOrCreateKey(subject)));
      expect(outcomes[20]).toMatchObject({ status: 'rejected', reason: expect.any(SubjectErasedError) });
      const keys = outcomes
        .filter((_, index) => index !== 20)
        .map((outcome) => (outcome as PromiseFulfilledResult<Buffer>).value);
      expect(new Set(keys.map((key) => key.toString('hex'))).size).toBe(subjects.length);
      for (const [index, subject] of subjects.entries())
        expect((await keyStore.findKey(subject))?.equals(keys[index]!)).toBe(true);
    });

    it('erases a key irreversibly: not found, marked erased, and refused for new data', async () => {
      const subject = newSubject();
      await keyStore.getOrCreateKey(subject);
      await keyStore.eraseKey(subject);
      expect(await keyStore.findKey(subject)).toBeUndefined();
      expect(await keyStore.isErased(subject)).toBe(true);
      await expect(keyStore.getOrCreateKey(subject)).rejects.toBeInstanceOf(SubjectErasedError);
    });

    it('does not mark subjects erased that were not', async () => {
      const subject = newSubject();
      await keyStore.getOrCreateKey(subject);
      expect(await keyStore.isErased(subject)).toBe(false);
      expect(await keyStore.isErased(newSubject())).toBe(false);
    });

    it('erasing leaves other subjects untouched', async () => {
      const erased = newSubject();
      const kept = newSubject();
      await keyStore.getOrCreateKey(erased);
      const keptKey = await keyStore.getOrCreateKey(kept);
      await keyStore.eraseKey(erased);
      expect((await keyStore.findKey(kept))?.equals(keptKey)).toBe(true);
      expect(await keyStore.isErased(kept)).toBe(false);
    });

    it('records the erasure of a subject that never had a key, so none can be created later', async () => {
      const subject = newSubject();
      await keyStore.eraseKey(subject);
      expect(await keyStore.isErased(subject)).toBe(true);
      await expect(keyStore.getOrCreateKey(subject)).rejects.toMatchObject({
        code: 'SUBJECT_ERASED',
        subjectId: subject,
      });
    });

    it('treats a repeated erasure as done', async () => {
      const subject = newSubject();
      await keyStore.getOrCreateKey(subject);
      await keyStore.eraseKey(subject);
      await keyStore.eraseKey(subject);
      expect(await keyStore.isErased(subject)).toBe(true);
    });

    it('rejects an empty subject id', async () => {
      await expect(keyStore.getOrCreateKey('')).rejects.toThrow(/subject id/);
    });
  });
}
