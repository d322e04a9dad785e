import type { Upcaster } from '@ledger/event-store';
import type { LearnerRegistered } from './events';

/**
 * LearnerRegistered v1 `{ name }` -> v2 `{ displayName, givenName, familyName }`. The stored
 * name is kept as the display name; v1 never asked for given and family names, so they are null
 * (splitting "P. de Boer" would guess). An erased v1 name ("[erased]") stays erased.
 * Idempotent: data already in the v2 shape (written by code that stamped it version 1) passes through.
 */
export const learnerRegisteredV1ToV2: Upcaster = {
  eventType: 'LearnerRegistered',
  fromSchemaVersion: 1,
  upcast(data) {
    if (!('name' in data) && typeof data['displayName'] === 'string') return data;
    const { name, ...rest } = data;
    const v2: Omit<LearnerRegistered['data'], 'learnerId' | 'email' | 'employerId' | 'registeredAt'> = {
      displayName: typeof name === 'string' ? name : String(name ?? ''),
      givenName: null,
      familyName: null,
    };
    return { ...rest, ...v2 };
  },
};

/** Every upcaster of the learner feature; pass them to openStorage({ upcasters }). */
export const learnerUpcasters: readonly Upcaster[] = [learnerRegisteredV1ToV2];
