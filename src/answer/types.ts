import type { Passage } from '../corpus/types.js';
import type { RankingOptions } from '../search/rankPassages.js';

/** Where a passage comes from, with enough detail for a reader to find it. */
export interface Citation {
  docId: string;
  title: string;
  /** The deepest heading above the passage ("" when the passage precedes every heading). */
  section: string;
  sectionPath: string[];
  sectionSlug: string;
  author?: string;
  publisher?: string;
  date?: string;
  /** Source file name. */
  source: string;
  /** `PUBLIC_URL/docs/<doc>#<section-slug>`: the passage page. */
  link: string;
  /** The original article on the web, when known. */
  url?: string;
}

/** A run of snippet text; `marked` runs matched the question and are shown in bold. */
export interface SnippetSegment {
  text: string;
  marked: boolean;
}

/**
 * A verbatim excerpt of a passage. Marks are data, not markup: each renderer bolds and escapes in its own syntax.
 * `text` is exactly the concatenation of `segments`.
 */
export interface Snippet {
  text: string;
  segments: SnippetSegment[];
  /** True when text was cut before or after: renderers show an ellipsis there. */
  clippedStart: boolean;
  clippedEnd: boolean;
}

export interface AnswerPassage {
  passageId: string;
  /** Relevance, higher is better; comparable only within one answer. */
  score: number;
  snippet: Snippet;
  citation: Citation;
}

/** The neutral answer every adapter renders. */
export interface Answer {
  /** The question as asked, trimmed to a displayable length. */
  question: string;
  /** Best first; empty when declined. */
  passages: AnswerPassage[];
  declined: boolean;
  /** Topics the corpus covers that are close to the question (for declined answers and help). */
  suggestions: string[];
  /** Index of the first passage in the full ranking ("More results" asks for the next page). */
  offset: number;
  /** Whether a further page of passages exists. */
  hasMore: boolean;
}

export interface AnswerOptions extends RankingOptions {
  /** Skip this many ranked passages (paging). */
  offset?: number;
  /** Passages per answer; default and maximum are set by the answer module. */
  limit?: number;
  /**
   * Only passages it accepts may answer (a channel's corpus scope). Applied to the ranked passages before paging,
   * so the ranking stays one function; the confidence is then the first accepted passage's coverage.
   */
  accept?: (passage: Passage) => boolean;
  /** Decline below this confidence (an unprompted answer's higher bar); the ranking's own floor always applies. */
  minConfidence?: number;
}
