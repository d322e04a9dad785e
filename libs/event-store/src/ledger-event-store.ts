/**
 * The event store the application uses: a decorator over any adapter that
 *  - encrypts personal fields per data subject on append (keys live in a KeyStore, outside the log),
 *  - decrypts them on every read path, reading erased subjects' fields as ERASED (or, for readers
 *    that ask `$all` for personal data to be withheld, reads every personal field as WITHHELD),
 *  - upcasts stored events to the current schema version on read.
 * The adapter underneath only ever sees ciphertext for personal fields.
 */
import {
  AllSubscription,
  AppendOptions,
  AppendResult,
  EventStore,
  LogPosition,
  NewEvent,
  PersonalDataAccess,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SnapshotStore,
  StreamMetadata,
  StreamRevision,
  SubscribeToAllOptions,
} from './event-store.port';
import {
  dataSubjectKey,
  ERASED,
  WITHHELD,
  KeyStore,
  PersonalDataPolicy,
  PersonalDataRule,
  SubjectErasedError,
} from './personal-data.port';
import { Upcaster } from './upcasting';
import { LruCache } from './personal-data/lru-cache';
import { isPiiEnvelope, openPersonalValue, PiiEnvelope, sealPersonalValue } from './personal-data/pii-envelope';
import { UpcasterChain } from './personal-data/upcaster-chain';

export { PersonalDataDecryptionError, isPiiEnvelope } from './personal-data/pii-envelope';
export type { PiiEnvelope } from './personal-data/pii-envelope';
export { UpcasterRegistrationError } from './personal-data/upcaster-chain';

export const DEFAULT_KEY_CACHE_SIZE = 10_000;
/**
 * How long a data key stays cached. A key erased by another process sharing the key store is
 * unusable here at most this long after the erasure (at once when the key store reports erasures,
 * see KeyStore.watchErasures); an erasure in this process takes effect at once.
 */
export const DEFAULT_KEY_CACHE_TTL_MS = 5_000;
/**
 * Pages of `$all` kept for other readers of the same page: projections catching up side by side
 * (start-up, rebuilds) read every page once between them instead of once each. Only full pages are
 * kept (a short page may still grow), for a short time, and all are dropped on an erasure. Pages
 * with personal data open live no longer than a cached key, so the erasure bound above holds.
 */
export const SHARED_PAGES = 24;
export const SHARED_PAGE_TTL_MS = 30_000;

export interface LedgerEventStoreOptions {
  keyStore: KeyStore;
  personalData: PersonalDataPolicy;
  upcasters?: readonly Upcaster[];
  /** Most data keys kept in memory at once (least recently used are dropped). */
  keyCacheSize?: number;
  /** How long a data key stays cached (DEFAULT_KEY_CACHE_TTL_MS). */
  keyCacheTtlMs?: number;
}

export class PersonalDataSubjectMissingError extends Error {
  readonly code = 'PERSONAL_DATA_SUBJECT_MISSING';
  constructor(
    readonly eventType: string,
    readonly subjectField: string,
  ) {
    super(
      `A ${eventType} event carries personal data but its subject field '${subjectField}' is missing or not a ` +
        'non-empty string; personal data cannot be stored without knowing whose it is',
    );
    this.name = 'PersonalDataSubjectMissingError';
  }
}

/** The log holds ciphertext for a subject the key store knows nothing about: keys were lost, not erased. */
export class PersonalDataKeyMissingError extends Error {
  readonly code = 'PERSONAL_DATA_KEY_MISSING';
  constructor(readonly subjectId: string) {
    super(
      `No data key exists for subject ${subjectId} and the subject was never erased; ` +
        'the key store does not belong to this event log or has lost keys',
    );
    this.name = 'PersonalDataKeyMissingError';
  }
}

export class PersonalDataPolicyError extends Error {
  readonly code = 'PERSONAL_DATA_POLICY';
  constructor(message: string) {
    super(message);
    this.name = 'PersonalDataPolicyError';
  }
}

/** Cache entry for a subject whose key was erased: erasure is permanent, so it is safe to remember. */
const ERASED_SUBJECT = Symbol('erased-subject');
type CachedKey = Buffer | typeof ERASED_SUBJECT;
interface KeyEntry {
  key: CachedKey;
  /** When a live key must be looked up again (erasures are remembered for good). */
  expiresAt: number;
}

export class LedgerEventStore implements EventStore {
  private readonly keyStore: KeyStore;
  private readonly policy: PersonalDataPolicy;
  private readonly upcasters: UpcasterChain;
  private readonly keys: LruCache<string, KeyEntry>;
  private readonly keyCacheTtlMs: number;
  private readonly stopWatchingErasures: (() => void) | undefined;
  /** Snapshots keyed also by the upcasters: events folded into a state depend on them. */
  readonly snapshots: SnapshotStore | undefined;
  private readonly pages = new Map<string, { at: number; events: Promise<RecordedEvent[]> }>();
  /**
   * Decrypted events by the engine's event object: subscriptions handed the same object (the
   * SQLite engine shares a page between the subscriptions woken by one commit) decrypt it once.
   * Weakly held, so an entry lives no longer than the page; an erasure here invalidates all.
   */
  private readonly opened = new WeakMap<RecordedEvent, { erasures: number; event: Promise<RecordedEvent> }>();
  private readonly withheld = new WeakMap<RecordedEvent, RecordedEvent>();
  private erasures = 0;

  constructor(
    private readonly inner: EventStore,
    options: LedgerEventStoreOptions,
  ) {
    assertValidPolicy(options.personalData);
    this.keyStore = options.keyStore;
    this.policy = options.personalData;
    this.upcasters = new UpcasterChain(options.upcasters ?? []);
    this.keys = new LruCache(options.keyCacheSize ?? DEFAULT_KEY_CACHE_SIZE);
    this.keyCacheTtlMs = options.keyCacheTtlMs ?? DEFAULT_KEY_CACHE_TTL_MS;
    if (!Number.isInteger(this.keyCacheTtlMs) || this.keyCacheTtlMs < 0)
      throw new RangeError(`keyCacheTtlMs must be an integer >= 0, got ${this.keyCacheTtlMs}`);
    this.stopWatchingErasures = this.keyStore.watchErasures?.((subjectId) => this.dropErased(subjectId));
    this.snapshots = inner.snapshots && withUpcasters(inner.snapshots, this.upcasters.fingerprint());
  }

  get indexesCommandIds(): boolean {
    return this.inner.indexesCommandIds === true;
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const sealed: NewEvent[] = [];
    for (const event of events) sealed.push(await this.seal(event));
    const result = await this.inner.append(streamId, sealed, options);
    return { ...result, events: await this.openAll(result.events) };
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    if (options?.personalData === undefined) return this.openAll(await this.inner.readStream(streamId, options));
    const { personalData: access, ...inner } = options;
    return this.openPage(await this.inner.readStream(streamId, inner), access);
  }

  streamRevision(streamId: string): Promise<StreamRevision | undefined> {
    return this.inner.streamRevision(streamId);
  }

  /**
   * Pages are shared between callers (see SHARED_PAGES): treat the events as the read-only
   * records they are. Concurrent reads of the same page wait for one read and one decryption.
   */
  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    const access = options?.personalData ?? 'open';
    const maxCount = options?.maxCount;
    if (maxCount === undefined || maxCount <= 0)
      return this.openPage(await this.inner.readAll(innerReadAll(options)), access);
    const key = `${access}:${options?.afterPosition ?? -1}:${maxCount}`;
    const now = Date.now();
    const kept = this.pages.get(key);
    const ttlMs = access === 'withheld' ? SHARED_PAGE_TTL_MS : Math.min(SHARED_PAGE_TTL_MS, this.keyCacheTtlMs);
    if (kept !== undefined && now - kept.at <= ttlMs) {
      // Most recently used last, so the first entry is the one to drop.
      this.pages.delete(key);
      this.pages.set(key, kept);
      return [...(await kept.events)];
    }
    const events = this.inner.readAll(innerReadAll(options)).then((page) => this.openPage(page, access));
    const entry = { at: now, events };
    this.pages.set(key, entry);
    while (this.pages.size > SHARED_PAGES) this.pages.delete(this.pages.keys().next().value as string);
    try {
      const page = await events;
      // A short page is the log's end (or a capped read): it may grow, so it is not kept.
      if (page.length < maxCount && this.pages.get(key) === entry) this.pages.delete(key);
      return [...page];
    } catch (error) {
      if (this.pages.get(key) === entry) this.pages.delete(key);
      throw error;
    }
  }

  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription {
    const { personalData, ...innerOptions } = options ?? {};
    const source = this.inner.subscribeToAll(innerOptions);
    const open =
      personalData === 'withheld'
        ? (event: RecordedEvent) => Promise.resolve(this.withholdShared(event))
        : (event: RecordedEvent) => this.openShared(event);
    return {
      async *[Symbol.asyncIterator]() {
        for await (const event of source) yield await open(event);
      },
      close: () => source.close(),
    };
  }

  async readByCommandId(commandId: string): Promise<RecordedEvent[]> {
    return this.openAll(await this.inner.readByCommandId(commandId));
  }

  headPosition(): Promise<LogPosition> {
    return this.inner.headPosition();
  }

  getStreamMetadata(streamId: string): Promise<StreamMetadata | undefined> {
    return this.inner.getStreamMetadata(streamId);
  }

  setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void> {
    return this.inner.setStreamMetadata(streamId, metadata);
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  /** Closes the event store and the key store (both adapters' close() are idempotent). */
  async close(): Promise<void> {
    this.stopWatchingErasures?.();
    try {
      await this.inner.close();
    } finally {
      await this.keyStore.close();
    }
  }

  /**
   * Right to erasure: destroys the subject's key, so every personal field of theirs in the log
   * reads as ERASED from now on, and refuses new personal data for them. Other processes sharing
   * the key store stop using the key within DEFAULT_KEY_CACHE_TTL_MS (at once where the key store
   * reports erasures).
   */
  async forgetSubject(subjectId: string): Promise<void> {
    await this.keyStore.eraseKey(subjectId);
    this.dropErased(subjectId);
  }

  private dropErased(subjectId: string): void {
    this.keys.delete(subjectId);
    this.pages.clear();
    this.erasures += 1;
  }

  private async seal(event: NewEvent): Promise<NewEvent> {
    const metadata = {
      ...event.metadata,
      schemaVersion: event.metadata?.schemaVersion ?? this.upcasters.currentVersion(event.type),
    };
    const rule = ruleFor(this.policy, event.type);
    if (!rule) return { ...event, metadata };
    const rawSubjectId = event.data[rule.subjectField];
    if (typeof rawSubjectId !== 'string' || rawSubjectId.length === 0) {
      throw new PersonalDataSubjectMissingError(event.type, rule.subjectField);
    }
    const subjectId = dataSubjectKey(rule.subjectNamespace, rawSubjectId);
    const present = rule.personalFields.filter((field) => event.data[field] !== undefined);
    if (present.length === 0) return { ...event, metadata };
    const key = await this.keyForWriting(subjectId);
    const data: Record<string, unknown> = { ...event.data };
    for (const fieldName of present) {
      data[fieldName] = sealPersonalValue(data[fieldName], key, { subjectId, eventType: event.type, fieldName });
    }
    return { ...event, data, metadata };
  }

  private openShared(event: RecordedEvent): Promise<RecordedEvent> {
    const kept = this.opened.get(event);
    if (kept !== undefined && kept.erasures === this.erasures) return kept.event;
    const opened = this.open(event);
    this.opened.set(event, { erasures: this.erasures, event: opened });
    opened.catch(() => this.opened.delete(event));
    return opened;
  }

  private withholdShared(event: RecordedEvent): RecordedEvent {
    let withheld = this.withheld.get(event);
    if (withheld === undefined) {
      withheld = this.withhold(event);
      this.withheld.set(event, withheld);
    }
    return withheld;
  }

  private openPage(events: RecordedEvent[], access: PersonalDataAccess): Promise<RecordedEvent[]> {
    return access === 'withheld' ? Promise.resolve(events.map((event) => this.withhold(event))) : this.openAll(events);
  }

  /**
   * Every sealed field reads as WITHHELD, found by envelope like `open` does; no key is looked up,
   * so withholding is as fast as reading and never fails on a lost or erased key.
   */
  private withhold(event: RecordedEvent): RecordedEvent {
    let data = event.data;
    for (const fieldName in event.data) {
      if (!isPiiEnvelope(event.data[fieldName])) continue;
      if (data === event.data) data = { ...event.data };
      data[fieldName] = WITHHELD;
    }
    return this.upcasters.upcast(data === event.data ? event : { ...event, data });
  }

  private async openAll(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    const opened: RecordedEvent[] = [];
    for (const event of events) opened.push(await this.open(event));
    return opened;
  }

  /**
   * Decrypts by envelope, not by policy: events written under an older policy still open, and a
   * field's plain value is never mistaken for ciphertext.
   */
  private async open(event: RecordedEvent): Promise<RecordedEvent> {
    let data = event.data;
    for (const [fieldName, value] of Object.entries(event.data)) {
      if (!isPiiEnvelope(value)) continue;
      if (data === event.data) data = { ...event.data };
      data[fieldName] = await this.openField(value, event.type, fieldName);
    }
    return this.upcasters.upcast({ ...event, data });
  }

  private async openField(envelope: PiiEnvelope, eventType: string, fieldName: string): Promise<unknown> {
    const key = await this.keyForReading(envelope.subject);
    if (key === ERASED_SUBJECT) return ERASED;
    return openPersonalValue(envelope, key, { eventType, fieldName });
  }

  private async keyForWriting(subjectId: string): Promise<Buffer> {
    const cached = this.cachedKey(subjectId);
    if (cached === ERASED_SUBJECT) throw new SubjectErasedError(subjectId);
    if (cached) return cached;
    const key = await this.keyStore.getOrCreateKey(subjectId);
    this.cacheKey(subjectId, key);
    return key;
  }

  private async keyForReading(subjectId: string): Promise<CachedKey> {
    const cached = this.cachedKey(subjectId);
    if (cached) return cached;
    const key = await this.keyStore.findKey(subjectId);
    if (key) {
      this.cacheKey(subjectId, key);
      return key;
    }
    if (!(await this.keyStore.isErased(subjectId))) throw new PersonalDataKeyMissingError(subjectId);
    this.cacheKey(subjectId, ERASED_SUBJECT);
    return ERASED_SUBJECT;
  }

  private cachedKey(subjectId: string): CachedKey | undefined {
    const entry = this.keys.get(subjectId);
    if (entry === undefined) return undefined;
    if (entry.key !== ERASED_SUBJECT && Date.now() >= entry.expiresAt) {
      this.keys.delete(subjectId);
      return undefined;
    }
    return entry.key;
  }

  private cacheKey(subjectId: string, key: CachedKey): void {
    const expiresAt = key === ERASED_SUBJECT ? Number.POSITIVE_INFINITY : Date.now() + this.keyCacheTtlMs;
    this.keys.set(subjectId, { key, expiresAt });
  }
}

function withUpcasters(snapshots: SnapshotStore, upcasters: string): SnapshotStore {
  const versioned = (version: string) => (upcasters === '' ? version : `${version};upcasters=${upcasters}`);
  return {
    readSnapshot: (streamId, version) => snapshots.readSnapshot(streamId, versioned(version)),
    writeSnapshot: (snapshot) => snapshots.writeSnapshot({ ...snapshot, version: versioned(snapshot.version) }),
  };
}

/** The engine underneath knows nothing of personal data. */
function innerReadAll(options: ReadAllOptions | undefined): ReadAllOptions | undefined {
  if (options?.personalData === undefined) return options;
  const { personalData: _access, ...inner } = options;
  return inner;
}

function ruleFor(policy: PersonalDataPolicy, eventType: string): PersonalDataRule | undefined {
  return Object.prototype.hasOwnProperty.call(policy, eventType) ? policy[eventType] : undefined;
}

function assertValidPolicy(policy: PersonalDataPolicy): void {
  for (const [eventType, rule] of Object.entries(policy)) {
    if (!rule.subjectField)
      throw new PersonalDataPolicyError(`Personal-data rule for ${eventType} names no subject field`);
    if (rule.personalFields.includes(rule.subjectField)) {
      throw new PersonalDataPolicyError(
        `Personal-data rule for ${eventType} lists its subject field '${rule.subjectField}' as personal; ` +
          'the subject id stays readable so its key can be found',
      );
    }
    if (new Set(rule.personalFields).size !== rule.personalFields.length) {
      throw new PersonalDataPolicyError(`Personal-data rule for ${eventType} lists a personal field twice`);
    }
  }
}
