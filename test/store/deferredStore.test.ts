import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deferStore } from '../../src/store/deferredStore.js';
import { openSqliteStore } from '../support/sqliteStore.js';

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'deferred-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('a store opened after start-up (deferStore)', () => {
  it('is unavailable and touches no file until opened, then ready', async () => {
    const dataDir = freshDir();
    const deferred = deferStore('sqlite', () => openSqliteStore(dataDir));
    expect(deferred.store.kind).toBe('sqlite');
    expect(deferred.store.status()).toBe('unavailable');
    expect(readdirSync(dataDir)).toEqual([]);
    await deferred.open();
    expect(deferred.store.status()).toBe('ready');
    await deferred.store.close();
  });

  it('keeps a vote cast before the database was open, and reads it back through the store', async () => {
    const dataDir = freshDir();
    let opens = 0;
    const deferred = deferStore('sqlite', () => {
      opens++;
      return openSqliteStore(dataDir);
    });
    const vote = { platform: 'web', question: 'what is devops', passageId: 'roles#3', helpful: false } as const;
    await Promise.all([deferred.store.votes.record(vote), deferred.open(), deferred.open()]);
    const report = await deferred.store.insights.report();
    expect(report.mostNotHelpful).toEqual([{ passageId: 'roles#3', notHelpful: 1, helpful: 0 }]);
    expect(opens).toBe(1);
    await deferred.store.close();
  });

  it('closes without opening when it was never used', async () => {
    const dataDir = freshDir();
    const deferred = deferStore('sqlite', () => openSqliteStore(dataDir));
    await deferred.store.close();
    expect(readdirSync(dataDir)).toEqual([]);
    expect(deferred.store.status()).toBe('unavailable');
  });
});
