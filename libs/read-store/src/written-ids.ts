/**
 * The documents a slot caught up from zero has written so far, as a Bloom filter: `mayHold` is
 * false only for a key never added, so a read of such a document can skip the store (it cannot be
 * there: the slot started empty and only its own writer writes it). Most reads of a rebuild are of
 * documents not written yet (an invoice's first movement, a customer's first invoice); each was a
 * look-up in the store that found nothing. The filter's size is fixed: past its design load it
 * answers "maybe" more often, never wrongly "no".
 */
export class WrittenIds {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  /** @param log2Bits size of the filter, 2^log2Bits bits (2^23: 1 MiB, about 0.1 % false "maybe" at 500,000 keys) */
  constructor(log2Bits = 23) {
    if (!Number.isSafeInteger(log2Bits) || log2Bits < 10 || log2Bits > 30) {
      throw new RangeError(`log2Bits must be an integer from 10 to 30, got ${String(log2Bits)}`);
    }
    this.bits = new Uint32Array(2 ** (log2Bits - 5));
    this.mask = 2 ** log2Bits - 1;
  }

  add(key: string): void {
    const [first, step] = hashes(key);
    for (let probe = 0, bit = first; probe < PROBES; probe++, bit = (bit + step) | 0) {
      const index = bit & this.mask;
      this.bits[index >>> 5]! |= 1 << (index & 31);
    }
  }

  /** False: the key was never added. True: it may have been. */
  mayHold(key: string): boolean {
    const [first, step] = hashes(key);
    for (let probe = 0, bit = first; probe < PROBES; probe++, bit = (bit + step) | 0) {
      const index = bit & this.mask;
      if ((this.bits[index >>> 5]! & (1 << (index & 31))) === 0) return false;
    }
    return true;
  }
}

const PROBES = 4;
const hashPair: [number, number] = [0, 0];

/** Two 32-bit hashes of the key (FNV-1a and a multiplicative one), for double hashing; the step is odd. */
function hashes(key: string): [number, number] {
  let fnv = 0x811c9dc5;
  let other = 0x9e3779b9;
  for (let index = 0; index < key.length; index++) {
    const code = key.charCodeAt(index);
    fnv = Math.imul(fnv ^ code, 0x01000193);
    other = Math.imul(other ^ code, 0x5bd1e995);
    other ^= other >>> 15;
  }
  hashPair[0] = fnv;
  hashPair[1] = other | 1;
  return hashPair;
}
