/**
 * Tamper evidence: the embedded SQLite log chains every event's hash to the previous one
 * (libs/event-store/src/sqlite/hash-chain.ts), and keeps the chain head in an anchor file beside
 * the log (chain-anchor.ts). Verifying recomputes the chain, names the first event that does not
 * match, and holds the head against the anchor, so events cut off the end are reported too.
 * EventStoreDB keeps no such chain, so there it is reported as not available rather than as "ok".
 */
import type { Storage } from '@ledger/application';
import type { AnchorSummary } from '@ledger/event-store';

interface ChainChecked {
  available: true;
  engine: 'sqlite';
  checked: number;
  headPosition: number;
  /** The chain head kept outside the log; null for a log opened without one. */
  anchor: AnchorSummary | null;
}

export type ChainReport =
  | (ChainChecked & { ok: true })
  | (ChainChecked & {
      ok: false;
      /** altered: an event does not match its chain; truncated/replaced: the head does not match the anchor. */
      reason: 'altered' | 'truncated' | 'replaced';
      /** The first event whose stored hash (or position) does not match the recomputed chain. */
      firstBadEvent: {
        position: number;
        eventId: string;
        streamId: string | null;
        revision: number | null;
        type: string | null;
      } | null;
      message: string;
    })
  | { available: false; engine: 'eventstoredb'; ok: null; message: string };

export const CHAIN_NOT_AVAILABLE_MESSAGE =
  'Hash-chain verification is not available on EventStoreDB: the chain is kept by the embedded SQLite engine only. ' +
  "Rely on EventStoreDB's own storage checksums and access control there.";

export async function verifyChain(storage: Pick<Storage, 'chain' | 'engine'>): Promise<ChainReport> {
  if (!storage.chain)
    return { available: false, engine: 'eventstoredb', ok: null, message: CHAIN_NOT_AVAILABLE_MESSAGE };
  const headPosition = await storage.engine.headPosition();
  const result = await storage.chain.verifyChain();
  if (result.ok)
    return {
      available: true,
      engine: 'sqlite',
      ok: true,
      checked: result.checked,
      headPosition,
      anchor: result.anchor ?? null,
    };
  if (result.reason !== 'altered') {
    const anchor = result.anchor;
    return {
      available: true,
      engine: 'sqlite',
      ok: false,
      reason: result.reason,
      checked: result.checked,
      headPosition,
      anchor,
      firstBadEvent: null,
      message:
        result.reason === 'truncated'
          ? `The log ends at position ${result.headPosition}, but its anchor (${anchor.file}) records position ${anchor.position}, anchored at ${anchor.anchoredAt}: ${anchor.position - result.headPosition} events were cut off the end of the log, or an older copy of it was put back`
          : `The event at position ${anchor.position} does not have the hash the anchor (${anchor.file}) records: the log was replaced by another history`,
    };
  }
  // Best effort: the event's envelope names it for a human; its data may be what was tampered with.
  let located: { streamId: string; revision: number; type: string } | undefined;
  try {
    const [event] = await storage.engine.readAll({ afterPosition: result.position - 1, maxCount: 1 });
    if (event && event.id === result.eventId)
      located = { streamId: event.streamId, revision: event.revision, type: event.type };
  } catch {
    located = undefined;
  }
  return {
    available: true,
    engine: 'sqlite',
    ok: false,
    reason: 'altered',
    checked: result.checked,
    headPosition,
    anchor: null,
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
