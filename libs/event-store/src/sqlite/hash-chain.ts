import { createHash } from 'node:crypto';

/**
 * Tamper evidence for the embedded log. Each event's hash is
 *   sha256(previous event's hash || canonical bytes of the event)
 * and the first event chains from 32 zero bytes. Changing, removing or reordering any stored
 * event breaks the chain from that event on.
 *
 * Canonical bytes (format version 1), all integers big-endian:
 *   u8 format version (1)
 *   u64 position
 *   u32 length + UTF-8  event id
 *   u32 length + UTF-8  stream id
 *   u64 revision
 *   u32 length + UTF-8  type
 *   u32 length + UTF-8  data (the stored canonical JSON text)
 *   u32 length + UTF-8  metadata (the stored canonical JSON text)
 *   u32 length + UTF-8  recorded at (ISO 8601 UTC, as stored)
 * Length prefixes make the encoding unambiguous: no two different events share bytes.
 * Changing this layout invalidates every stored chain, so a new layout needs a new version byte.
 */

export const HASH_BYTES = 32;
export const GENESIS_HASH: Buffer = Buffer.alloc(HASH_BYTES);
const CANONICAL_FORMAT_VERSION = 1;

export interface ChainedEventFields {
  position: number;
  eventId: string;
  streamId: string;
  revision: number;
  type: string;
  dataJson: string;
  metadataJson: string;
  recordedAt: string;
}

export function chainHash(previousHash: Uint8Array, event: ChainedEventFields): Buffer {
  if (previousHash.length !== HASH_BYTES) {
    throw new RangeError(`Previous hash must be ${HASH_BYTES} bytes, got ${previousHash.length}`);
  }
  return createHash('sha256').update(previousHash).update(canonicalEventBytes(event)).digest();
}

export function canonicalEventBytes(event: ChainedEventFields): Buffer {
  return Buffer.concat([
    Buffer.from([CANONICAL_FORMAT_VERSION]),
    uint64(event.position),
    lengthPrefixed(event.eventId),
    lengthPrefixed(event.streamId),
    uint64(event.revision),
    lengthPrefixed(event.type),
    lengthPrefixed(event.dataJson),
    lengthPrefixed(event.metadataJson),
    lengthPrefixed(event.recordedAt),
  ]);
}

function uint64(value: number): Buffer {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Not a non-negative safe integer: ${value}`);
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(value));
  return bytes;
}

function lengthPrefixed(text: string): Buffer {
  const utf8 = Buffer.from(text, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(utf8.length);
  return Buffer.concat([length, utf8]);
}
