/**
 * The directory of customers and learners: who is registered, in which stream, and whether their
 * personal data was erased. It holds no names (projections read personal data withheld, D9):
 * searching by name reads each candidate's own stream with the name decrypted
 * (apps/admin-api/src/search), so an erased name is gone from every answer the moment its key is.
 */
import type { RecordedEvent } from '@ledger/event-store';
import type { ProjectionContext, ProjectionDefinition } from '@ledger/read-store';

export const PEOPLE = { name: 'people', version: 1, collection: 'people' } as const;

export type PersonKind = 'customer' | 'learner';

export interface PersonDocument {
  [key: string]: unknown;
  kind: PersonKind;
  /** The customer or learner id. */
  subjectId: string;
  streamId: string;
  /** Log position of the registration: the directory's order, so a search resumes where it stopped. */
  position: number;
  registeredAt: string;
  erased: boolean;
}

const REGISTRATIONS: Readonly<Record<string, { kind: PersonKind; idField: string }>> = {
  CustomerRegistered: { kind: 'customer', idField: 'customerId' },
  LearnerRegistered: { kind: 'learner', idField: 'learnerId' },
};
const ERASURES: Readonly<Record<string, { kind: PersonKind; idField: string }>> = {
  CustomerPersonalDataErased: { kind: 'customer', idField: 'customerId' },
  LearnerPersonalDataErased: { kind: 'learner', idField: 'learnerId' },
};

export const personDocumentId = (kind: PersonKind, subjectId: string): string => `${kind}:${subjectId}`;

export const peopleProjection: ProjectionDefinition = {
  name: PEOPLE.name,
  version: PEOPLE.version,
  collections: [{ name: PEOPLE.collection, indexes: ['kind', 'position', 'erased'] }],
  handles: [...Object.keys(REGISTRATIONS), ...Object.keys(ERASURES)],
  async apply(event: RecordedEvent, ctx: ProjectionContext) {
    const registration = REGISTRATIONS[event.type];
    if (registration) {
      const subjectId = event.data[registration.idField];
      if (typeof subjectId !== 'string') throw new Error(`people projection: ${event.type} ${event.id} names no id`);
      const document: PersonDocument = {
        kind: registration.kind,
        subjectId,
        streamId: event.streamId,
        position: event.position,
        registeredAt: String(event.data['registeredAt'] ?? event.metadata.occurredAt ?? event.recordedAt),
        erased: false,
      };
      ctx.put(PEOPLE.collection, personDocumentId(registration.kind, subjectId), document);
      return;
    }
    const erasure = ERASURES[event.type]!;
    const id = personDocumentId(erasure.kind, String(event.data[erasure.idField]));
    const person = await ctx.get<PersonDocument>(PEOPLE.collection, id);
    if (person) ctx.put(PEOPLE.collection, id, { ...person.body, erased: true });
  },
};
