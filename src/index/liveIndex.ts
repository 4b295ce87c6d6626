import { watch, type FSWatcher } from 'chokidar';
import { BotError } from '../errors.js';
import type { Logger } from '../log.js';
import type { SearchIndex } from '../search/buildIndex.js';
import { buildIndexInWorker } from './buildIndexFromFolder.js';

/** Quiet time after the last change before rebuilding: an editor's save or a `git pull` is many events. */
export const RELOAD_DEBOUNCE_MS = 300;

/** Deepest subfolder the watcher descends into: a bound on what it may watch, far past any real docs tree. */
export const MAX_WATCH_DEPTH = 16;

/** What to watch, what to serve meanwhile, and whom to tell about swaps and failures. */
export interface LiveIndexOptions {
  dir: string;
  /** The index to serve until the first rebuild. */
  initial: SearchIndex;
  logger: Logger;
  /** Builds a fresh index from the folder (default: on a worker thread); aborted by close(). */
  rebuild?: (signal: AbortSignal) => Promise<SearchIndex>;
  debounceMs?: number;
  /** Told about each index swapped in (for the corpus gauges). */
  onSwap?: (index: SearchIndex) => void;
  /** Told about each rebuild that failed and left the old index in service. */
  onFailure?: (error: unknown) => void;
}

/** The index being served, replaced whole when the corpus folder changes. */
export interface LiveIndex {
  /** The current index; read it per question, never keep it. */
  readonly current: SearchIndex;
  /** How many indexes have been swapped in since start. */
  readonly generation: number;
  /** Starts watching the folder; resolves once the watcher is listening. */
  watch(): Promise<void>;
  /** Rebuilds now; true when a new index was swapped in, false when the old one was kept. */
  reload(): Promise<boolean>;
  /** Stops watching and cancels a rebuild under way; the current index stays readable. */
  close(): Promise<void>;
}

/**
 * Keeps questions answered while the corpus changes: rebuilds run in the background, off the request path,
 * and the new index replaces the old in one assignment, so a question sees either the old corpus or the new,
 * never half of each. A failed rebuild keeps the old index and logs why.
 */
export function createLiveIndex(options: LiveIndexOptions): LiveIndex {
  const log = options.logger.child({ component: 'corpus' });
  const rebuild = options.rebuild ?? ((signal: AbortSignal) => buildIndexInWorker(options.dir, signal));
  const stopping = new AbortController();
  const debounceMs = options.debounceMs ?? RELOAD_DEBOUNCE_MS;
  let current = options.initial;
  let generation = 0;
  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<boolean> | undefined;
  let again = false;
  let closed = false;

  async function reloadOnce(): Promise<boolean> {
    const started = performance.now();
    try {
      const next = await rebuild(stopping.signal);
      if (stopping.signal.aborted) return false;
      current = next;
      generation++;
      for (const w of next.corpus.warnings) {
        log.warn({ file: w.file, code: w.code }, `skipped corpus file ${w.file}: ${w.message}`);
      }
      log.info(
        {
          documents: next.corpus.documents.length,
          passages: next.corpus.passages.length,
          skipped: next.corpus.warnings.length,
          ms: Math.round(performance.now() - started),
        },
        'corpus reloaded',
      );
      options.onSwap?.(next);
      return true;
    } catch (error) {
      if (stopping.signal.aborted) return false;
      log.error(
        { err: error, code: error instanceof BotError ? error.code : 'INDEX_LOAD_FAILED' },
        'corpus reload failed; still serving the previous index',
      );
      options.onFailure?.(error);
      return false;
    }
  }

  function reload(): Promise<boolean> {
    if (running) {
      // A change during a rebuild may have been read too late: build once more when this one ends.
      again = true;
      return running;
    }
    running = (async () => {
      let swapped = false;
      do {
        again = false;
        swapped = (await reloadOnce()) || swapped;
      } while (again && !closed);
      return swapped;
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  function schedule(event: string, path: string): void {
    log.debug({ event, path }, 'corpus folder changed');
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), debounceMs);
  }

  return {
    get current() {
      return current;
    },
    get generation() {
      return generation;
    },
    watch(): Promise<void> {
      if (watcher) return Promise.resolve();
      // Every event counts, hidden names included: Kubernetes swaps mounted folders through a `..data` symlink.
      // Links are watched as links, never followed: one to a large folder elsewhere (`ln -s /usr`) would have the
      // watcher walk and hold all of it. Swapping a link's target is still an event on the link.
      watcher = watch(options.dir, {
        ignoreInitial: true,
        followSymlinks: false,
        depth: MAX_WATCH_DEPTH,
        ignored: (path) => /(^|[/\\])(node_modules|\.git)([/\\]|$)/.test(path),
      });
      watcher.on('all', schedule);
      watcher.on('error', (error) => log.warn({ err: error }, 'corpus watcher error'));
      const ready = watcher;
      return new Promise((resolve) => ready.once('ready', () => resolve()));
    },
    reload,
    async close(): Promise<void> {
      closed = true;
      clearTimeout(timer);
      stopping.abort();
      await watcher?.close();
      await running;
    },
  };
}
