import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { openFeedbackStore } from '../../src/feedback/sqliteStore.js';

const ROOT = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function runInsights(dataDir: string, ...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'adapters', 'cli', 'insights.ts'), ...args],
    {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, CORPUS_DIR: join(ROOT, 'corpus') },
    },
  );
  return stdout;
}

describe('npm run insights', () => {
  it('prints the declined questions, the least helpful passages and the days as aligned tables', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'insights-cli-'));
    dirs.push(dataDir);
    const store = openFeedbackStore({ dataDir, storeUserIds: false, logger: pino({ level: 'silent' }) });
    store.recordDeclined({ platform: 'slack', question: 'how do I knit a scarf' });
    store.recordDeclined({ platform: 'web', question: 'How do I knit a scarf?' });
    store.recordVote({ platform: 'discord', question: 'devops', passageId: 'roles#20', helpful: false });
    store.close();

    const out = await runInsights(dataDir);
    expect(out).toMatch(/^How do I knit a scarf\? +2 +\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/m);
    expect(out).toMatch(/^roles#20 +1 +0$/m);
    expect(out).toMatch(/^\d{4}-\d{2}-\d{2} +2 +0 +1$/m);

    const json = JSON.parse(await runInsights(dataDir, '--json'));
    expect(json.topDeclined[0]).toMatchObject({ question: 'How do I knit a scarf?', count: 2 });
  }, 15_000);

  it('says so, and creates nothing, when the bot has not stored any feedback yet', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'insights-cli-')), 'missing');
    dirs.push(dataDir);
    expect(await runInsights(dataDir)).toContain('No feedback yet');
    expect(existsSync(dataDir)).toBe(false);
  }, 15_000);
});
