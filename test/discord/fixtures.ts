/** Hand-made Answers for the renderer tests: every field explicit, so a test shows what it feeds in. */
import type { Answer, AnswerPassage, SnippetSegment } from '../../src/answer/types.js';

export function passage(n: number, overrides: Partial<AnswerPassage> = {}, segments?: SnippetSegment[]): AnswerPassage {
  const parts = segments ?? [
    { text: 'A ', marked: false },
    { text: 'DevOps', marked: true },
    { text: ` developer automates deployment, passage ${n}.`, marked: false },
  ];
  return {
    passageId: `guide#${n}`,
    score: 10 - n,
    snippet: { text: parts.map((s) => s.text).join(''), segments: parts, clippedStart: false, clippedEnd: false },
    citation: {
      docId: 'guide',
      title: 'The Backend Guide',
      section: `Section ${n}`,
      sectionPath: ['The Backend Guide', `Section ${n}`],
      sectionSlug: `section-${n}`,
      author: 'Ada Lovelace',
      publisher: 'Analytical Press',
      date: '2024-06-14',
      source: 'guide.md',
      link: `https://answers.example.org/docs/guide#section-${n}`,
    },
    ...overrides,
  };
}

export function answer(overrides: Partial<Answer> = {}): Answer {
  return {
    question: 'what does a devops developer do',
    passages: [passage(1), passage(2), passage(3)],
    declined: false,
    suggestions: [],
    offset: 0,
    hasMore: true,
    ...overrides,
  };
}

/** A one-segment snippet of exactly `text`. */
export function plainSnippet(text: string, marked = false): SnippetSegment[] {
  return [{ text, marked }];
}
