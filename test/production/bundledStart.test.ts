/**
 * What `npm start` runs is the bundle scripts/bundle.ts makes of src/main.ts (dist/start/), not the sources the other
 * tests run: this builds it afresh and starts it as a process, in Slack HTTP mode and in Socket Mode, against the
 * stand-in Slack. Ready means answering: the first slash command after the `ready` line is answered from the corpus.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundleStart } from '../../scripts/bundle.js';
import { normalizeQuote, sourceSection } from '../support/corpusOracle.js';
import { postToSlackEvents, slashCommandBody, startFakeSlack, type FakeSlack } from '../support/fakeSlack.js';
import { quotes, type SentMessage } from '../slack/readMessage.js';
import { CORPUS, REPO, scratchDir, spawnBot, type BotProcess } from './botProcess.js';

const BOT_TOKEN = 'xoxb-1-2-bundledStartBotToken';
const SIGNING_SECRET = 'bundled-start-signing-secret';
const APP_TOKEN = 'xapp-1-A0APP-bundledStartAppToken';
const ACTOR = { teamId: 'T0TEAM', userId: 'U0ASKER', userName: 'jane.doe' };
const QUESTION = 'what does a DevOps developer do';
const devops = sourceSection('DevOps Developer');

// Inside the repository (test-output/ is ignored), so the bundle finds node_modules and the playground's files.
let outDir: string;
let fake: FakeSlack;
const running: BotProcess[] = [];

beforeAll(async () => {
  mkdirSync(join(REPO, 'test-output'), { recursive: true });
  outDir = mkdtempSync(join(REPO, 'test-output', 'bundle-'));
  await bundleStart(REPO, outDir);
  fake = await startFakeSlack({ botToken: BOT_TOKEN, appToken: APP_TOKEN });
}, 60_000);

afterEach(async () => {
  for (const bot of running.splice(0)) {
    bot.child.kill('SIGTERM');
    await bot.exited;
  }
});

afterAll(async () => {
  await fake?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

function start(env: Record<string, string>): BotProcess {
  const bot = spawnBot(
    {
      PORT: '0',
      CORPUS_DIR: CORPUS,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      ...env,
    },
    undefined,
    join(outDir, 'main.js'),
  );
  running.push(bot);
  return bot;
}

/** Waits for `ready`, then asks at once: /healthz and the slash command's answer. */
async function askOnceReady(bot: BotProcess): Promise<{ health: number; answer: SentMessage }> {
  const port = await bot.port();
  await bot.waitForLog((l) => l.msg === 'ready', 30_000);
  const health = (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
  const res = await postToSlackEvents(
    `http://127.0.0.1:${port}/slack/events`,
    slashCommandBody(ACTOR, QUESTION, fake.responseUrl()),
    { signingSecret: SIGNING_SECRET },
  );
  expect(res.status).toBe(200);
  return { health, answer: JSON.parse(res.text) as SentMessage };
}

describe('the bundled start (npm start)', () => {
  it('indexes an empty DATA_DIR, answers once ready, saves the index, and the next start loads it', async () => {
    const dataDir = scratchDir('bundled-data');
    const first = start({ DATA_DIR: dataDir });
    const { health, answer } = await askOnceReady(first);
    expect(health).toBe(200);
    expect(devops.paragraph).toContain(normalizeQuote(quotes(answer)[0]!));
    expect((await first.waitForLog((l) => l.msg === 'corpus loaded')).source).toBe('corpus');
    // Saved after ready, before the store opens.
    await first.waitForLog((l) => l.msg === 'store ready');
    expect(existsSync(join(dataDir, 'index.json'))).toBe(true);
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);

    const loadedFile = join(scratchDir('bundled-modules'), 'loaded.json');
    const second = start({
      DATA_DIR: dataDir,
      NODE_OPTIONS: `--import=${pathToFileURL(join(REPO, 'test/support/recordLoadedModules.mjs')).href}`,
      LOADED_MODULES_FILE: loadedFile,
    });
    const again = await askOnceReady(second);
    expect(again.health).toBe(200);
    expect((await second.waitForLog((l) => l.msg === 'corpus loaded')).source).toBe('snapshot');
    expect(quotes(again.answer)).toEqual(quotes(answer));

    // A Slack-only start (HTTP mode, SQLite store) loads the packages it uses and none of the others'.
    await second.waitForLog((l) => l.msg === 'store ready');
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
    const packages = new Set(
      (JSON.parse(readFileSync(loadedFile, 'utf8')) as string[]).flatMap(
        (file) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1] ?? [],
      ),
    );
    expect(packages).toContain('better-sqlite3');
    expect(packages).toContain('kysely');
    for (const unused of ['discord.js', 'pg', '@slack/socket-mode', '@slack/oauth']) {
      expect(packages, unused).not.toContain(unused);
    }
  }, 60_000);

  it('connects over Socket Mode and answers a slash command in the envelope ack', async () => {
    const bot = start({ DATA_DIR: scratchDir('bundled-socket'), SLACK_APP_TOKEN: APP_TOKEN });
    await bot.waitForLog((l) => l.msg === 'ready', 30_000);
    const ack = await fake.sendEnvelope({
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        team_id: ACTOR.teamId,
        channel_id: 'C0GENERAL',
        user_id: ACTOR.userId,
        user_name: ACTOR.userName,
        command: '/backend',
        text: QUESTION,
        api_app_id: 'A0APP',
        response_url: fake.responseUrl(),
        trigger_id: '1.2.3',
      },
    });
    expect(devops.paragraph).toContain(normalizeQuote(quotes(ack.payload!)[0]!));
  }, 60_000);
});
