import { performance } from 'node:perf_hooks';

/** Latency figures of one series of timed calls, in milliseconds. */
export interface Latency {
  samples: number;
  medianMs: number;
  p99Ms: number;
  meanMs: number;
}

/** The value at quantile q (0..1) of sorted numbers, nearest-rank: p99 of 5,000 samples is the 4,950th. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

/** Median of unsorted numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median, p99 and mean of per-call durations. */
export function latencyOf(durationsMs: readonly number[]): Latency {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    samples: sorted.length,
    medianMs: median(sorted),
    p99Ms: quantile(sorted, 0.99),
    meanMs: sum / sorted.length,
  };
}

/** Counts results in module state, so no engine's work can be optimized away as unused. */
// biome-ignore lint/correctness/noUnusedVariables: written, never read, on purpose (see above).
let sink = 0;

/**
 * Times `call` once per input, after running it untimed over `warmUp` inputs so the JIT and caches settle; each
 * call is timed on its own so the tail (p99) is visible, not averaged away.
 */
export function timeEach<T>(inputs: readonly T[], call: (input: T) => unknown, warmUp: readonly T[] = []): number[] {
  for (const input of warmUp) sink += call(input) === undefined ? 0 : 1;
  const durations = new Array<number>(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const started = performance.now();
    const result = call(inputs[i]!);
    durations[i] = performance.now() - started;
    sink += result === undefined ? 0 : 1;
  }
  return durations;
}

/** Milliseconds a synchronous step takes, with its result. */
export function timed<T>(step: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = step();
  return { result, ms: performance.now() - started };
}
