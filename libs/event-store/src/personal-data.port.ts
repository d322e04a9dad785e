/**
 * Personal data in events is encrypted per data subject (learner, customer, participant) with a
 * key kept outside the event log. Deleting the key (right to erasure) leaves the history intact
 * and the personal fields unreadable. Events are immutable, so this is done from day one.
 */

/** Which fields of an event type are personal, and whose they are. */
export interface PersonalDataRule {
  /** Field of `data` holding the data subject's id (e.g. 'learnerId'). */
  subjectField: string;
  /**
   * Kind of data subject ('learner', 'customer', ...). The key id is `<namespace>:<id>`, so a learner
   * and a customer that happen to share an id never share a key (nor an erasure).
   */
  subjectNamespace?: string;
  /** Top-level fields of `data` that hold personal data (names, e-mails, addresses, bank accounts). */
  personalFields: readonly string[];
}

/** eventType -> rule. Event types that are absent carry no personal data. */
export type PersonalDataPolicy = Readonly<Record<string, PersonalDataRule>>;

/** What a personal field reads as once its subject's key was erased. */
export const ERASED = '[erased]';

/** What a personal field reads as for a reader that asked for personal data to be withheld. */
export const WITHHELD = '[withheld]';

/** The key-store id of a data subject: `<namespace>:<id>` (or the bare id without a namespace). */
export function dataSubjectKey(namespace: string | undefined, subjectId: string): string {
  return namespace ? `${namespace}:${subjectId}` : subjectId;
}

/** Stores one AES-256 data key per subject, outside the event log. */
export interface KeyStore {
  /** Returns the subject's key, creating it on first use. Refuses a subject that was erased. */
  getOrCreateKey(subjectId: string): Promise<Buffer>;
  /** The subject's key, or undefined when it never existed or was erased. */
  findKey(subjectId: string): Promise<Buffer | undefined>;
  /** Irreversibly destroys the subject's key. */
  eraseKey(subjectId: string): Promise<void>;
  isErased(subjectId: string): Promise<boolean>;
  /**
   * Tells `onErased` about erasures made by any process sharing the key store (MongoDB: a change
   * stream), so caches drop the key at once rather than when it expires. Returns the unsubscribe.
   * Optional: without it, a key erased elsewhere is dropped when its cache entry expires.
   */
  watchErasures?(onErased: (subjectId: string) => void): () => void;
  close(): Promise<void>;
}

/** The key store could not confirm a write in time (e.g. no majority); nothing can be assumed written. */
export class KeyStoreUnavailableError extends Error {
  readonly code = 'KEY_STORE_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KeyStoreUnavailableError';
  }
}

export class SubjectErasedError extends Error {
  readonly code = 'SUBJECT_ERASED';
  constructor(readonly subjectId: string) {
    super(`Personal data of subject ${subjectId} was erased; no new personal data can be stored for it`);
    this.name = 'SubjectErasedError';
  }
}
