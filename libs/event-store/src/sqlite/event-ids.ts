import { randomFillSync } from 'node:crypto';

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
