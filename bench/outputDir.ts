/** Where the committed figures live: only a full run may replace them. */
export const COMMITTED_RESULTS_DIR = 'bench';

/**
 * Where a run writes results.md and retrieval.svg: `--out` when given; otherwise bench/ for a full run, and nowhere
 * for a `--quick` run (it only prints), so a quick check never overwrites the committed figures.
 */
export function resultsDir(options: { quick: boolean; out?: string | undefined }): string | undefined {
  if (options.out !== undefined) return options.out;
  return options.quick ? undefined : COMMITTED_RESULTS_DIR;
}
