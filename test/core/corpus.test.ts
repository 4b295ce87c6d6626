import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { parseDocument } from '../../src/corpus/parseDocument.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corpus-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const parse = (file: string, text: string) => {
  const result = parseDocument({ file, id: 'doc', text });
  if ('code' in result) throw new Error(`unexpected warning ${result.code}: ${result.message}`);
  return result;
};

describe('loadCorpus', () => {
  it('loads the seed corpus: five documents with titles, sources and passages', async () => {
    const corpus = await loadCorpus('corpus');
    expect(corpus.warnings).toEqual([]);
    expect(corpus.documents).toHaveLength(5);
    const sources = corpus.documents.map((d) => d.meta.source).sort();
    expect(sources).toEqual([
      '000_94f2df99f9bc0867.txt',
      '001_f994fda6e5991d11.txt',
      '002_c6345f81c1e1c045.txt',
      '003_d19794c046407e08.txt',
      '004_1bff9431c34c16f8.txt',
    ]);
    const vlink = corpus.documents.find((d) => d.meta.source.startsWith('004'))!;
    expect(vlink.meta).toMatchObject({
      title: 'What Does a Back-End Developer Do?',
      author: 'Nikhil Khandelwal',
      date: '2024-06-14',
    });
    expect(corpus.passages.length).toBeGreaterThan(150);
  });

  it('skips binary, non-UTF-8, empty and broken-front-matter files with a warning naming each, and loads the rest', async () => {
    await writeFile(join(dir, 'good.md'), '# Good\n\nDeployment pipelines are owned by the platform team.\n');
    await writeFile(join(dir, 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    await writeFile(join(dir, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff, 0xfe]));
    await writeFile(join(dir, 'empty.md'), '   \n\n');
    await writeFile(join(dir, 'unclosed.md'), '---\ntitle: Never closed\n\nSome text.\n');
    await writeFile(join(dir, 'badyaml.md'), '---\ntitle: [unbalanced\n---\n\nSome text.\n');
    await writeFile(join(dir, 'notes.pdf'), 'ignored: not a corpus extension');
    const corpus = await loadCorpus(dir);
    expect(corpus.documents.map((d) => d.file)).toEqual(['good.md']);
    const byFile = Object.fromEntries(corpus.warnings.map((w) => [w.file, w.code]));
    expect(byFile).toEqual({
      'badyaml.md': 'BAD_FRONT_MATTER',
      'binary.md': 'NOT_TEXT',
      'empty.md': 'EMPTY',
      'latin1.txt': 'NOT_TEXT',
      'unclosed.md': 'BAD_FRONT_MATTER',
    });
  });

  it('indexes files in subfolders, gives each a unique URL-safe id, and reports progress', async () => {
    await mkdir(join(dir, 'Team Docs'));
    await writeFile(join(dir, 'Team Docs', 'On Call.md'), 'Pager duty rotates weekly.\n');
    await writeFile(join(dir, 'on-call.txt'), 'Another on call note.\n');
    const progress: number[] = [];
    const corpus = await loadCorpus(dir, { onProgress: (done) => progress.push(done) });
    expect(corpus.documents.map((d) => d.id).sort()).toEqual(['on-call', 'team-docs-on-call']);
    expect(progress).toEqual([1, 2]);
  });
});

describe('parseDocument', () => {
  it('takes the title from front matter, else the first # heading, else the file name', () => {
    expect(parse('a.md', '---\ntitle: From Front Matter\n---\n# Heading\n\nText here.').document.meta.title).toBe(
      'From Front Matter',
    );
    expect(parse('a.md', '# The Heading\n\nText here.').document.meta.title).toBe('The Heading');
    expect(parse('deploy_guide.md', '## Only a subsection\n\nText here.').document.meta.title).toBe('Deploy guide');
    expect(parse('release-notes.txt', 'Plain text.').document.meta.title).toBe('Release notes');
  });

  it('splits plain text into paragraphs and Markdown into passages with section paths and slugs', () => {
    const txt = parse(
      'n.txt',
      'First paragraph line one\nline two continues.\n\nSecond paragraph stands alone and is long enough to be its own passage in the index.',
    );
    expect(txt.passages.map((p) => p.text)).toEqual([
      'First paragraph line one line two continues.\nSecond paragraph stands alone and is long enough to be its own passage in the index.',
    ]);

    const md = parse(
      'm.md',
      '# Guide\n\n## Deploying\n\n### Step One\n\nRun the **deploy** script from the [ops repo](https://example.com) before noon on weekdays only, please.\n\n### Step One\n\nA repeated heading gets its own anchor so both sections can be linked separately.',
    );
    expect(md.passages[0]).toMatchObject({
      sectionPath: ['Guide', 'Deploying', 'Step One'],
      sectionSlug: 'step-one',
      text: 'Run the deploy script from the ops repo before noon on weekdays only, please.',
      position: 0,
    });
    expect(md.passages[1]!.sectionSlug).toBe('step-one-1');
    expect(md.document.sections.map((s) => s.slug)).toEqual(['guide', 'deploying', 'step-one', 'step-one-1']);
  });

  it('quotes a list of short items as one passage with the sentence that introduces it', () => {
    const { passages } = parse(
      'l.md',
      '## Languages\n\nCommon choices include:\n\n- Python\n- Java\n- Go\n\nA closing paragraph that is long enough to stand on its own as a separate passage here.',
    );
    expect(passages[0]!.text).toBe('Common choices include:\nPython\nJava\nGo');
    expect(passages).toHaveLength(2);
  });

  it('quotes a sentence that closes its section with the subsections it introduces, their headings its items', () => {
    const { passages } = parse(
      'types.md',
      '## Types of developers\n\nHere are the types:\n\n### Database Specialists\n\nThey design schemas.\n\n#### Tools\n\nSQL.\n\n### Security Developer\n\nThey protect data.\n\n## Salaries\n\nPay varies.',
    );
    expect(passages[0]!.text).toBe('Here are the types:\nDatabase Specialists\nSecurity Developer');
    expect(passages.map((p) => p.text).slice(1)).toEqual([
      'They design schemas.',
      'SQL.',
      'They protect data.',
      'Pay varies.',
    ]);
  });

  it('keeps labelled and long list items as passages of their own', () => {
    const long = 'x'.repeat(200);
    const { passages } = parse(
      'l.md',
      `## Duties\n\n- Server Management: keep servers healthy.\n- Database Design: plan schemas.\n- ${long}\n`,
    );
    expect(passages.map((p) => p.text)).toEqual([
      'Server Management: keep servers healthy.',
      'Database Design: plan schemas.',
      long,
    ]);
  });

  it('turns a table into one passage, cells kept verbatim', () => {
    const { passages } = parse(
      't.md',
      '| Tool | Use |\n| --- | --- |\n| Docker | Containers for apps |\n| Git | Version control |\n',
    );
    expect(passages[0]!.text).toBe('Tool | Use\nDocker | Containers for apps\nGit | Version control');
  });

  it("keeps every seed sentence verbatim in the corpus (the corpus check passes, on the bot's own parser)", async () => {
    const { execFileSync } = await import('node:child_process');
    const check = ['--import', 'tsx', 'scripts/check-corpus-verbatim.ts', 'test/fixtures/seeds'];
    const out = execFileSync(process.execPath, check, { encoding: 'utf8' });
    expect(out).toMatch(/All 5 corpus files are verbatim/);
    expect(out).toMatch(/000_94f2df99f9bc0867/);
    const corpus = await loadCorpus('corpus');
    const seed = await readFile('test/fixtures/seeds/004_1bff9431c34c16f8.txt', 'utf8');
    const devops = corpus.passages.find((p) => p.sectionPath.at(-1)?.includes('DevOps Developer'))!;
    expect(seed.replace(/\s+/g, ' ')).toContain(devops.text.split('\n')[0]!.replace(/\s+/g, ' '));
  }, 30_000);
});
