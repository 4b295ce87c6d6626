import type { Snippet, SnippetSegment } from '../../src/answer/types.js';
import { escapeEntities } from '../../src/shared/entities.js';

/**
 * Slack mrkdwn for text we did not write (questions, corpus passages, names).
 *
 * Slack gives special meaning to only three characters, `&`, `<` and `>`: `<!channel>`, `<@U123>` and `<url|label>`
 * are how pings and links are spelled, so escaping those three makes any text inert. Slack has no escape for the
 * formatting characters `*`, `_`, `~` and `` ` ``; instead it only pairs them at word boundaries. So the bold we add
 * around a marked run is placed only where Slack will pair it, and is left out (the run shown plain) anywhere it
 * could misfire: a quote stays verbatim and never shows stray asterisks.
 */

/** Shown where text was cut (a clipped snippet, a label over a limit). */
export const ELLIPSIS = '…';

/** Characters next to which a `*` would not be read as bold (inside a word) or could pair with another mark. */
const UNSAFE_NEIGHBOUR = /[\p{L}\p{N}\p{M}*_~`]/u;

/** Makes text inert in mrkdwn: `<!channel>` becomes `&lt;!channel&gt;`, which Slack shows but never acts on. */
export function escapeMrkdwn(text: string): string {
  return escapeEntities(text);
}

/**
 * Escapes text and, when the result is longer than `maxLength`, cuts it (never inside an entity or a surrogate
 * pair) and ends it with "…", so it fits a Block Kit field.
 */
export function escapeAndClip(text: string, maxLength: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= maxLength) return escaped;
  return escapedPrefix(text, maxLength - ELLIPSIS.length).trimEnd() + ELLIPSIS;
}

/**
 * A mrkdwn link whose label is escaped text. Anything but an http(s) URL is shown as the bare label, so a bad
 * citation link cannot become a `<!channel>` or a `javascript:` link.
 */
export function mrkdwnLink(url: string, label: string): string {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return escapeMrkdwn(label);
  const safeUrl = url.replace(/[|<>]/g, (c) => encodeURIComponent(c)).replace(/&/g, '&amp;');
  return `<${safeUrl}|${escapeMrkdwn(label)}>`;
}

/** Whether `*` can be put around text that contains no `*` of its own, so Slack shows it bold and nothing else. */
export function canBold(text: string): boolean {
  return text.trim() !== '' && !text.includes('*') && !/^[_~`]|[_~`]$/.test(text.trim());
}

interface Piece {
  /** Whitespace kept outside the bold markers. */
  lead: string;
  core: string;
  trail: string;
  bold: boolean;
}

/**
 * A snippet as mrkdwn: escaped, marked runs in `*bold*` where that is safe, "…" where the passage was clipped.
 * When the result would exceed `maxLength`, it is cut at a piece boundary or inside a piece (bold kept balanced)
 * and ends with "…".
 */
export function snippetToMrkdwn(snippet: Snippet, maxLength = Number.POSITIVE_INFINITY): string {
  const prefix = snippet.clippedStart ? ELLIPSIS : '';
  const suffix = snippet.clippedEnd ? ELLIPSIS : '';
  const pieces = toPieces(mergeRuns(snippet.segments), prefix, suffix);
  const whole = prefix + pieces.map(renderPiece).join('') + suffix;
  if (whole.length <= maxLength) return whole;

  const budget = maxLength - prefix.length - ELLIPSIS.length;
  let out = '';
  for (const piece of pieces) {
    const rendered = renderPiece(piece);
    if (out.length + rendered.length <= budget) {
      out += rendered;
      continue;
    }
    out += clipPiece(piece, budget - out.length);
    break;
  }
  return prefix + out.trimEnd() + ELLIPSIS;
}

/** Joins neighbouring runs with the same mark, so "Dev"+"Ops" marked separately bolds as one word. */
function mergeRuns(segments: readonly SnippetSegment[]): SnippetSegment[] {
  const merged: SnippetSegment[] = [];
  for (const segment of segments) {
    const last = merged.at(-1);
    if (last && last.marked === segment.marked) last.text += segment.text;
    else if (segment.text !== '') merged.push({ ...segment });
  }
  return merged;
}

function toPieces(segments: readonly SnippetSegment[], prefix: string, suffix: string): Piece[] {
  return segments.map((segment, i) => {
    const plain: Piece = { lead: '', core: segment.text, trail: '', bold: false };
    if (!segment.marked || !canBold(segment.text)) return plain;
    const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(segment.text) ?? [];
    const before = lead !== '' ? lead.at(-1)! : (segments[i - 1]?.text.at(-1) ?? prefix);
    const after = trail !== '' ? trail[0]! : (segments[i + 1]?.text[0] ?? suffix);
    if (UNSAFE_NEIGHBOUR.test(before) || UNSAFE_NEIGHBOUR.test(after)) return plain;
    return { lead, core, trail, bold: true };
  });
}

function renderPiece(piece: Piece): string {
  const core = escapeMrkdwn(piece.core);
  return piece.bold ? `${piece.lead}*${core}*${piece.trail}` : core;
}

/** As much of a piece as fits `budget`, with its bold markers still paired. */
function clipPiece(piece: Piece, budget: number): string {
  if (piece.bold) {
    const core = escapedPrefix(piece.core, budget - piece.lead.length - 2).trimEnd();
    if (core !== '' && canBold(core)) return `${piece.lead}*${core}*`;
  }
  return escapedPrefix(piece.lead + piece.core + piece.trail, budget);
}

/** The longest escaped prefix of `text` that fits `budget`, never ending inside an entity or a surrogate pair. */
function escapedPrefix(text: string, budget: number): string {
  // Measured character by character, escaped once: the escape of a prefix is the escapes of its characters joined.
  let length = 0;
  let end = 0;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    const pair = code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(end + 1));
    const size = code === AMPERSAND ? '&amp;'.length : code === LESS || code === GREATER ? '&lt;'.length : pair ? 2 : 1;
    if (length + size > budget) break;
    length += size;
    end += pair ? 2 : 1;
  }
  return escapeMrkdwn(text.slice(0, end));
}

const AMPERSAND = 0x26;
const LESS = 0x3c;
const GREATER = 0x3e;

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
