import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion, PASSAGES_PER_ANSWER } from '../../src/answer/answerQuestion.js';
import { makeSnippet, SNIPPET_MAX } from '../../src/answer/snippet.js';
import { toAnswerJson } from '../../src/answer/toAnswerJson.js';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { buildIndex, type SearchIndex } from '../../src/search/buildIndex.js';
import { MAX_QUERY_CHARS } from '../../src/search/query.js';
import { deserializeIndex, serializeIndex } from '../../src/index/serialize.js';
import { terms } from '../../src/search/text.js';

let index: SearchIndex;
let vlinkText: string;
const ask = (q: string, offset = 0) => answerQuestion(index, q, { publicUrl: 'https://bot.example.com', offset });

beforeAll(async () => {
  index = buildIndex(await loadCorpus('corpus'));
  vlinkText = (await readFile('corpus/what-does-a-back-end-developer-do.md', 'utf8')).replace(/\s+/g, ' ');
});

describe('answerQuestion', () => {
  it('answers the canonical question with the DevOps Developer role passage, cited', () => {
    const answer = ask('what does a DevOps developer do');
    expect(answer.declined).toBe(false);
    const top = answer.passages[0]!;
    expect(top.citation.section).toMatch(/DevOps Developer/);
    expect(top.snippet.text).toContain('bridging software development and IT operations');
    expect(top.citation).toMatchObject({
      title: 'What Does a Back-End Developer Do?',
      author: 'Nikhil Khandelwal',
      date: '2024-06-14',
      source: '004_1bff9431c34c16f8.txt',
    });
    expect(top.citation.link).toBe(`https://bot.example.com/docs/${top.citation.docId}#${top.citation.sectionSlug}`);
    expect(index.documentsById.get(top.citation.docId)!.sections.some((s) => s.slug === top.citation.sectionSlug)).toBe(
      true,
    );
  });

  it('quotes a list that subsections carry with its items, and still ranks the subsection first for one item', () => {
    const types = ask('what are the different types of backend developers').passages[0]!;
    expect(types.citation.section).toMatch(/Different Types of Back-End Developers/);
    expect(types.snippet.text.split('\n')).toEqual(
      expect.arrayContaining(['#2 - DevOps Developer:', '#4 - Security Developer:', '#8 - Full-Stack Developer:']),
    );
    expect(ask('what does a security developer do').passages[0]!.citation.section).toMatch(/Security Developer/);
  });

  it('quotes verbatim: every snippet is a substring of its passage, at most 700 characters, marks inside it', () => {
    for (const q of [
      'what does a DevOps developer do',
      'how do backend developers load test their apps',
      'salary in india',
      'what is kubernetes used for',
    ]) {
      for (const p of ask(q).passages) {
        const passage = index.corpus.passages.find((x) => x.id === p.passageId)!;
        expect(p.snippet.text.length).toBeLessThanOrEqual(SNIPPET_MAX);
        expect(passage.text).toContain(p.snippet.text);
        expect(p.snippet.segments.map((s) => s.text).join('')).toBe(p.snippet.text);
      }
    }
  });

  it('marks the words of the question in the snippet', () => {
    const marked = ask('what does a DevOps developer do')
      .passages[0]!.snippet.segments.filter((s) => s.marked)
      .map((s) => s.text.toLowerCase());
    expect(marked.some((m) => m.includes('devops'))).toBe(true);
  });

  it('declines what the corpus does not answer, kindly, with topics it does cover', () => {
    for (const q of ['what is the capital of Peru', 'best pizza near the office', "what's the weather tomorrow"]) {
      const answer = ask(q);
      expect(answer.declined, q).toBe(true);
      expect(answer.passages).toEqual([]);
      expect(answer.suggestions.length).toBeGreaterThan(0);
    }
  });

  it('tolerates typos in longer words, abbreviations and a half-typed last word', () => {
    expect(ask('kubernets orchestration').passages[0]!.snippet.text).toMatch(/Kubernetes/);
    expect(ask('what is k8s used for').passages.some((p) => /Kubernetes/.test(p.snippet.text))).toBe(true);
    expect(ask('what does a db specialist do').passages[0]!.citation.section).toMatch(/Database Specialists/);
    expect(ask('mongod').passages.some((p) => /MongoDB/.test(p.snippet.text))).toBe(true);
  });

  it('pages through results: More results gives the next passages, never the same ones again', () => {
    const first = ask('backend developer skills');
    expect(first.passages).toHaveLength(PASSAGES_PER_ANSWER);
    expect(first.hasMore).toBe(true);
    const second = ask('backend developer skills', PASSAGES_PER_ANSWER);
    expect(second.offset).toBe(PASSAGES_PER_ANSWER);
    const ids = new Set(first.passages.map((p) => p.passageId));
    expect(second.passages.length).toBeGreaterThan(0);
    for (const p of second.passages) expect(ids.has(p.passageId)).toBe(false);
  });

  it('handles empty, huge, binary-junk and markup-laden questions without throwing', () => {
    expect(ask('').declined).toBe(true);
    const huge = ask('devops '.repeat(20_000));
    expect(huge.question.length).toBeLessThanOrEqual(MAX_QUERY_CHARS);
    expect(ask('\u0000\u0001\uFFFD\u202E<script>alert(1)</script>').question).not.toMatch(/[\u0000\u202E]/);
    expect(ask('@channel what does a DevOps developer do').passages[0]!.citation.section).toMatch(/DevOps/);
  });

  it('projects to the JSON contract of ask --json and /api/ask', () => {
    const json = toAnswerJson(ask('what is mongodb'));
    expect(json.answers[0]).toMatchObject({
      doc: expect.any(String),
      title: expect.any(String),
      section: expect.any(String),
      snippet: expect.any(String),
      score: expect.any(Number),
      link: expect.stringMatching(/^https:\/\/bot\.example\.com\/docs\//),
    });
    for (const [start, end] of json.answers[0]!.marks)
      expect(json.answers[0]!.snippet.slice(start, end)).toMatch(/mongo/i);
    expect(vlinkText.length).toBeGreaterThan(0);
  });
});

describe('makeSnippet', () => {
  const deploy = () => new Map([[terms('deploy')[0]!, { concept: 0, weight: 1 }]]);
  it('keeps a short passage whole and trims a long one at sentence boundaries around the best match', () => {
    const matched = deploy();
    expect(makeSnippet('Short text about deploy.', matched)).toMatchObject({
      text: 'Short text about deploy.',
      clippedStart: false,
      clippedEnd: false,
    });
    const filler = 'This sentence is only here to take up room in the paragraph. '.repeat(12);
    const text = `${filler}We deploy on Tuesdays. ${filler}`.trim();
    const snippet = makeSnippet(text, matched);
    expect(snippet.text).toContain('We deploy on Tuesdays.');
    expect(snippet.text.length).toBeLessThanOrEqual(SNIPPET_MAX);
    expect(text).toContain(snippet.text);
    expect(snippet.clippedStart || snippet.clippedEnd).toBe(true);
  });

  it('cuts a single sentence longer than the limit at word boundaries', () => {
    const text = `${'word '.repeat(300)}deploy ${'word '.repeat(300)}`.trim();
    const snippet = makeSnippet(text, deploy());
    expect(snippet.text.length).toBeLessThanOrEqual(SNIPPET_MAX);
    expect(snippet.text).toContain('deploy');
    expect(snippet.text).toMatch(/^word .* word$/);
  });
});

describe('serialized index', { timeout: 20_000 }, () => {
  it('answers every gold question the same after a round trip through its saved form', async () => {
    const { index: loaded, fingerprint } = deserializeIndex(serializeIndex(index, 'abc'));
    expect(fingerprint).toBe('abc');
    const questions = (await Promise.all(['eval/dev.jsonl', 'eval/chat.jsonl'].map((f) => readFile(f, 'utf8'))))
      .flatMap((text) => text.split('\n').filter(Boolean))
      .map((line) => (JSON.parse(line) as { q: string }).q);
    expect(questions.length).toBeGreaterThan(100);
    for (const q of questions) {
      const options = { publicUrl: 'x' };
      expect(toAnswerJson(answerQuestion(loaded, q, options))).toEqual(toAnswerJson(answerQuestion(index, q, options)));
    }
  });
});
