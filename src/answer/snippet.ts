import type { MatchedTerm } from '../search/rankPassages.js';
import { wordTerms } from '../search/text.js';
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

type Matched = ReadonlyMap<string, MatchedTerm>;

function wordMatches(word: string, matched: Matched): boolean {
  return wordTerms(word).some((term) => matched.has(term));
}

/** Matched word spans in text[start, end). */
function markedSpans(text: string, start: number, end: number, matched: Matched): Span[] {
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

/**
 * What a sentence shows of the question: the ideas it matches, and the pairs of ideas that stand side by side in
 * both ("load testing" for "load test"), which say far more than the same words scattered.
 */
function sentenceMatches(
  text: string,
  span: Span,
  matched: Matched,
): { concepts: Set<number>; pairs: Set<number>; count: number } {
  const concepts = new Set<number>();
  const pairs = new Set<number>();
  let count = 0;
  let previous: number | undefined;
  for (const m of text.slice(span.start, span.end).matchAll(WORD)) {
    for (const term of wordTerms(m[0])) {
      const hit = matched.get(term);
      if (hit) {
        concepts.add(hit.concept);
        count++;
        if (previous === hit.concept - 1) pairs.add(previous);
      }
      previous = hit?.concept;
    }
  }
  return { concepts, pairs, count };
}

/**
 * Picks one contiguous run of whole sentences of at most SNIPPET_MAX characters: the run that shows most of the
 * question (ideas weighted by rarity, adjacent pairs counting again), then the most matches, then the earliest
 * (a passage's own opening gives context).
 */
function bestWindow(text: string, matched: Matched): Span {
  if (text.length <= SNIPPET_MAX) return { start: 0, end: text.length };
  const spans = sentences(text);
  if (spans.length === 0) return { start: 0, end: 0 };
  const weightOf = new Map<number, number>();
  for (const m of matched.values()) weightOf.set(m.concept, m.weight);
  const found = spans.map((s) => sentenceMatches(text, s, matched));
  let best: { lo: number; hi: number; value: number; count: number } | undefined;
  for (let lo = 0; lo < spans.length; lo++) {
    const concepts = new Set<number>();
    const pairs = new Set<number>();
    let count = 0;
    for (let hi = lo; hi < spans.length && spans[hi]!.end - spans[lo]!.start <= SNIPPET_MAX; hi++) {
      for (const c of found[hi]!.concepts) concepts.add(c);
      for (const p of found[hi]!.pairs) pairs.add(p);
      count += found[hi]!.count;
      let value = 0;
      for (const c of concepts) value += weightOf.get(c) ?? 0;
      for (const p of pairs) value += (weightOf.get(p) ?? 0) + (weightOf.get(p + 1) ?? 0);
      if (!best || value > best.value + 1e-9 || (Math.abs(value - best.value) <= 1e-9 && count > best.count)) {
        best = { lo, hi, value, count };
      }
    }
  }
  if (best) return { start: spans[best.lo]!.start, end: spans[best.hi]!.end };
  const richest = found.reduce((b, f, i) => (f.count > found[b]!.count ? i : b), 0);
  return clipLongSentence(text, spans[richest]!, matched);
}

/** One sentence longer than the limit: cut at word boundaries around its first match. */
function clipLongSentence(text: string, sentence: Span, matched: Matched): Span {
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
export function makeSnippet(text: string, matched: Matched): Snippet {
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
