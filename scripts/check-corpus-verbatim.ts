/**
 * Checks that every corpus document quotes the seed it was made from verbatim, reading the corpus with the bot's own
 * loader (yaml front matter, markdown-it passages), so the check sees exactly the text the bot quotes.
 *
 * For each document, the seed is the file its front matter's `source` names, looked up in the seeds folder. Every
 * piece the bot can show (each heading, and each line of each passage; a table row cell by cell) must occur in the
 * seed once whitespace is folded, whole (nothing merged from different places) and in the seed's order (nothing
 * reordered). Seed sentences kept only in part are reported; with --dropped, so is every seed sentence left out.
 *
 * Usage: npm run check-corpus -- <seeds folder> [--corpus <folder>] [--dropped]
 * Exits 0 when every document is verbatim, 1 when one is not, 2 on a usage mistake.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCorpus } from '../src/corpus/loadCorpus.js';
import { subsectionTitles, withoutQuotedSubsections } from '../src/corpus/subsections.js';
import type { Corpus, CorpusDocument } from '../src/corpus/types.js';

const USAGE = 'Usage: npm run check-corpus -- <seeds folder> [--corpus <folder>] [--dropped]';

/** Folds every run of whitespace (NBSP and zero-width characters included) to one space. */
const fold = (s: string) => s.replace(/[\s\u200b\ufeff]+/gu, ' ').trim();

interface Sentence {
  text: string;
  start: number;
}

/** Splits folded text into sentences, each with its offset. */
function sentences(text: string, base = 0): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  for (const m of text.matchAll(/(?<=[.!?…][”"’')\]]*) +(?=\S)/gu)) {
    if (/(?:^|[\s(])(?:vs|e\.g|i\.e|U\.S)\.$/.test(text.slice(start, m.index))) continue; // abbreviations
    out.push({ text: text.slice(start, m.index), start: base + start });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ text: text.slice(start), start: base + start });
  return out.filter((s) => s.text.length > 0);
}

/** A scraped list marker at the start of a seed line ("1. ", "• "): markup, not a sentence. */
const SEED_MARKER = /^(?:\d{1,3}\.|[•●▪◦‣·*+-])\s+/u;

/** Folded seed text plus, for each non-blank seed line, its folded offset and text (list marker excluded). */
function foldSeed(raw: string): { text: string; lines: { line: number; start: number; text: string }[] } {
  const parts: string[] = [];
  const lines: { line: number; start: number; text: string }[] = [];
  let pos = 0;
  raw.split(/\r?\n/).forEach((l, i) => {
    const f = fold(l);
    if (!f) return;
    if (parts.length > 0) pos += 1;
    const marker = SEED_MARKER.exec(f)?.[0].length ?? 0;
    lines.push({ line: i + 1, start: pos + marker, text: f.slice(marker) });
    parts.push(f);
    pos += f.length;
  });
  return { text: parts.join(' '), lines };
}

/** Next occurrence of `needle` in `hay` at or after `from`, on word boundaries (a space or either end). */
function findAt(hay: string, needle: string, from: number): number {
  for (let i = hay.indexOf(needle, from); i >= 0; i = hay.indexOf(needle, i + 1)) {
    const end = i + needle.length;
    if ((i === 0 || hay[i - 1] === ' ') && (end === hay.length || hay[end] === ' ')) return i;
  }
  return -1;
}

/**
 * What the bot can show from one document, in document order: headings, and each line of each passage (a lead-in's
 * quoted subsection headings are the headings that follow).
 */
function shownPieces(document: CorpusDocument, corpus: Corpus, seed: string): { kind: string; text: string }[] {
  const pieces: { kind: string; text: string }[] = [];
  let path: string[] = [];
  for (const passage of corpus.passages.filter((p) => p.docId === document.id)) {
    passage.sectionPath.forEach((heading, depth) => {
      if (path[depth] !== heading) pieces.push({ kind: 'heading', text: fold(heading) });
    });
    path = passage.sectionPath;
    // Subsection headings quoted as a lead-in's items are checked where they stand, as headings.
    const own = withoutQuotedSubsections(passage.text, subsectionTitles(document.sections, passage.sectionPath));
    for (const line of own.split('\n')) {
      const text = fold(line);
      // A table row is its cells joined by " | " (the bot's own separator): each cell is what the seed holds.
      if (text.includes(' | ') && !seed.includes(text)) {
        for (const cell of text.split(' | ')) if (cell) pieces.push({ kind: 'table cell', text: cell });
      } else if (text) {
        pieces.push({ kind: 'passage line', text });
      }
    }
  }
  return pieces;
}

/** The problems of one document against its seed, and the seed sentences it leaves out. */
function checkDocument(document: CorpusDocument, corpus: Corpus, seedRaw: string) {
  const seed = foldSeed(seedRaw);
  const covered = new Uint8Array(seed.text.length);
  const pieces = shownPieces(document, corpus, seed.text);
  const problems: string[] = [];
  let cursor = 0;
  let sentenceCount = 0;
  for (const [i, piece] of pieces.entries()) {
    const parts = sentences(piece.text);
    sentenceCount += parts.length;
    const missing = parts.filter((s) => !seed.text.includes(s.text));
    for (const s of missing) problems.push(`${piece.kind}: sentence not in seed:\n      "${s.text}"`);
    if (missing.length > 0) continue;
    let at = findAt(seed.text, piece.text, cursor);
    if (at < 0) {
      const earlier = findAt(seed.text, piece.text, 0);
      if (earlier < 0) {
        problems.push(`${piece.kind}: in the seed, but not together (merged?):\n      "${piece.text}"`);
        continue;
      }
      // A heading is also shown again above each of its passages' sections: only text out of order is a problem.
      if (piece.kind !== 'heading')
        problems.push(`${piece.kind}: out of the seed's order (reordered?):\n      "${piece.text}"`);
      at = earlier;
    } else {
      // A piece can occur more than once (a heading also in a table of contents): take the last occurrence that
      // still comes before the next piece.
      const next = pieces[i + 1]?.text;
      const nextAt = next ? findAt(seed.text, next, at + piece.text.length) : -1;
      if (nextAt >= 0) {
        for (
          let j = findAt(seed.text, piece.text, at + 1);
          j >= 0 && j + piece.text.length <= nextAt;
          j = findAt(seed.text, piece.text, j + 1)
        ) {
          at = j;
        }
      }
      cursor = at + piece.text.length;
    }
    covered.fill(1, at, at + piece.text.length);
  }

  const dropped: { line: number; text: string }[] = [];
  for (const l of seed.lines) {
    for (const s of sentences(l.text, l.start)) {
      let kept = 0;
      for (let k = s.start; k < s.start + s.text.length; k++) kept += covered[k]!;
      if (kept === 0) dropped.push({ line: l.line, text: s.text });
      else if (kept < s.text.length && ![...s.text].every((ch, k) => covered[s.start + k] || ch === ' ')) {
        const shown = [...s.text].map((ch, k) => (covered[s.start + k] ? ch : '␣')).join('');
        problems.push(`seed line ${l.line}: sentence only partly kept:\n      "${s.text}"\n      kept: "${shown}"`);
      }
    }
  }
  return { problems, dropped, pieces: pieces.length, sentences: sentenceCount };
}

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  const parse = (args: string[]) =>
    parseArgs({ args, allowPositionals: true, options: { corpus: { type: 'string' }, dropped: { type: 'boolean' } } });
  try {
    parsed = parse(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  const [seedsArg, ...extra] = parsed.positionals;
  if (seedsArg === undefined || extra.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const seedsDir = resolve(seedsArg);
  const corpusDir = resolve(parsed.values.corpus ?? join(import.meta.dirname, '..', 'corpus'));
  const corpus = await loadCorpus(corpusDir);
  for (const w of corpus.warnings) process.stdout.write(`\n✗ ${w.file}: ${w.message}\n`);
  let failures = corpus.warnings.length;

  for (const document of corpus.documents) {
    const seedPath = join(seedsDir, basename(document.meta.source));
    if (document.meta.source === document.file || !existsSync(seedPath)) {
      process.stdout.write(`\n✗ ${document.file}: source "${document.meta.source}" not found in ${seedsDir}\n`);
      failures++;
      continue;
    }
    const result = checkDocument(document, corpus, readFileSync(seedPath, 'utf8'));
    const ok = result.problems.length === 0;
    if (!ok) failures++;
    process.stdout.write(
      `\n${ok ? '✓' : '✗'} ${document.file} ← ${document.meta.source}: ${result.pieces} pieces, ${result.sentences} sentences ` +
        `checked; ${result.dropped.length} seed sentence(s) dropped\n`,
    );
    for (const p of result.problems) process.stdout.write(`    ${p}\n`);
    if (parsed.values.dropped)
      for (const d of result.dropped) process.stdout.write(`    - dropped (seed line ${d.line}): ${d.text}\n`);
  }
  process.stdout.write(
    failures > 0
      ? `\n${failures} file(s) failed the verbatim check.\n`
      : `\nAll ${corpus.documents.length} corpus files are verbatim.\n`,
  );
  return failures > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`check-corpus: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
