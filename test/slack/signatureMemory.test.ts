/**
 * The replay guard's memory of accepted signatures: a replay within the window is recognized, and signatures are
 * forgotten once out of the window or beyond the bound, oldest first, exactly as a Map in arrival order would.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSignatureMemory, SIGNATURE_BYTES } from '../../adapters/slack/signatureMemory.js';

/** A signature; with `home`, its first four bytes (its place in the hash table) are that value's, so many collide. */
function signature(home?: number): Uint8Array {
  const bytes = randomBytes(SIGNATURE_BYTES);
  if (home !== undefined) bytes.writeUInt32LE(home, 0);
  return bytes;
}

const key = (s: Uint8Array) => Buffer.from(s).toString('hex');

describe('signature memory', () => {
  it('recognizes a signature it accepted, and reports its replay once', () => {
    const memory = createSignatureMemory(100);
    const accepted = signature();
    expect(memory.has(accepted)).toBe(false);
    memory.add(accepted, 1000);
    expect(memory.has(Buffer.from(accepted))).toBe(true);
    expect(memory.has(signature())).toBe(false);
    expect(memory.firstReport(accepted)).toBe(true);
    expect(memory.firstReport(accepted)).toBe(false);
  });

  it('forgets the oldest beyond its bound and whatever is older than asked', () => {
    const memory = createSignatureMemory(3);
    const [a, b, c, d] = [signature(), signature(), signature(), signature()];
    memory.add(a, 10);
    memory.add(b, 11);
    memory.add(c, 12);
    memory.add(d, 13);
    expect([a, b, c, d].map((s) => memory.has(s))).toEqual([false, true, true, true]);
    memory.forgetBefore(13);
    expect([b, c, d].map((s) => memory.has(s))).toEqual([false, false, true]);
    expect(memory.size).toBe(1);
  });

  it('agrees with a Map in arrival order over many arrivals, colliding and expiring ones included', () => {
    // The third keeps 2,000 at once, past the hash table's first size, so the table grows under it.
    for (const { colliding, max, window } of [
      { colliding: false, max: 64, window: 20 },
      { colliding: true, max: 64, window: 20 },
      { colliding: true, max: 2_000, window: Number.POSITIVE_INFINITY },
    ]) {
      const memory = createSignatureMemory(max);
      const model = new Map<string, number>();
      const all: Uint8Array[] = [];
      let now = 0;
      for (let step = 0; step < 5_000; step++) {
        now += Math.random() < 0.3 ? 1 : 0;
        // Colliding: 8 home values only, so long probe runs form and deletions must close their gaps.
        const s = signature(colliding ? (step % 8) * 0x01010101 : undefined);
        all.push(s);
        memory.add(s, now);
        model.set(key(s), now);
        if (model.size > max) model.delete(model.keys().next().value!);
        memory.forgetBefore(now - window);
        for (const [k, t] of model) {
          if (t >= now - window) break;
          model.delete(k);
        }
        if (step % 97 === 0) {
          for (const old of all.slice(-300)) expect(memory.has(old)).toBe(model.has(key(old)));
          expect(memory.size).toBe(model.size);
        }
      }
    }
  });

  it('remembers nothing with a bound of zero', () => {
    const memory = createSignatureMemory(0);
    const s = signature();
    memory.add(s, 1);
    expect(memory.has(s)).toBe(false);
  });
});
