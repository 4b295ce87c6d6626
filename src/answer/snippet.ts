import { processTerm, tokenize } from '../search/text.js';
import type { Snippet, SnippetSegment } from './types.js';

/** Longest snippet, in characters of verbatim text (renderers may add an ellipsis at a clipped end). */
export const SNIPPET_MAX = 700;

const WORD = /[\p{L}\p{N}]+(?:[-'’./+#][\p{L}\p{N}]+)*[+#]*/gu;
const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

interface Span {
  start: number;
  end: number;
}

/** Sentence spans of a text; list lines count as sentences of their own. */
function sentences(text: string): Span[] {
  const spans: Span[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    for (const s of sentenceSegmenter.segment(line)) {
      const trimmed = s.segment.trimEnd();
      if (trimmed.trim()) spans.push({ start: lineStart + s.index, end: lineStart + s.index + trimmed.length });
    }
    lineStart += line.length + 1;
  }
  return spans;
}

function wordMatches(word: string, matched: ReadonlySet<string>): boolean {
  return tokenize(word).some((token) => {
    const term = processTerm(token);
    return term !== null && matched.has(term);
  });
}

/** Matched word spans in text[start, end). */
function markedSpans(text: string, start: number, end: number, matched: ReadonlySet<string>): Span[] {
  const spans: Span[] = [];
  for (const m of text.slice(start, end).matchAll(WORD)) {
    if (!wordMatches(m[0], matched)) continue;
    const s = start + m.index;
    const last = spans[spans.length - 1];
    // Adjacent marked words separated only by spaces read as one bold phrase.
    if (last && /^[ \t]+$/.test(text.slice(last.end, s))) last.end = s + m[0].length;
    else spans.push({ start: s, end: s + m[0].length });
  }
  return spans;
}

/** Picks the sentences that best match, as one contiguous verbatim window of at most SNIPPET_MAX characters. */
function bestWindow(text: string, matched: ReadonlySet<string>): Span {
  if (text.length <= SNIPPET_MAX) return { start: 0, end: text.length };
  const spans = sentences(text);
  const scores = spans.map((s) => new Set(markedSpans(text, s.start, s.end, matched).map((m) => text.slice(m.start, m.end).toLowerCase())).size);
  let best = 0;
  scores.forEach((score, i) => {
    if (score > scores[best]!) best = i;
  });
  let lo = best;
  let hi = best;
  const width = () => spans[hi]!.end - spans[lo]!.start;
  for (;;) {
    const canRight = hi + 1 < spans.length && spans[hi + 1]!.end - spans[lo]!.start <= SNIPPET_MAX;
    const canLeft = lo > 0 && spans[hi]!.end - spans[lo - 1]!.start <= SNIPPET_MAX;
    if (!canRight && !canLeft) break;
    // Grow toward the better-matching neighbour; on a tie, read on rather than back.
    if (canRight && (!canLeft || scores[hi + 1]! >= scores[lo - 1]!)) hi++;
    else lo--;
  }
  if (width() <= SNIPPET_MAX) return { start: spans[lo]!.start, end: spans[hi]!.end };
  return clipLongSentence(text, spans[best]!, matched);
}

/** One sentence longer than the limit: cut at word boundaries around its first match. */
function clipLongSentence(text: string, sentence: Span, matched: ReadonlySet<string>): Span {
  const first = markedSpans(text, sentence.start, sentence.end, matched)[0];
  let start = sentence.start;
  if (first && first.start - sentence.start > SNIPPET_MAX / 3) {
    start = text.lastIndexOf(' ', first.start - Math.floor(SNIPPET_MAX / 4)) + 1 || sentence.start;
  }
  let end = Math.min(sentence.end, start + SNIPPET_MAX);
  if (end < sentence.end) {
    const space = text.lastIndexOf(' ', end);
    if (space > start) end = space;
  }
  return { start, end };
}

/**
 * A verbatim snippet of `text`: the best-matching sentences, trimmed never reworded, with the words that matched
 * the question marked.
 */
export function makeSnippet(text: string, matched: ReadonlySet<string>): Snippet {
  const window = bestWindow(text, matched);
  const segments: SnippetSegment[] = [];
  let at = window.start;
  for (const mark of markedSpans(text, window.start, window.end, matched)) {
    if (mark.start > at) segments.push({ text: text.slice(at, mark.start), marked: false });
    segments.push({ text: text.slice(mark.start, mark.end), marked: true });
    at = mark.end;
  }
  if (at < window.end) segments.push({ text: text.slice(at, window.end), marked: false });
  return {
    text: text.slice(window.start, window.end),
    segments,
    clippedStart: window.start > 0,
    clippedEnd: window.end < text.trimEnd().length,
  };
}
