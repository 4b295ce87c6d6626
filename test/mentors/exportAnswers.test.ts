import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { mentorAnswerMarkdown } from '../../src/mentors/exportAnswer.js';
import type { MentorAnswer } from '../../src/mentors/types.js';
import { openSqliteStore } from '../support/sqliteStore.js';

const ROOT = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'export-answers-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const answer = (id: string, over: Partial<MentorAnswer> = {}): MentorAnswer => ({
  id,
  question: 'How do I get: access to the "staging" VPN?',
  text: 'Ask in #it-help for a staging VPN profile: IT sends a WireGuard config within one working day.',
  mentor: { id: 'U9', name: 'Ana: Lima' },
  date: '2026-11-28T09:30:00.000Z',
  state: 'live',
  ...over,
});

describe('npm run export-answers', () => {
  it('renders front matter the corpus loader reads back, and the answer verbatim', () => {
    const { file, text } = mentorAnswerMarkdown(answer('abc'));
    expect(file).toBe('how-do-i-get-access-to-the-staging-vpn-abc.md');
    expect(text).toContain('question: \'How do I get: access to the "staging" VPN?\'');
  });

  it('writes each live answer as a Markdown file that loads as a corpus document', async () => {
    const dataDir = scratch();
    const out = join(scratch(), 'review');
    const store = await openSqliteStore(dataDir);
    await store.mentorAnswers.create(answer('a1'));
    await store.mentorAnswers.create(answer('a2', { question: 'who approves deploys', text: 'Your lead does.' }));
    await store.mentorAnswers.create(answer('a3', { question: 'old', state: 'retired' }));
    await store.close();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'adapters', 'cli', 'exportAnswers.ts'), '--out', out],
      { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, CORPUS_DIR: join(ROOT, 'corpus'), DATABASE_URL: '' } },
    );
    expect(stdout).toBe(`Wrote 2 mentor answers to ${out}\n`);
    expect(readdirSync(out).sort()).toEqual([
      'how-do-i-get-access-to-the-staging-vpn-a1.md',
      'who-approves-deploys-a2.md',
    ]);
    const corpus = await loadCorpus(out);
    expect(corpus.warnings).toEqual([]);
    const vpn = corpus.documents.find((d) => d.file.endsWith('-a1.md'))!;
    expect(vpn.meta).toMatchObject({
      title: 'How do I get: access to the "staging" VPN?',
      author: 'Ana: Lima',
      date: '2026-11-28',
    });
    expect(corpus.passages.map((p) => p.text)).toContain(answer('a1').text);
  }, 30_000);
});
