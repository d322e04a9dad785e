import type { EventActor } from '@ledger/event-store';

/** The ledger's own service accounts: they act for nobody else and authenticate to nobody. */
export const internalActor = (name: string, origin: EventActor['origin']): EventActor =>
  Object.freeze({ userId: `svc-${name}`, kind: 'service', authMethod: 'internal', origin });

export const SCHEDULER_ACTOR: EventActor = internalActor('scheduler', 'scheduler');
export const CLI_ACTOR: EventActor = internalActor('cli', 'cli');

/** How a recorded actor reads in one line (history, decision views): `userId (person, api-key via api)`. */
export function describeActor(actor: unknown, displayName?: string): string {
  if (typeof actor === 'string') return actor;
  if (actor === null || typeof actor !== 'object') return '-';
  const { userId, kind, authMethod, origin } = actor as Partial<EventActor>;
  const who = displayName ? `${displayName} <${String(userId)}>` : String(userId);
  return `${who} (${String(kind)}, ${String(authMethod)} via ${String(origin)})`;
}
