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

function wordMatches(word: Word, matched: Matched): boolean {
  return word.terms.some((term) => matched.has(term));
}

/** A word as snippets read it: where it stands, its index terms, and whether only spaces or tabs precede it. */
interface Word {
  start: number;
  end: number;
  terms: readonly string[];
  /** Only spaces or tabs between the word before and this one: two marked words so placed are one bold phrase. */
  spaced: boolean;
}

/** The words of text[start, end), read within that slice (a word is never taken from beyond its ends). */
function wordsIn(text: string, start: number, end: number): Word[] {
  const words: Word[] = [];
  let previousEnd = -1;
  for (const m of text.slice(start, end).matchAll(WORD)) {
    const at = start + m.index;
    const spaced = previousEnd >= 0 && /^[ \t]+$/.test(text.slice(previousEnd, at));
    words.push({ start: at, end: at + m[0].length, terms: wordTerms(m[0]), spaced });
    previousEnd = at + m[0].length;
  }
  return words;
}

/**
 * What snippets need of a passage that does not depend on the question, read once per text: the same passages
 * answer question after question. A short text is shown whole, so its words are kept; a long one is chosen from
 * by sentences, so its sentences and their words are.
 */
interface Reading {
  words?: Word[];
  sentences?: { span: Span; words: Word[] }[];
}
/** Texts whose reading is remembered (cleared wholesale when full); a reading is a few kilobytes at most. */
const READINGS_MAX = 2_000;
const readings = new Map<string, Reading>();

function readingOf(text: string): Reading {
  let reading = readings.get(text);
  if (!reading) {
    reading =
      text.length <= SNIPPET_MAX
        ? { words: wordsIn(text, 0, text.length) }
        : { sentences: sentences(text).map((span) => ({ span, words: wordsIn(text, span.start, span.end) })) };
    if (readings.size >= READINGS_MAX) readings.clear();
    readings.set(text, reading);
  }
  return reading;
}

/** Matched word spans among words, in order. */
function markedSpans(words: readonly Word[], matched: Matched): Span[] {
  const spans: Span[] = [];
  let previousMarked = false;
  for (const word of words) {
    const marked = wordMatches(word, matched);
    if (marked) {
      const last = spans[spans.length - 1];
      // Adjacent marked words separated only by spaces read as one bold phrase.
      if (last && previousMarked && word.spaced) last.end = word.end;
      else spans.push({ start: word.start, end: word.end });
    }
    previousMarked = marked;
  }
  return spans;
}

/**
 * What a sentence shows of the question: the ideas it matches, and the pairs of ideas that stand side by side in
 * both ("load testing" for "load test"), which say far more than the same words scattered.
 */
function sentenceMatches(
  words: readonly Word[],
  matched: Matched,
): { concepts: Set<number>; pairs: Set<number>; count: number } {
  const concepts = new Set<number>();
  const pairs = new Set<number>();
  let count = 0;
  let previous: number | undefined;
  for (const word of words) {
    for (const term of word.terms) {
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
  const read = readingOf(text).sentences!;
  const spans = read.map((r) => r.span);
  if (spans.length === 0) return { start: 0, end: 0 };
  const weightOf = new Map<number, number>();
  for (const m of matched.values()) weightOf.set(m.concept, m.weight);
  const found = read.map((r) => sentenceMatches(r.words, matched));
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
  const first = markedSpans(wordsIn(text, sentence.start, sentence.end), matched)[0];
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
  const whole = window.start === 0 && window.end === text.length ? readingOf(text).words : undefined;
  const words = whole ?? wordsIn(text, window.start, window.end);
  for (const mark of markedSpans(words, matched)) {
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
