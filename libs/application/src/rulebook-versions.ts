/**
 * Rulebook versions published through the API live in the log (docs/architecture.md, "Published
 * rulebook versions"). The registry of every process that opens the log registers them, and the
 * command that publishes one registers it as soon as it is recorded; registering twice is a no-op.
 */
import { publicationOf, rulebookVersionStreamId, type RulebookVersionPublished } from '@ledger/domain';
import type { EventStore, RecordedEvent } from '@ledger/event-store';
import { registerPublication, type RulebookRegistry } from '@ledger/regulations';
import { readWholeStream } from './command-pipeline';

const isPublication = (event: RecordedEvent): boolean => event.type === 'RulebookVersionPublished';

/** Registers the publications among recorded events; returns how many were new to the registry. */
export function registerPublishedIn(events: readonly RecordedEvent[], registry: RulebookRegistry): number {
  let registered = 0;
  for (const event of events.filter(isPublication)) {
    const published = { type: event.type, data: event.data } as unknown as RulebookVersionPublished;
    if (registerPublication(registry, publicationOf(published))) registered += 1;
  }
  return registered;
}

/** Registers every version published for the registry's rulebooks (one short stream per rulebook). */
export async function registerPublishedVersions(store: EventStore, registry: RulebookRegistry): Promise<number> {
  let registered = 0;
  for (const rulebookId of registry.ids()) {
    const events = await readWholeStream(store, rulebookVersionStreamId(rulebookId));
    registered += registerPublishedIn(events, registry);
  }
  return registered;
}
