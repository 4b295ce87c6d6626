/** Bytes of a v0 signature (an HMAC-SHA256). */
export const SIGNATURE_BYTES = 32;

/** Slots the hash table starts with; it doubles as signatures arrive, so a quiet bot holds a few kilobytes. */
const FIRST_SLOTS = 1_024;

/**
 * The signatures a replay guard accepted, oldest first, at most `max` of them, in typed arrays outside the JavaScript
 * heap: a ring of the raw signatures with their timestamps, and an open-addressing hash table (linear probing) of
 * ring positions. A Map of latin1 strings held about 85 bytes of heap each (8 MB at 100,000), and V8 let the old
 * generation grow to several times what lives there before collecting; this holds 41 bytes each plus the table, none
 * of it on the heap. Signatures are HMAC outputs, uniformly random, so their first four bytes are the hash.
 */
export function createSignatureMemory(max: number) {
  const ring = new Uint8Array(max * SIGNATURE_BYTES);
  const timestamps = new Float64Array(max);
  const reported = new Uint8Array(max);
  const maxSlots = 2 ** Math.ceil(Math.log2(Math.max(FIRST_SLOTS, 2 * max)));
  // Ring position + 1 at each slot; 0 = empty.
  let slots = new Int32Array(Math.min(FIRST_SLOTS, maxSlots));
  let mask = slots.length - 1;
  // The oldest entry's ring position, and how many there are.
  let tail = 0;
  let count = 0;

  const homeOf = (bytes: Uint8Array, at: number) =>
    (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) & mask;

  const sameAt = (position: number, signature: Uint8Array) => {
    const at = position * SIGNATURE_BYTES;
    for (let i = 0; i < SIGNATURE_BYTES; i++) if (ring[at + i] !== signature[i]) return false;
    return true;
  };

  /** The slot holding `signature`, or -1. */
  const slotOf = (signature: Uint8Array): number => {
    for (let slot = homeOf(signature, 0); slots[slot] !== 0; slot = (slot + 1) & mask) {
      if (sameAt(slots[slot]! - 1, signature)) return slot;
    }
    return -1;
  };

  const place = (position: number) => {
    let slot = homeOf(ring, position * SIGNATURE_BYTES);
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = position + 1;
  };

  const grow = () => {
    slots = new Int32Array(slots.length * 2);
    mask = slots.length - 1;
    for (let k = 0; k < count; k++) place((tail + k) % max);
  };

  /** Removes the oldest entry, closing the gap it leaves in its probe run (backward-shift deletion). */
  const dropOldest = () => {
    let hole = homeOf(ring, tail * SIGNATURE_BYTES);
    while (slots[hole] !== tail + 1) hole = (hole + 1) & mask;
    for (let next = (hole + 1) & mask; slots[next] !== 0; next = (next + 1) & mask) {
      const home = homeOf(ring, (slots[next]! - 1) * SIGNATURE_BYTES);
      // The entry at `next` may move into the hole unless its home lies cyclically in (hole, next].
      const stays = hole <= next ? hole < home && home <= next : hole < home || home <= next;
      if (stays) continue;
      slots[hole] = slots[next]!;
      hole = next;
    }
    slots[hole] = 0;
    tail = (tail + 1) % max;
    count--;
  };

  return {
    get size() {
      return count;
    },
    /** Whether `signature` (SIGNATURE_BYTES bytes) is remembered. */
    has(signature: Uint8Array): boolean {
      return slotOf(signature) >= 0;
    },
    /** Remembers a signature not remembered yet, forgetting the oldest when `max` are. */
    add(signature: Uint8Array, timestamp: number): void {
      if (max <= 0) return;
      if (count === max) dropOldest();
      if (2 * (count + 1) > slots.length && slots.length < maxSlots) grow();
      const position = (tail + count) % max;
      ring.set(signature.subarray(0, SIGNATURE_BYTES), position * SIGNATURE_BYTES);
      timestamps[position] = timestamp;
      reported[position] = 0;
      count++;
      place(position);
    },
    /** Forgets, oldest first, every signature dated before `oldest`. */
    forgetBefore(oldest: number): void {
      while (count > 0 && timestamps[tail]! < oldest) dropOldest();
    },
    /** Marks a remembered signature's replay as reported; true the first time. */
    firstReport(signature: Uint8Array): boolean {
      const slot = slotOf(signature);
      if (slot < 0) return false;
      const position = slots[slot]! - 1;
      if (reported[position] === 1) return false;
      reported[position] = 1;
      return true;
    },
  };
}
