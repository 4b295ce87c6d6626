/** Where the committed figures live: only a full run may replace them. */
export const COMMITTED_RESULTS_DIR = 'bench';

/**
 * Where a run writes results.md and retrieval.svg: `--out` when given; otherwise bench/ for a full run of every
 * comparison, and nowhere for a `--quick` or `--only` run (it only prints), so the committed figures always come from
 * one whole run.
 */
export function resultsDir(options: {
  quick: boolean;
  partial?: boolean;
  out?: string | undefined;
}): string | undefined {
  if (options.out !== undefined) return options.out;
  return options.quick || options.partial ? undefined : COMMITTED_RESULTS_DIR;
}
