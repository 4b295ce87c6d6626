import type { Answer, AnswerPassage, SnippetSegment } from '../../src/answer/types.js';

/** Hand-made Answers for the pure renderer tests: exact inputs, so exact payloads can be asserted. */

/** A snippet from segments; `text` is their concatenation, as the contract requires. */
export function snippetOf(segments: SnippetSegment[], clipped: { start?: boolean; end?: boolean } = {}) {
  return {
    text: segments.map((s) => s.text).join(''),
    segments,
    clippedStart: clipped.start ?? false,
    clippedEnd: clipped.end ?? false,
  };
}

/** Plain text with the given words marked (whole-word runs), like the core's snippets. */
export function markedSnippet(text: string, marked: string[] = []) {
  const segments: SnippetSegment[] = [];
  const pattern =
    marked.length > 0
      ? new RegExp(`(${marked.map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`)
      : undefined;
  for (const part of pattern ? text.split(pattern) : [text]) {
    if (part !== '') segments.push({ text: part, marked: marked.includes(part) });
  }
  return snippetOf(segments);
}

/** Passage `n` of a fixture answer. */
export function passage(n: number, overrides: Partial<AnswerPassage> = {}): AnswerPassage {
  return {
    passageId: `doc-${n}#${n}`,
    score: 100 - n,
    snippet: markedSnippet(`Passage ${n} says backend developers build APIs.`, ['APIs']),
    citation: {
      docId: `doc-${n}`,
      title: `Document ${n}`,
      section: `Section ${n}`,
      sectionPath: [`Document ${n}`, `Section ${n}`],
      sectionSlug: `section-${n}`,
      author: `Author ${n}`,
      publisher: 'Publisher',
      date: '2024-06-14',
      source: `doc-${n}.md`,
      link: `https://bot.example.com/docs/doc-${n}#section-${n}`,
    },
    ...overrides,
  };
}

/** The DevOps answer as the core shapes it (text from the corpus's DevOps Developer section). */
export function devopsAnswer(overrides: Partial<Answer> = {}): Answer {
  return {
    question: 'what does a DevOps developer do',
    passages: [
      passage(1, {
        passageId: 'what-does-a-back-end-developer-do#21',
        snippet: markedSnippet(
          'They concentrate on automating and streamlining the procedures, bridging software development and IT operations. You can hire DevOps developers to streamline backend processes.',
          ['DevOps developers'],
        ),
        citation: {
          docId: 'what-does-a-back-end-developer-do',
          title: 'What Does a Back-End Developer Do?',
          section: '#2 - DevOps Developer:',
          sectionPath: ['What Does a Back-End Developer Do?', '#2 - DevOps Developer:'],
          sectionSlug: '2---devops-developer',
          author: 'Nikhil Khandelwal',
          publisher: 'VLink',
          date: '2024-06-14',
          source: '004_1bff9431c34c16f8.txt',
          link: 'https://bot.example.com/docs/what-does-a-back-end-developer-do#2---devops-developer',
          url: 'https://www.vlinkinfo.com/blog/what-does-a-back-end-developer-do/',
        },
      }),
      passage(2),
      passage(3),
    ],
    declined: false,
    suggestions: [],
    offset: 0,
    hasMore: true,
    ...overrides,
  };
}

/** An answer with `count` passages, each with the given snippet text. */
export function answerWith(count: number, overrides: Partial<Answer> = {}, text?: string): Answer {
  return {
    question: 'what does a backend developer do',
    passages: Array.from({ length: count }, (_, i) =>
      passage(i + 1, text === undefined ? {} : { snippet: markedSnippet(text) }),
    ),
    declined: false,
    suggestions: [],
    offset: 0,
    hasMore: false,
    ...overrides,
  };
}

/** A declined answer with suggestions. */
export function declinedAnswer(suggestions: string[], overrides: Partial<Answer> = {}): Answer {
  return {
    question: 'what is the capital of Peru',
    passages: [],
    declined: true,
    suggestions,
    offset: 0,
    hasMore: false,
    ...overrides,
  };
}
