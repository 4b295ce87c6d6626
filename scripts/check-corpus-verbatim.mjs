#!/usr/bin/env node
// Checks that every corpus file is a verbatim extract of the seed it was made from.
//
// For each corpus/*.md file:
//   - the front matter's `source` field names the seed file (looked up in the seeds folder);
//   - the Markdown body is reduced to plain-text blocks (headings, paragraphs, list items,
//     table rows) with the Markdown syntax stripped (heading #s, list markers, table pipes,
//     emphasis, inline code, links, backslash escapes);
//   - every sentence of every block must occur in the seed after folding whitespace;
//   - every block must also occur whole (nothing merged from different places), and the
//     blocks must occur in the seed's order (nothing reordered).
// It also reports which seed sentences the corpus file does not keep (dropped as furniture).
//
// Usage: node scripts/check-corpus-verbatim.mjs [--corpus DIR] [--seeds DIR] [--dropped]
//   --corpus   corpus folder (default: <repo>/corpus)
//   --seeds    seed folder (default: $SEEDS_DIR or <repo>/test/fixtures/seeds)
//   --dropped  list each dropped seed sentence, not just the count
// Exits 1 if any corpus sentence is not in its seed, or on any structural error.

import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
function opt(name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}
const corpusDir = resolve(opt('--corpus', join(here, '..', 'corpus')));
const seedsDir = resolve(opt('--seeds', process.env.SEEDS_DIR ?? join(here, '..', 'test', 'fixtures', 'seeds')));
const listDropped = args.includes('--dropped');

/** Fold every run of whitespace (including NBSP and other Unicode spaces) to one space. */
const fold = (s) => s.replace(/[\s\u200b\ufeff]+/gu, ' ').trim();

/** Split folded text into sentences, keeping each sentence's offset. */
function sentences(text, base = 0) {
  const out = [];
  const re = /(?<=[.!?…][”"’')\]]*) +(?=\S)/gu;
  let start = 0;
  for (const m of text.matchAll(re)) {
    if (/(?:^|[\s(])(?:vs|e\.g|i\.e|U\.S)\.$/.test(text.slice(start, m.index))) continue; // abbreviations
    out.push({ text: text.slice(start, m.index), start: base + start });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ text: text.slice(start), start: base + start });
  return out.filter((s) => s.text.length > 0);
}

function parseFrontMatter(raw) {
  const text = raw.replace(/^\ufeff/, '');
  const m = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { meta: null, body: text, bodyLine: 1 };
  const meta = {};
  for (const line of m[1].split(/\r?\n/)) {
    const kv = /^([A-Za-z_][\w-]*):\s*(.*?)\s*(?:#.*)?$/.exec(line);
    if (!kv) continue;
    let v = kv[2];
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
    meta[kv[1]] = v;
  }
  return { meta, body: text.slice(m[0].length), bodyLine: m[0].split('\n').length };
}

/** Strip inline Markdown: images, links, code spans, emphasis, HTML tags, backslash escapes. */
function stripInline(s) {
  return s
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/<\/?[A-Za-z][^>]*>/g, '')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Reduce a Markdown body to plain-text blocks: { kind, text, line }. */
function markdownBlocks(body, firstLine) {
  const lines = body.split(/\r?\n/);
  const blocks = [];
  let cur = null; // open paragraph or list item
  const close = () => {
    if (cur) blocks.push(cur);
    cur = null;
  };
  lines.forEach((raw, i) => {
    const line = raw.replace(/\s+$/u, '');
    const lineNo = firstLine + i;
    if (!line.trim()) return close();
    let m;
    if (/^\s{0,3}(?:[-*_]\s*){3,}$/.test(line) || /^\s*(```|~~~)/.test(line)) return close();
    if ((m = /^\s{0,3}(#{1,6})\s+(.*)$/.exec(line))) {
      close();
      blocks.push({ kind: 'heading', text: m[2], line: lineNo });
      return;
    }
    if (/^\s*\|/.test(line)) {
      close();
      if (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line)) return; // delimiter row
      const cells = line
        .trim()
        .replace(/^\|/, '')
        .replace(/(?<!\\)\|$/, '')
        .split(/(?<!\\)\|/)
        .map((c) => c.trim().replace(/\\\|/g, '|'));
      blocks.push({ kind: 'table row', text: cells.join(' '), line: lineNo });
      return;
    }
    const bq = line.replace(/^\s*(>\s?)+/, '');
    if ((m = /^(\s*)(?:[-*+]|\d{1,9}[.)])\s+(.*)$/.exec(bq))) {
      close();
      cur = { kind: 'list item', text: m[2], line: lineNo };
      return;
    }
    if (cur) cur.text += ' ' + bq.trim();
    else cur = { kind: 'paragraph', text: bq.trim(), line: lineNo };
  });
  close();
  return blocks
    .map((b) => ({ ...b, text: fold(stripInline(b.text)) }))
    .filter((b) => b.text.length > 0);
}

/** A scraped list marker at the start of a seed line ("1. ", "• "): markup, not a sentence. */
const SEED_MARKER = /^(?:\d{1,3}\.|[•●▪◦‣·*+-])\s+/u;

/** Folded seed text plus, for each non-blank seed line, its folded offset and text (list marker excluded). */
function foldSeed(raw) {
  const parts = [];
  const lines = [];
  let pos = 0;
  raw.split(/\r?\n/).forEach((l, i) => {
    const f = fold(l);
    if (!f) return;
    if (parts.length) pos += 1;
    const marker = SEED_MARKER.exec(f)?.[0].length ?? 0;
    lines.push({ line: i + 1, start: pos + marker, text: f.slice(marker) });
    parts.push(f);
    pos += f.length;
  });
  return { text: parts.join(' '), lines };
}

/** Next occurrence of needle in hay at or after from, on word boundaries (space or either end). */
function findAt(hay, needle, from) {
  let i = hay.indexOf(needle, from);
  while (i >= 0) {
    const before = i === 0 || hay[i - 1] === ' ';
    const end = i + needle.length;
    const after = end === hay.length || hay[end] === ' ';
    if (before && after) return i;
    i = hay.indexOf(needle, i + 1);
  }
  return -1;
}

const files = existsSync(corpusDir)
  ? readdirSync(corpusDir).filter((f) => f.endsWith('.md')).sort()
  : [];
if (!files.length) {
  console.error(`No .md files in ${corpusDir}`);
  process.exit(1);
}

let failures = 0;
for (const file of files) {
  const problems = [];
  const { meta, body, bodyLine } = parseFrontMatter(readFileSync(join(corpusDir, file), 'utf8'));
  const source = meta?.source;
  if (!source) {
    console.log(`\n✗ ${file}: no front matter with a \`source\` field`);
    failures++;
    continue;
  }
  const seedPath = join(seedsDir, basename(source));
  if (!existsSync(seedPath)) {
    console.log(`\n✗ ${file}: source ${source} not found in ${seedsDir}`);
    failures++;
    continue;
  }
  const seed = foldSeed(readFileSync(seedPath, 'utf8'));
  const covered = new Uint8Array(seed.text.length);
  const blocks = markdownBlocks(body, bodyLine);

  let cursor = 0;
  let sentenceCount = 0;
  for (const [bi, b] of blocks.entries()) {
    const sents = sentences(b.text);
    sentenceCount += sents.length;
    const missing = sents.filter((s) => !seed.text.includes(s.text));
    for (const s of missing) problems.push(`line ${b.line} (${b.kind}): sentence not in seed:\n      "${s.text}"`);
    if (missing.length) continue;
    let at = findAt(seed.text, b.text, cursor);
    if (at < 0) {
      const earlier = findAt(seed.text, b.text, 0);
      if (earlier < 0) {
        problems.push(`line ${b.line} (${b.kind}): sentences are in the seed but not together as one block (merged?):\n      "${b.text}"`);
        continue;
      }
      problems.push(`line ${b.line} (${b.kind}): out of the seed's order (reordered?):\n      "${b.text}"`);
      at = earlier;
    } else {
      // A block can occur more than once (a heading also listed in a table of contents, a title
      // repeated): take the last occurrence that still comes before the next block.
      const next = blocks[bi + 1]?.text;
      const nextAt = next ? findAt(seed.text, next, at + b.text.length) : -1;
      if (nextAt >= 0) {
        for (let j = findAt(seed.text, b.text, at + 1); j >= 0 && j + b.text.length <= nextAt; j = findAt(seed.text, b.text, j + 1)) at = j;
      }
      cursor = at + b.text.length;
    }
    covered.fill(1, at, at + b.text.length);
  }

  // Seed sentences the corpus file does not keep.
  const dropped = [];
  for (const l of seed.lines) {
    for (const s of sentences(l.text, l.start)) {
      let n = 0;
      for (let k = s.start; k < s.start + s.text.length; k++) n += covered[k];
      if (n === 0) dropped.push({ line: l.line, text: s.text });
      else if (n < s.text.length) {
        // Kept only in part: part of a seed sentence was cut out.
        const kept = [...s.text].map((ch, k) => (covered[s.start + k] ? ch : '␣')).join('');
        const onlySpaces = [...s.text].every((ch, k) => covered[s.start + k] || ch === ' ');
        if (!onlySpaces) problems.push(`seed line ${l.line}: sentence only partly kept:\n      "${s.text}"\n      kept: "${kept}"`);
      }
    }
  }

  const ok = problems.length === 0;
  if (!ok) failures++;
  console.log(
    `\n${ok ? '✓' : '✗'} ${file} ← ${source}: ${blocks.length} blocks, ${sentenceCount} sentences checked; ` +
      `${dropped.length} seed sentence(s) dropped`,
  );
  for (const p of problems) console.log(`    ${p}`);
  if (listDropped) for (const d of dropped) console.log(`    - dropped (seed line ${d.line}): ${d.text}`);
}

console.log(failures ? `\n${failures} file(s) failed the verbatim check.` : `\nAll ${files.length} corpus files are verbatim.`);
process.exit(failures ? 1 : 0);
