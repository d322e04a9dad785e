/**
 * Tamper evidence: the embedded SQLite log chains every event's hash to the previous one
 * (libs/event-store/src/sqlite/hash-chain.ts). Verifying recomputes the chain and names the first
 * event that does not match. EventStoreDB keeps no such chain, so there it is reported as not
 * available rather than as "ok".
 */
import { SqliteEventStore, type EventStore } from '@ledger/event-store';

export type ChainReport =
  | { available: true; engine: 'sqlite'; ok: true; checked: number; headPosition: number }
  | {
      available: true;
      engine: 'sqlite';
      ok: false;
      checked: number;
      headPosition: number;
      /** The first event whose stored hash (or position) does not match the recomputed chain. */
      firstBadEvent: {
        position: number;
        eventId: string;
        streamId: string | null;
        revision: number | null;
        type: string | null;
      };
      message: string;
    }
  | { available: false; engine: 'eventstoredb'; ok: null; message: string };

export const CHAIN_NOT_AVAILABLE_MESSAGE =
  'Hash-chain verification is not available on EventStoreDB: the chain is kept by the embedded SQLite engine only. ' +
  "Rely on EventStoreDB's own storage checksums and access control there.";

export async function verifyChain(engine: EventStore): Promise<ChainReport> {
  if (!(engine instanceof SqliteEventStore))
    return { available: false, engine: 'eventstoredb', ok: null, message: CHAIN_NOT_AVAILABLE_MESSAGE };
  const headPosition = await engine.headPosition();
  const result = engine.verifyChain();
  if (result.ok) return { available: true, engine: 'sqlite', ok: true, checked: result.checked, headPosition };
  // Best effort: the event's envelope names it for a human; its data may be what was tampered with.
  let located: { streamId: string; revision: number; type: string } | undefined;
  try {
    const [event] = await engine.readAll({ afterPosition: result.position - 1, maxCount: 1 });
    if (event && event.id === result.eventId)
      located = { streamId: event.streamId, revision: event.revision, type: event.type };
  } catch {
    located = undefined;
  }
  return {
    available: true,
    engine: 'sqlite',
    ok: false,
    checked: result.checked,
    headPosition,
    firstBadEvent: {
      position: result.position,
      eventId: result.eventId,
      streamId: located?.streamId ?? null,
      revision: located?.revision ?? null,
      type: located?.type ?? null,
    },
    message: `The hash chain breaks at position ${result.position} (event ${result.eventId}${located ? `, ${located.streamId}@${located.revision} ${located.type}` : ''}): that event was altered, removed or reordered after it was recorded`,
  };
}
