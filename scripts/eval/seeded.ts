/** A small seeded generator (a linear congruential one): the same seed gives the same choices on every machine. */
export function seeded(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    // The high bits: the low bits of this generator repeat with a short period.
    return Math.floor((state / 2 ** 31) * n);
  };
}
