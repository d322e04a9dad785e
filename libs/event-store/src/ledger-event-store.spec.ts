import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { NewEvent, RecordedEvent } from './event-store.port';
import { ERASED, PersonalDataPolicy, SubjectErasedError, WITHHELD } from './personal-data.port';
import { Upcaster } from './upcasting';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { SqliteKeyStore } from './keys/sqlite-key-store';
import {
  LedgerEventStore,
  LedgerEventStoreOptions,
  PersonalDataDecryptionError,
  PersonalDataKeyMissingError,
  PersonalDataSubjectMissingError,
  UpcasterRegistrationError,
  isPiiEnvelope,
} from './ledger-event-store';
import { describeEventStoreContract } from '../../../test/contract/event-store.contract';

const policy: PersonalDataPolicy = {
  LearnerRegistered: { subjectField: 'learnerId', personalFields: ['name', 'email'] },
  RefundRequested: { subjectField: 'customerId', personalFields: ['iban'] },
};

const anna = { learnerId: 'learner-anna', name: 'Anna de Vries', email: 'anna.devries@example.nl' };
const bram = { learnerId: 'learner-bram', name: 'Bram Jansen', email: 'bram.jansen@example.nl' };

function registered(learner: typeof anna, extra: Record<string, unknown> = {}): NewEvent {
  return { type: 'LearnerRegistered', data: { ...learner, courseId: 'course-7', feeCents: 49_500, ...extra } };
}

/** Real storage in a temp dir: the SQLite event log and, beside it, the SQLite key store. */
class Fixture {
  readonly dir = mkdtempSync(join(tmpdir(), 'ledger-store-'));
  readonly eventsFile = join(this.dir, 'events.sqlite');
  readonly keysFile = join(this.dir, 'keys.sqlite');
  private readonly opened: LedgerEventStore[] = [];
  private readonly rawStores: SqliteEventStore[] = [];

  open(options: Partial<Omit<LedgerEventStoreOptions, 'keyStore'>> = {}, keysFile = this.keysFile): LedgerEventStore {
    const events = SqliteEventStore.open({ file: this.eventsFile });
    const keyStore = SqliteKeyStore.open(keysFile);
    try {
      const store = new LedgerEventStore(events, { keyStore, personalData: policy, ...options });
      this.opened.push(store);
      return store;
    } catch (error) {
      void events.close();
      void keyStore.close();
      throw error;
    }
  }

  /** The log without the decorator: what is actually stored. */
  raw(): SqliteEventStore {
    const store = SqliteEventStore.open({ file: this.eventsFile });
    this.rawStores.push(store);
    return store;
  }

  /** Every byte of the event log on disk: the database file and its WAL. */
  bytesOnDisk(): string {
    return [this.eventsFile, `${this.eventsFile}-wal`]
      .filter((path) => existsSync(path))
      .map((path) => readFileSync(path).toString('latin1'))
      .join('');
  }

  async cleanup(): Promise<void> {
    for (const store of [...this.opened, ...this.rawStores]) await store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

// The decorator must be invisible to code written against the port.
describeEventStoreContract('ledger decorator over sqlite', async () => {
  const fixture = new Fixture();
  return { store: fixture.open(), cleanup: () => fixture.cleanup() };
});

describe('LedgerEventStore over the SQLite event store', () => {
  let fixture: Fixture;

  beforeEach(() => {
    fixture = new Fixture();
  });

  afterEach(async () => {
    await fixture.cleanup();
  });

  describe('personal data', () => {
    it('round-trips personal fields on every read path', async () => {
      const store = fixture.open();
      const commandId = `cmd-${randomUUID()}`;
      const event = { ...registered(anna), metadata: { commandId } };

      const appended = await store.append('learner-anna', [event], { expectedRevision: 'no_stream' });
      const subscription = store.subscribeToAll();
      const [fromSubscription] = await takeFrom(subscription, 1);

      const expected = { ...anna, courseId: 'course-7', feeCents: 49_500 };
      expect(appended.events[0]?.data).toEqual(expected);
      expect((await store.readStream('learner-anna'))[0]?.data).toEqual(expected);
      expect((await store.readAll())[0]?.data).toEqual(expected);
      expect((await store.readByCommandId(commandId))[0]?.data).toEqual(expected);
      expect(fromSubscription?.data).toEqual(expected);
    });

    it('stores personal fields as envelopes and keeps ids and amounts in the clear', async () => {
      await fixture.open().append('learner-anna', [registered(anna)], { expectedRevision: 'no_stream' });

      const [stored] = await fixture.raw().readStream('learner-anna');
      expect(isPiiEnvelope(stored?.data['name'])).toBe(true);
      expect(isPiiEnvelope(stored?.data['email'])).toBe(true);
      expect(stored?.data).toMatchObject({ learnerId: 'learner-anna', courseId: 'course-7', feeCents: 49_500 });
      expect(stored?.data['name']).toMatchObject({ subject: 'learner-anna' });
    });

    it('leaves no name or e-mail in the bytes of the event log, its WAL included', async () => {
      const store = fixture.open();
      const marker = `visible-${randomUUID()}`;
      await store.append('learner-anna', [registered(anna, { note: marker })], { expectedRevision: 'no_stream' });

      const onDisk = fixture.bytesOnDisk();
      // Control: a non-personal value of the same event is on disk, so the scan does see the event.
      expect(onDisk).toContain(marker);
      expect(onDisk).not.toContain(anna.name);
      expect(onDisk).not.toContain(anna.email);
    });

    it('after erasure personal fields read as erased; ids, amounts and other subjects stay intact', async () => {
      const store = fixture.open();
      await store.append('learner-anna', [registered(anna)], { expectedRevision: 'no_stream' });
      await store.append('learner-bram', [registered(bram)], { expectedRevision: 'no_stream' });
      await store.readStream('learner-anna'); // warms the key cache, which erasure must evict

      await store.forgetSubject(anna.learnerId);

      const [erased] = await store.readStream('learner-anna');
      expect(erased?.data).toEqual({
        learnerId: 'learner-anna',
        name: ERASED,
        email: ERASED,
        courseId: 'course-7',
        feeCents: 49_500,
      });
      expect((await store.readStream('learner-bram'))[0]?.data).toMatchObject({ name: bram.name, email: bram.email });
      // A process that never cached the key sees the same.
      expect((await fixture.open().readAll()).find((e) => e.streamId === 'learner-anna')?.data['name']).toBe(ERASED);
    });

    it('refuses new personal data for an erased subject', async () => {
      const store = fixture.open();
      await store.forgetSubject(anna.learnerId);

      await expect(
        store.append('learner-anna', [registered(anna)], { expectedRevision: 'any' }),
      ).rejects.toBeInstanceOf(SubjectErasedError);
      expect(await store.streamRevision('learner-anna')).toBeUndefined();
    });

    it('fails with a clear error, not silently, when stored ciphertext was tampered with', async () => {
      const store = fixture.open();
      await store.append('learner-anna', [registered(anna)], { expectedRevision: 'no_stream' });
      const raw = fixture.raw();
      const [stored] = await raw.readStream('learner-anna');
      const envelope = stored?.data['email'] as { ct: string };
      const tampered = { ...envelope, ct: flipFirstByte(envelope.ct) };
      await raw.append('learner-anna', [{ type: 'LearnerRegistered', data: { ...stored?.data, email: tampered } }], {
        expectedRevision: 0,
      });

      await expect(store.readStream('learner-anna')).rejects.toThrow(PersonalDataDecryptionError);
      await expect(store.readStream('learner-anna')).rejects.toThrow(/'email'.*authentication failed/);
    });

    it('fails when an envelope is moved to another field', async () => {
      const store = fixture.open();
      await store.append('learner-anna', [registered(anna)], { expectedRevision: 'no_stream' });
      const raw = fixture.raw();
      const [stored] = await raw.readStream('learner-anna');
      await raw.append(
        'learner-anna',
        [{ type: 'LearnerRegistered', data: { ...stored?.data, name: stored?.data['email'] } }],
        {
          expectedRevision: 0,
        },
      );

      await expect(store.readStream('learner-anna', { fromRevision: 1 })).rejects.toThrow(/'name'/);
    });

    it('refuses to guess when the key store has no key for a subject that was never erased', async () => {
      await fixture.open().append('learner-anna', [registered(anna)], { expectedRevision: 'no_stream' });
      const withForeignKeyStore = fixture.open({}, join(fixture.dir, 'other-keys.sqlite'));

      await expect(withForeignKeyStore.readStream('learner-anna')).rejects.toThrow(PersonalDataKeyMissingError);
    });

    it('withholds every personal field from an $all reader that asks so, without looking up a key', async () => {
      const store = fixture.open();
      await store.append('learner-anna', [registered(anna)], { expectedRevision: 'no_stream' });
      await store.append('learner-bram', [registered(bram)], { expectedRevision: 'no_stream' });
      await store.forgetSubject(bram.learnerId);
      // A key store without Anna's key: opening her fields would fail, withholding them must not.
      const withoutKeys = fixture.open({}, join(fixture.dir, 'other-keys.sqlite'));
      await expect(withoutKeys.readAll()).rejects.toThrow(PersonalDataKeyMissingError);

      const withheld = await withoutKeys.readAll({ personalData: 'withheld' });
      expect(withheld.map((event) => event.data)).toEqual([
        { learnerId: anna.learnerId, name: WITHHELD, email: WITHHELD, courseId: 'course-7', feeCents: 49_500 },
        { learnerId: bram.learnerId, name: WITHHELD, email: WITHHELD, courseId: 'course-7', feeCents: 49_500 },
      ]);
      // Paged reads share pages between readers: a withheld page is never handed to an open reader.
      expect((await store.readAll({ maxCount: 10, personalData: 'withheld' }))[0]?.data['name']).toBe(WITHHELD);
      expect((await store.readAll({ maxCount: 10 }))[0]?.data['name']).toBe(anna.name);
    });

    it('withholds personal fields from a subscription that asks so, and opens them for one that does not', async () => {
      const store = fixture.open();
      await store.append('learner-anna', [registered(anna)], { expectedRevision: 'no_stream' });
      const firstOf = async (personalData?: 'withheld'): Promise<RecordedEvent> => {
        const subscription = store.subscribeToAll(personalData ? { personalData } : {});
        try {
          for await (const event of subscription) return event;
          throw new Error('the subscription ended without an event');
        } finally {
          await subscription.close();
        }
      };
      expect((await firstOf('withheld')).data).toMatchObject({ name: WITHHELD, email: WITHHELD });
      expect((await firstOf()).data).toMatchObject({ name: anna.name, email: anna.email });
    });

    it('refuses personal data without a subject, and appends nothing', async () => {
      const store = fixture.open();
      const { learnerId: _omitted, ...withoutSubject } = anna;

      await expect(
        store.append('learner-anna', [{ type: 'LearnerRegistered', data: withoutSubject }], {
          expectedRevision: 'any',
        }),
      ).rejects.toThrow(PersonalDataSubjectMissingError);
      await expect(
        store.append('learner-anna', [{ type: 'LearnerRegistered', data: withoutSubject }], {
          expectedRevision: 'any',
        }),
      ).rejects.toThrow(/subject field 'learnerId'/);
      expect(await store.streamRevision('learner-anna')).toBeUndefined();
    });

    it('leaves events of types outside the policy, and absent personal fields, as they are', async () => {
      await fixture.open().append(
        'learner-anna',
        [
          { type: 'CourseScheduled', data: { courseId: 'course-7', name: 'Veilig werken' } },
          { type: 'LearnerRegistered', data: { learnerId: 'learner-anna', courseId: 'course-7' } },
        ],
        { expectedRevision: 'no_stream' },
      );

      const [course, learner] = await fixture.raw().readStream('learner-anna');
      expect(course?.data).toEqual({ courseId: 'course-7', name: 'Veilig werken' });
      expect(learner?.data).toEqual({ learnerId: 'learner-anna', courseId: 'course-7' });
    });

    it('works with a key cache of one while several subjects are read', async () => {
      const store = fixture.open({ keyCacheSize: 1 });
      await store.append('learners', [registered(anna), registered(bram), registered(anna)], {
        expectedRevision: 'no_stream',
      });

      const names = (await store.readStream('learners')).map((e) => e.data['name']);
      expect(names).toEqual([anna.name, bram.name, anna.name]);
    });

    it('rejects a policy that would encrypt the subject id', () => {
      expect(() =>
        fixture.open({
          personalData: { LearnerRegistered: { subjectField: 'learnerId', personalFields: ['learnerId'] } },
        }),
      ).toThrow(/subject field 'learnerId' as personal/);
    });
  });

  describe('erasure across processes sharing the key store', () => {
    const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    it('a key erased by one process is unusable in another once its cached key expires', async () => {
      const first = fixture.open();
      const second = fixture.open({ keyCacheTtlMs: 200 });
      await first.append('learner-anna', [registered(anna)], { expectedRevision: 'no_stream' });
      expect((await second.readStream('learner-anna'))[0]?.data['name']).toBe(anna.name);

      await first.forgetSubject(anna.learnerId);
      await settle(250);
      expect((await second.readStream('learner-anna'))[0]?.data['name']).toBe(ERASED);
      await expect(
        second.append('learner-anna', [registered(anna)], { expectedRevision: 'any' }),
      ).rejects.toBeInstanceOf(SubjectErasedError);
    });

    it('a key store that reports erasures (MongoDB change streams) makes the key unusable at once', async () => {
      const listeners = new Set<(subjectId: string) => void>();
      const open = (ttl: number) => {
        const keyStore = SqliteKeyStore.open(fixture.keysFile);
        const reporting = Object.assign(Object.create(keyStore) as SqliteKeyStore, {
          eraseKey: async (subjectId: string) => {
            await keyStore.eraseKey(subjectId);
            for (const listener of listeners) listener(subjectId);
          },
          watchErasures: (listener: (subjectId: string) => void) => {
            listeners.add(listener);
            return () => listeners.delete(listener);
          },
        });
        return new LedgerEventStore(fixture.raw(), { keyStore: reporting, personalData: policy, keyCacheTtlMs: ttl });
      };
      const first = open(60_000);
      const second = open(60_000);
      try {
        await first.append('learner-anna', [registered(anna)], { expectedRevision: 'no_stream' });
        expect((await second.readStream('learner-anna'))[0]?.data['name']).toBe(anna.name);
        await first.forgetSubject(anna.learnerId);
        expect((await second.readStream('learner-anna'))[0]?.data['name']).toBe(ERASED);
      } finally {
        await first.close();
        await second.close();
      }
      expect(listeners.size).toBe(0);
    });
  });

  describe('upcasting', () => {
    const v1Policy: PersonalDataPolicy = {
      LearnerRegistered: { subjectField: 'learnerId', personalFields: ['fullName'] },
    };
    const splitName: Upcaster = {
      eventType: 'LearnerRegistered',
      fromSchemaVersion: 1,
      upcast: ({ fullName, ...rest }) => ({ ...rest, name: fullName }),
    };
    const addCountry: Upcaster = {
      eventType: 'LearnerRegistered',
      fromSchemaVersion: 2,
      upcast: (data) => ({ ...data, country: 'NL' }),
    };

    it('reads an event stored in an old schema version in the current shape, decrypted first', async () => {
      // Written before the upcasters existed: version 1, personal field 'fullName'.
      const before = fixture.open({ personalData: v1Policy });
      await before.append(
        'learner-anna',
        [{ type: 'LearnerRegistered', data: { learnerId: 'learner-anna', fullName: anna.name } }],
        {
          expectedRevision: 'no_stream',
        },
      );
      const [stored] = await fixture.raw().readStream('learner-anna');
      expect(stored?.metadata.schemaVersion).toBe(1);

      const today = fixture.open({ upcasters: [addCountry, splitName] });
      const [read] = await today.readStream('learner-anna');

      expect(read?.data).toEqual({ learnerId: 'learner-anna', name: anna.name, country: 'NL' });
      expect(read?.metadata.schemaVersion).toBe(3);
    });

    it('stamps new events with the current version so they are not upcast again', async () => {
      const store = fixture.open({ upcasters: [splitName, addCountry] });
      const result = await store.append('learner-anna', [registered(anna, { country: 'BE' })], {
        expectedRevision: 'no_stream',
      });

      expect(result.events[0]?.metadata.schemaVersion).toBe(3);
      expect(result.events[0]?.data).toMatchObject({ name: anna.name, country: 'BE' });
      expect((await fixture.raw().readStream('learner-anna'))[0]?.metadata.schemaVersion).toBe(3);
    });

    it('rejects two upcasters for the same type and version', () => {
      expect(() => fixture.open({ upcasters: [splitName, { ...splitName }] })).toThrow(UpcasterRegistrationError);
    });
  });
});

function flipFirstByte(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] = (bytes[0] as number) ^ 0xff;
  return bytes.toString('base64');
}

async function takeFrom(subscription: AsyncIterable<RecordedEvent> & { close(): Promise<void> }, count: number) {
  const taken: RecordedEvent[] = [];
  try {
    for await (const event of subscription) {
      taken.push(event);
      if (taken.length === count) break;
    }
  } finally {
    await subscription.close();
  }
  return taken;
}
