/** Rows one batched INSERT takes at most: well under SQLite's and PostgreSQL's limits on bound parameters. */
export const WRITE_BATCH_MAX_ROWS = 500;

/**
 * Shortest time between two batched writes. A write is a commit, and SQLite commits on the thread that answers:
 * a row written alone cost about 200 µs of it, one of ten about 80 µs, one of fifty about 40 µs (better-sqlite3,
 * WAL). Under load the rows of this long go out together; a row arriving after a quiet spell is written on the next
 * turn. A caller that waits for each row before recording the next waits up to this long each time.
 */
export const WRITE_BATCH_INTERVAL_MS = 50;

export interface WriteBatch<Row> {
  /** Queues a row; resolves once it is written, or rejects with its batch's error. */
  add(row: Row): Promise<void>;
  /** Writes every row queued now, and resolves once every write begun so far has ended (before closing). */
  flush(): Promise<void>;
}

/**
 * Gathers rows and writes them with one call of `write` (one INSERT of many rows), at most
 * {@link WRITE_BATCH_MAX_ROWS} at a time and at most one write per {@link WRITE_BATCH_INTERVAL_MS}, so a burst of
 * declined questions is a few statements instead of one each.
 */
export function createWriteBatch<Row>(
  write: (rows: Row[]) => Promise<unknown>,
  intervalMs = WRITE_BATCH_INTERVAL_MS,
): WriteBatch<Row> {
  let pending: { row: Row; done: () => void; failed: (error: unknown) => void }[] = [];
  const writing = new Set<Promise<void>>();
  let lastWrite = Number.NEGATIVE_INFINITY;
  let cancel: (() => void) | undefined;

  const writeNow = () => {
    cancel?.();
    cancel = undefined;
    lastWrite = performance.now();
    const batch = pending.slice(0, WRITE_BATCH_MAX_ROWS);
    pending = pending.slice(batch.length);
    // More than one batch holds: the rest goes out on the next turn.
    if (pending.length > 0) schedule(0);
    const written = write(batch.map((p) => p.row)).then(
      () => {
        for (const p of batch) p.done();
      },
      (error: unknown) => {
        for (const p of batch) p.failed(error);
      },
    );
    writing.add(written);
    void written.finally(() => writing.delete(written));
  };

  const schedule = (waitMs: number) => {
    if (cancel) return;
    if (waitMs <= 0) {
      const immediate = setImmediate(writeNow);
      cancel = () => clearImmediate(immediate);
    } else {
      const timer = setTimeout(writeNow, waitMs);
      cancel = () => clearTimeout(timer);
    }
  };

  return {
    add: (row) =>
      new Promise<void>((done, failed) => {
        pending.push({ row, done, failed });
        schedule(lastWrite + intervalMs - performance.now());
      }),
    async flush() {
      while (pending.length > 0) writeNow();
      await Promise.all(writing);
    },
  };
}
