import { existsSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { createLogger } from '../../src/log.js';
import { startBot } from '../../src/main.js';
import { CORPUS, scratchDir, spawnBot } from '../production/botProcess.js';
import { APPLICATION_ID, FakeShardedDiscord } from '../production/fakeShardedDiscord.js';

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const refusesConnections = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

const SLACK_TOKEN = 'xoxb-9999-8888-VeryPrivateSlackToken';
const SIGNING_SECRET = 'very-private-signing-secret-abcdef';
const DISCORD_TOKEN = 'MTAxVeryPrivate.DiscordToken.abcdefghijklmnopqrstuvwxyz';

/** Bad environments as an operator would write them, and the variable the one line must name. */
const CASES: { case: string; env: Record<string, string>; variable: string }[] = [
  { case: 'non-numeric PORT', env: { PORT: 'eighty', CORPUS_DIR: CORPUS }, variable: 'PORT' },
  {
    case: 'Slack token without its signing secret',
    env: { SLACK_BOT_TOKEN: SLACK_TOKEN, CORPUS_DIR: CORPUS },
    variable: 'SLACK_SIGNING_SECRET',
  },
  {
    case: 'missing corpus folder',
    env: { CORPUS_DIR: '/no/such/corpus', SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET },
    variable: 'CORPUS_DIR',
  },
  {
    case: 'Discord token without its application id',
    env: { DISCORD_TOKEN, CORPUS_DIR: CORPUS },
    variable: 'DISCORD_APPLICATION_ID',
  },
];

describe('a bad setting stops start-up at once', () => {
  it('the process exits 1 with a single line on stderr naming the variable, and never a secret', async () => {
    const runs = CASES.map((c) => ({ ...c, bot: spawnBot(c.env) }));
    for (const run of runs) {
      const { code, afterMs } = await run.bot.exited;
      const lines = run.bot.stderr().trimEnd().split('\n');
      expect(code, run.case).toBe(1);
      expect(lines, run.case).toHaveLength(1);
      expect(lines[0], run.case).toMatch(new RegExp(`^Configuration error: ${run.variable}: `));
      for (const secret of [SLACK_TOKEN, SIGNING_SECRET, DISCORD_TOKEN]) {
        expect(run.bot.stderr() + run.bot.stdout(), run.case).not.toContain(secret);
      }
      // Nothing started: no log line, no "listening".
      expect(run.bot.stdout(), run.case).toBe('');
      // The TypeScript loader alone takes about a second here, and the cases start together on two cores (over 10 s
      // on a loaded machine); the compiled `npm start` exits in well under one. A bot that waited on anything (a
      // network call, indexing) would not exit at all.
      expect(afterMs, run.case).toBeLessThan(20_000);
    }
  }, 60_000);

  it('a CHANNELS_FILE with mistakes stops start-up with one line per mistake, each naming CHANNELS_FILE', async () => {
    const dir = scratchDir('channels-file');
    const file = join(dir, 'channels.yml');
    writeFileSync(file, 'slack:\n  C0ASK: { mode: always }\n  C0OTHER: { confidence: 2 }\n');
    const bot = spawnBot({ CORPUS_DIR: CORPUS, CHANNELS_FILE: file });
    const { code } = await bot.exited;
    expect(code).toBe(1);
    expect(bot.stderr().trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /^Configuration error: CHANNELS_FILE: .*channels\.yml: slack\.C0ASK\.mode: must be one of all-questions, mentions, off$/,
      ),
      expect.stringMatching(/^CHANNELS_FILE: .*channels\.yml: slack\.C0OTHER\.confidence: must be from .* to 1$/),
    ]);
    expect(bot.stdout()).toBe('');
  }, 30_000);

  it('startBot rejects with the ConfigError before opening anything, well within a second', async () => {
    const dataDir = join(scratchDir('bad-config'), 'data');
    const started = performance.now();
    await expect(startBot({ PORT: '3000x', DATA_DIR: dataDir, CORPUS_DIR: CORPUS })).rejects.toBeInstanceOf(
      ConfigError,
    );
    expect(performance.now() - started).toBeLessThan(1000);
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe('a platform that refuses the credentials at start', () => {
  it('fails start-up with a logged reason, no token in it, and releases what had started', async () => {
    const fake = await FakeShardedDiscord.start({ recommendedShards: 1 });
    const wrongToken = 'MTAxWrongToken.Value.abcdefghijklmnopqrstuvwxyz98765';
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      pretty: false,
      destination: { write: (line: string) => void lines.push(line) },
    });
    const port = await freePort();
    try {
      await expect(
        startBot(
          {
            PORT: String(port),
            CORPUS_DIR: CORPUS,
            DATA_DIR: scratchDir('refused'),
            DISCORD_TOKEN: wrongToken,
            DISCORD_APPLICATION_ID: APPLICATION_ID,
            DISCORD_API_URL: fake.apiUrl,
          },
          { logger },
        ),
      ).rejects.toThrow(/DISCORD_TOKEN/);
      const fatal = lines.map((l) => JSON.parse(l) as { level: string; msg: string }).find((l) => l.level === 'fatal');
      expect(fatal?.msg).toMatch(/^could not start: Discord login failed/);
      expect(lines.join('\n')).not.toContain(wrongToken);
      expect(await refusesConnections(port)).toBe(true);
    } finally {
      await fake.close();
    }
  });
});

describe('an empty corpus folder or a port in use is a configuration error too', () => {
  /** Starts the bot in-process with its log lines captured. */
  async function startFailure(env: Record<string, string>) {
    const lines: { level: string; msg: string }[] = [];
    const logger = createLogger({
      level: 'info',
      pretty: false,
      destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
    });
    const error = await startBot({ DATA_DIR: scratchDir('start-failure'), ...env }, { logger }).then(
      () => undefined,
      (e: unknown) => e,
    );
    return { error, lines };
  }

  it('names CORPUS_DIR when the folder has no document, with no fatal log line or stack', async () => {
    const { error, lines } = await startFailure({ CORPUS_DIR: scratchDir('empty-corpus'), PORT: '0' });
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('CORPUS_DIR');
    expect((error as ConfigError).message).toMatch(
      /^CORPUS_DIR: no usable document in .*add \.md, \.markdown or \.txt files/,
    );
    expect(lines.filter((l) => l.level === 'fatal')).toEqual([]);
  }, 20_000);

  it('names PORT when the port is already taken', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => taken.once('listening', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const { error, lines } = await startFailure({ CORPUS_DIR: CORPUS, PORT: String(port), WATCH_CORPUS: 'false' });
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toBe(
        `PORT: port ${port} is already in use; stop the other server or choose another PORT`,
      );
      expect(lines.filter((l) => l.level === 'fatal')).toEqual([]);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  }, 20_000);
});
