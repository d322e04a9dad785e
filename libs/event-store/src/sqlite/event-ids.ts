import { createHash, randomFillSync } from 'node:crypto';

/**
 * Time-ordered event ids: UUID version 7 (RFC 9562), 48 bits of Unix milliseconds, a 12-bit
 * sequence that keeps ids from this process strictly increasing within a millisecond, and 62
 * random bits. They are ordinary UUIDs to every reader; to the log's unique index on event_id they
 * are (nearly) append-only, so a commit of many events dirties a page or two of that index instead
 * of one random page per event, which is most of what a commit writes and fsyncs.
 */

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const RANDOM_POOL_IDS = 512;
const randomPool = Buffer.alloc(8 * RANDOM_POOL_IDS);
let randomOffset = randomPool.length;
let lastMs = -1;
let sequence = 0;

export function newEventId(): string {
  let ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    sequence = 0;
  } else {
    // Same millisecond (or the clock stepped back): count on; borrow the next millisecond when full.
    sequence += 1;
    if (sequence > 0xfff) {
      lastMs += 1;
      sequence = 0;
    }
    ms = lastMs;
  }
  if (randomOffset + 8 > randomPool.length) {
    randomFillSync(randomPool);
    randomOffset = 0;
  }
  const r = randomOffset;
  randomOffset += 8;
  const high = Math.floor(ms / 0x1_0000_0000);
  const low = ms - high * 0x1_0000_0000;
  return (
    HEX[(high >>> 8) & 0xff]! +
    HEX[high & 0xff]! +
    HEX[(low >>> 24) & 0xff]! +
    HEX[(low >>> 16) & 0xff]! +
    '-' +
    HEX[(low >>> 8) & 0xff]! +
    HEX[low & 0xff]! +
    '-' +
    HEX[0x70 | (sequence >>> 8)]! +
    HEX[sequence & 0xff]! +
    '-' +
    HEX[0x80 | (randomPool[r]! & 0x3f)]! +
    HEX[randomPool[r + 1]!]! +
    '-' +
    HEX[randomPool[r + 2]!]! +
    HEX[randomPool[r + 3]!]! +
    HEX[randomPool[r + 4]!]! +
    HEX[randomPool[r + 5]!]! +
    HEX[randomPool[r + 6]!]! +
    HEX[randomPool[r + 7]!]!
  );
}

/** Namespace of the ledger's name-based event ids (a random UUID, fixed forever). */
const COMMAND_EVENT_NAMESPACE = Buffer.from('6f1c2b4e9a3d4c5e8f7a0b1c2d3e4f50', 'hex');

/**
 * A name-based event id (UUID version 5, RFC 9562): the SHA-1 of the ledger's namespace and
 * (command id, stream, index of the event in the command's append). The same command appending
 * the same events to the same stream gets the same ids in every attempt and every process.
 */
export function commandEventId(commandId: string, streamId: string, index: number): string {
  const digest = createHash('sha1')
    .update(COMMAND_EVENT_NAMESPACE)
    .update(`${commandId}\u0000${streamId}\u0000${index}`)
    .digest();
  digest[6] = (digest[6]! & 0x0f) | 0x50;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = digest.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
