import { createRequire } from 'node:module';
import type cliProgress from 'cli-progress';

// Required when a bar is first shown: most starts (a saved index, a container without a terminal) never show one.
const require = createRequire(import.meta.url);

/** Below this many files indexing takes a blink, and a bar would only flash on screen. */
export const PROGRESS_BAR_MIN_FILES = 200;

/** Receives loadCorpus's progress; `stop` clears the bar line. */
export interface ProgressReporter {
  onProgress(done: number, total: number): void;
  stop(): void;
}

/**
 * A progress bar for indexing a large corpus, shown only to a person at a terminal: in a container or CI the
 * stream is not a TTY and the structured logs say what happened.
 */
export function terminalProgress(stream: NodeJS.WriteStream, label: string): ProgressReporter {
  let bar: cliProgress.SingleBar | undefined;
  return {
    onProgress(done, total) {
      if (!bar) {
        if (!stream.isTTY || total < PROGRESS_BAR_MIN_FILES) return;
        const { SingleBar, Presets } = require('cli-progress') as typeof cliProgress;
        bar = new SingleBar(
          {
            stream,
            format: `${label} [{bar}] {percentage}% | {value}/{total} files | ETA {eta}s`,
            hideCursor: true,
            clearOnComplete: true,
          },
          Presets.shades_classic,
        );
        bar.start(total, 0);
      }
      bar.update(done);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
