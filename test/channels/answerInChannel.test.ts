/**
 * Answers in a channel from a corpus laid out in folders and tags (copies of the real documents), so a corpus
 * scope, the confidence bar and the thread context can each be seen to change the answer.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.js';
import { answerInChannel } from '../../src/channels/answerInChannel.js';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { buildIndex, type SearchIndex } from '../../src/search/buildIndex.js';
import { CORPUS_DIR } from '../support/testCore.js';

const DEVOPS = 'what does a DevOps developer do';
let dir: string;
let index: SearchIndex;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scoped-corpus-'));
  mkdirSync(join(dir, 'roles'));
  mkdirSync(join(dir, 'practice'));
  // The document that answers "DevOps developer" best lives under roles/; a second copy, tagged, under practice/.
  const roles = readFileSync(join(CORPUS_DIR, 'what-does-a-back-end-developer-do.md'), 'utf8');
  writeFileSync(join(dir, 'roles', 'roles.md'), roles);
  const tagged = readFileSync(join(CORPUS_DIR, 'core-responsibilities-of-a-backend-developer.md'), 'utf8').replace(
    /^---\n/,
    '---\ntags: [Platform, ops]\n',
  );
  writeFileSync(join(dir, 'practice', 'practice.md'), tagged);
  index = buildIndex(await loadCorpus(dir));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files = (answer: ReturnType<typeof answerInChannel>['answer']) =>
  answer.passages.map((p) => index.documentsById.get(p.citation.docId)!.file);

describe('answering in a channel', () => {
  it('without a scope, answers like /backend', () => {
    const asked = answerQuestion(index, DEVOPS, { publicUrl: 'https://x.example' });
    const { answer } = answerInChannel(index, DEVOPS, { publicUrl: 'https://x.example' });
    expect(answer.passages.map((p) => p.passageId)).toEqual(asked.passages.map((p) => p.passageId));
    expect(files(answer)[0]).toBe('roles/roles.md');
  });

  it('answers only from documents under the scope’s folders', () => {
    const { answer } = answerInChannel(index, DEVOPS, {
      publicUrl: 'https://x.example',
      scope: { folders: ['practice'], tags: [] },
    });
    expect(answer.declined).toBe(false);
    expect(new Set(files(answer))).toEqual(new Set(['practice/practice.md']));
  });

  it('answers only from documents with the scope’s tags, in any case', () => {
    const { answer } = answerInChannel(index, DEVOPS, {
      publicUrl: 'https://x.example',
      scope: { folders: [], tags: ['platform'] },
    });
    expect(new Set(files(answer))).toEqual(new Set(['practice/practice.md']));
  });

  it('declines when nothing in scope answers', () => {
    const { answer } = answerInChannel(index, DEVOPS, {
      publicUrl: 'https://x.example',
      scope: { folders: ['frontend'], tags: ['css'] },
    });
    expect(answer.declined).toBe(true);
    expect(answer.passages).toEqual([]);
  });

  it('declines below the channel’s confidence bar, which /backend would have answered', () => {
    const question = 'Hello from the new hire: what does a DevOps developer do?';
    const asked = answerQuestion(index, question, { publicUrl: 'https://x.example' });
    const { answer, confidence } = answerInChannel(index, question, { publicUrl: 'https://x.example' });
    expect(asked.declined).toBe(false);
    expect(answer.declined).toBe(false);
    expect(confidence).toBeLessThan(1);
    const strict = answerInChannel(index, question, {
      publicUrl: 'https://x.example',
      minConfidence: confidence + 0.01,
    });
    expect(strict.answer.declined).toBe(true);
  });

  it('reads a forum post’s title with its starter message, and does not let a vague title drown the question', () => {
    const { answer } = answerInChannel(index, 'Quick one for the team', {
      publicUrl: 'https://x.example',
      details: `${DEVOPS}?`,
    });
    expect(answer.declined).toBe(false);
    expect(answer.question).toBe('Quick one for the team');
    expect(answer.passages[0]!.citation.section).toMatch(/DevOps Developer/);
  });
});
