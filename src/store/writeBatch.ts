/** Rows one batched INSERT takes at most: well under SQLite's and PostgreSQL's limits on bound parameters. */
export const WRITE_BATCH_MAX_ROWS = 500;

/**
 * Gathers the rows added within one event-loop turn and writes them with one call of `write` (one INSERT of many
 * rows), at most {@link WRITE_BATCH_MAX_ROWS} at a time. Under load that is one statement for many declined
 * questions instead of one each; alone, a row is written on the next turn. Each `add` resolves once its row is
 * written, or rejects with its batch's error.
 */
export function createWriteBatch<Row>(write: (rows: Row[]) => Promise<unknown>): (row: Row) => Promise<void> {
  let pending: { row: Row; done: () => void; failed: (error: unknown) => void }[] = [];
  const flush = () => {
    const batch = pending.slice(0, WRITE_BATCH_MAX_ROWS);
    pending = pending.slice(batch.length);
    if (pending.length > 0) setImmediate(flush);
    write(batch.map((p) => p.row)).then(
      () => {
        for (const p of batch) p.done();
      },
      (error: unknown) => {
        for (const p of batch) p.failed(error);
      },
    );
  };
  return (row) =>
    new Promise<void>((done, failed) => {
      if (pending.push({ row, done, failed }) === 1) setImmediate(flush);
    });
}
