import { createHash, hash as oneShotHash } from 'node:crypto';

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
  // The previous hash and the canonical bytes go into one buffer and one one-shot digest: no Hash
  // object per event (this runs once per appended event inside the write transaction).
  const input = writeCanonicalEventBytes(event, HASH_BYTES);
  input.set(previousHash, 0);
  return oneShotHash === undefined
    ? createHash('sha256').update(input).digest()
    : oneShotHash('sha256', input, 'buffer');
}

/**
 * The canonical bytes, written into one buffer sized up front: no per-field buffers and no
 * concatenation.
 */
export function canonicalEventBytes(event: ChainedEventFields): Buffer {
  return writeCanonicalEventBytes(event, 0);
}

/** The canonical bytes after `prefixBytes` bytes left for the caller to fill. */
function writeCanonicalEventBytes(event: ChainedEventFields, prefixBytes: number): Buffer {
  checkUint64(event.position);
  checkUint64(event.revision);
  const size =
    prefixBytes +
    1 +
    8 +
    8 +
    6 * 4 +
    Buffer.byteLength(event.eventId, 'utf8') +
    Buffer.byteLength(event.streamId, 'utf8') +
    Buffer.byteLength(event.type, 'utf8') +
    Buffer.byteLength(event.dataJson, 'utf8') +
    Buffer.byteLength(event.metadataJson, 'utf8') +
    Buffer.byteLength(event.recordedAt, 'utf8');
  const bytes = Buffer.allocUnsafe(size);
  let offset = bytes.writeUInt8(CANONICAL_FORMAT_VERSION, prefixBytes);
  offset = writeUint64(bytes, event.position, offset);
  offset = writeText(bytes, event.eventId, offset);
  offset = writeText(bytes, event.streamId, offset);
  offset = writeUint64(bytes, event.revision, offset);
  offset = writeText(bytes, event.type, offset);
  offset = writeText(bytes, event.dataJson, offset);
  offset = writeText(bytes, event.metadataJson, offset);
  offset = writeText(bytes, event.recordedAt, offset);
  if (offset !== size) throw new Error(`Canonical event bytes: wrote ${offset} of ${size} bytes`);
  return bytes;
}

function checkUint64(value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Not a non-negative safe integer: ${value}`);
}

/** Big-endian u64 of a safe integer, as two u32 halves (no BigInt). */
function writeUint64(bytes: Buffer, value: number, offset: number): number {
  const high = Math.floor(value / 0x1_0000_0000);
  bytes.writeUInt32BE(high, offset);
  return bytes.writeUInt32BE(value - high * 0x1_0000_0000, offset + 4);
}

/** u32 length + UTF-8, the text written in place and its length filled in behind it. */
function writeText(bytes: Buffer, text: string, offset: number): number {
  const length = bytes.write(text, offset + 4, 'utf8');
  bytes.writeUInt32BE(length, offset);
  return offset + 4 + length;
}
