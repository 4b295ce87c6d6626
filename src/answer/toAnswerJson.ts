import type { Answer } from './types.js';

/** One passage as the CLI and /api/ask print it. */
export interface AnswerPassageJson {
  doc: string;
  title: string;
  section: string;
  snippet: string;
  /** [start, end) character ranges of `snippet` that matched the question. */
  marks: [number, number][];
  score: number;
  link: string;
  passageId: string;
  author?: string;
  publisher?: string;
  date?: string;
  source: string;
  url?: string;
}

/** The JSON of `ask --json` and `GET /api/ask`: a plain projection of Answer, the one serializer both use. */
export interface AnswerJson {
  question: string;
  declined: boolean;
  answers: AnswerPassageJson[];
  suggestions: string[];
  offset: number;
  hasMore: boolean;
}

export function toAnswerJson(answer: Answer): AnswerJson {
  return {
    question: answer.question,
    declined: answer.declined,
    answers: answer.passages.map((p) => {
      const marks: [number, number][] = [];
      let at = 0;
      for (const segment of p.snippet.segments) {
        if (segment.marked) marks.push([at, at + segment.text.length]);
        at += segment.text.length;
      }
      const c = p.citation;
      return {
        doc: c.docId,
        title: c.title,
        section: c.section,
        snippet: p.snippet.text,
        marks,
        score: Math.round(p.score * 1000) / 1000,
        link: c.link,
        passageId: p.passageId,
        ...(c.author ? { author: c.author } : {}),
        ...(c.publisher ? { publisher: c.publisher } : {}),
        ...(c.date ? { date: c.date } : {}),
        source: c.source,
        ...(c.url ? { url: c.url } : {}),
      };
    }),
    suggestions: answer.suggestions,
    offset: answer.offset,
    hasMore: answer.hasMore,
  };
}
