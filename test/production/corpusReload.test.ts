import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, scratchDir } from './botProcess.js';
import { startTestBot, type TestBot } from './inProcessBot.js';

const NEW_QUESTION = 'what is a quokka release train';
const NEW_DOC = `---
title: Release Trains for Quokka Teams
author: Test Writer
date: 2024-05-01
---

# Release Trains for Quokka Teams

## What is a quokka release train?

A quokka release train is a fixed weekly schedule on which every backend service ships, whether or not a feature is ready, so that releases stay small and boring.
`;
const OLD_QUESTION = 'what does a DevOps developer do';

// Each rebuild indexes the corpus again; on a busy 2-core machine that takes seconds.
describe('hot corpus reload', { timeout: 20_000 }, () => {
  const corpusDir = join(scratchDir('reload'), 'corpus');
  let t: TestBot;

  beforeAll(async () => {
    mkdirSync(corpusDir);
    for (const file of readdirSync(CORPUS).filter((f) => f.endsWith('.md')))
      copyFileSync(join(CORPUS, file), join(corpusDir, file));
    // The test polls /api/ask while the reload runs: lift the per-user limit it would otherwise hit.
    t = await startTestBot({
      CORPUS_DIR: corpusDir,
      DATA_DIR: scratchDir('reload-data'),
      RATE_LIMIT_PER_MINUTE: '10000',
    });
  });
  afterAll(async () => {
    await t.bot.stop('test over');
  });

  const reloads = () =>
    t.logs.filter((l) => l.msg === 'corpus reloaded' || l.msg.startsWith('corpus reload failed')).length;

  it('answers from a file added while running, without a restart', async () => {
    expect((await t.ask(NEW_QUESTION)).body.declined).toBe(true);
    const before = reloads();
    writeFileSync(join(corpusDir, 'quokka-release-trains.md'), NEW_DOC);
    // The watcher noticed (a reload was logged); then make sure a rebuild has read the file as written.
    await t.waitForLog(() => reloads() > before);
    await t.bot.reloadCorpus();
    const docs = ((await t.ask(NEW_QUESTION)).body.answers ?? []).map((a) => a.doc);
    expect(docs[0]).toBe('quokka-release-trains');
    expect(t.bot.service.documents().some((d) => d.meta.title === 'Release Trains for Quokka Teams')).toBe(true);
    const metrics = await (await t.get('/metrics')).text();
    expect(metrics).toMatch(new RegExp(`^bot_corpus_documents ${readdirSync(corpusDir).length}$`, 'm'));
  });

  it('skips a broken file with a warning naming it, and keeps answering from the rest', async () => {
    const before = reloads();
    writeFileSync(join(corpusDir, 'broken.md'), Buffer.from([0x23, 0x20, 0x00, 0xff, 0xfe, 0x00, 0x41]));
    await t.waitForLog(() => reloads() > before);
    const warning = t.logs.find((l) => l.level === 'warn' && l.file === 'broken.md');
    expect(warning?.msg).toContain('broken.md');
    expect((await t.ask(NEW_QUESTION)).body.answers?.[0]?.doc).toBe('quokka-release-trains');
    expect((await t.ask(OLD_QUESTION)).body.declined).toBe(false);
    const metrics = await (await t.get('/metrics')).text();
    expect(metrics).toMatch(/^bot_corpus_skipped_files 1$/m);
  });

  it('keeps serving the last good index when a rebuild fails (every file broken)', async () => {
    const before = reloads();
    for (const file of readdirSync(corpusDir)) writeFileSync(join(corpusDir, file), Buffer.from([0, 1, 2, 3]));
    await t.waitForLog(() => reloads() > before && t.logs.some((l) => l.msg.startsWith('corpus reload failed')));
    // The watcher may see the writes as more than one batch: wait for a rebuild of the folder as it now is.
    expect(await t.bot.reloadCorpus()).toBe(false);
    expect(t.logs.find((l) => l.msg.startsWith('corpus reload failed'))).toMatchObject({
      level: 'error',
      code: 'CORPUS_EMPTY',
    });
    expect((await t.ask(NEW_QUESTION)).body.answers?.[0]?.doc).toBe('quokka-release-trains');
    expect((await t.ask(OLD_QUESTION)).body.declined).toBe(false);
    const metrics = await (await t.get('/metrics')).text();
    expect(Number(/^bot_corpus_reload_failures_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
  });

  it('keeps serving when the corpus folder itself disappears', async () => {
    const failures = () => t.logs.filter((l) => l.msg.startsWith('corpus reload failed')).length;
    const before = failures();
    rmSync(corpusDir, { recursive: true });
    await t.waitForLog(() => failures() > before);
    expect((await t.ask(NEW_QUESTION)).body.answers?.[0]?.doc).toBe('quokka-release-trains');
    expect((await t.get('/healthz')).status).toBe(200);
  });
});
