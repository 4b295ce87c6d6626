import { watch, type FSWatcher } from 'chokidar';
import { BotError } from '../errors.js';
import type { Logger } from '../log.js';
import { buildIndex, type SearchIndex } from '../search/buildIndex.js';
import { loadCorpus, type LoadCorpusOptions } from './loadCorpus.js';

/** Quiet time after the last change before rebuilding: an editor's save or a `git pull` is many events. */
export const RELOAD_DEBOUNCE_MS = 300;

/**
 * Reads the corpus folder and builds its index. A folder in which no file could be used is an error, not
 * an empty index: serving nothing is worse than serving the last good corpus.
 */
export async function buildIndexFromFolder(dir: string, options: LoadCorpusOptions = {}): Promise<SearchIndex> {
  const corpus = await loadCorpus(dir, options);
  if (corpus.documents.length === 0) {
    const detail = corpus.warnings.length > 0 ? `all ${corpus.warnings.length} files were skipped` : 'it has no .md or .txt files';
    throw new BotError('CORPUS_EMPTY', `no usable document in ${dir}: ${detail}`);
  }
  return buildIndex(corpus);
}

export interface LiveIndexOptions {
  dir: string;
  /** The index to serve until the first rebuild. */
  initial: SearchIndex;
  logger: Logger;
  /** Builds a fresh index from the folder; defaults to buildIndexFromFolder. Tests inject failures here. */
  rebuild?: () => Promise<SearchIndex>;
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
  /** Stops watching and waits for a rebuild under way; the current index stays readable. */
  close(): Promise<void>;
}

/**
 * Keeps questions answered while the corpus changes: rebuilds run in the background, off the request path,
 * and the new index replaces the old in one assignment, so a question sees either the old corpus or the new,
 * never half of each. A failed rebuild keeps the old index and logs why.
 */
export function createLiveIndex(options: LiveIndexOptions): LiveIndex {
  const log = options.logger.child({ component: 'corpus' });
  const rebuild = options.rebuild ?? (() => buildIndexFromFolder(options.dir, { logger: log }));
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
      const next = await rebuild();
      current = next;
      generation++;
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
      watcher = watch(options.dir, {
        ignoreInitial: true,
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
      await watcher?.close();
      await running;
    },
  };
}
