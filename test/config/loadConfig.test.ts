import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig, loadDotenv } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';

const REPO = join(import.meta.dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'config-test-'));
const aFile = join(scratch, 'not-a-folder.txt');
writeFileSync(aFile, 'x');

/** Values a person would not want to see in a terminal or a log, whatever else goes wrong. */
const SECRETS = {
  SLACK_BOT_TOKEN: 'xoxb-111-222-SlackBotSecretValue',
  SLACK_SIGNING_SECRET: 'signing-secret-value-9f8e7d6c',
  SLACK_APP_TOKEN: 'xapp-1-A1-333-SlackAppSecretValue',
  DISCORD_TOKEN: 'MTAxDiscordBotSecret.GhIjKl.MnOpQrStUvWxYz0123456789',
  INSIGHTS_TOKEN: 'insights-secret-value-0123456789',
};

/** Each malformed or incomplete setting, the variable the error must name, and the env it happens in. */
const BAD: { case: string; env: Record<string, string>; variable: string }[] = [
  { case: 'non-numeric PORT', env: { PORT: 'http' }, variable: 'PORT' },
  { case: 'PORT out of range', env: { PORT: '70000' }, variable: 'PORT' },
  { case: 'PUBLIC_URL that is not a URL', env: { PUBLIC_URL: 'bot.example.com' }, variable: 'PUBLIC_URL' },
  { case: 'CORPUS_DIR that does not exist', env: { CORPUS_DIR: join(scratch, 'missing') }, variable: 'CORPUS_DIR' },
  { case: 'CORPUS_DIR that is a file', env: { CORPUS_DIR: aFile }, variable: 'CORPUS_DIR' },
  { case: 'DATA_DIR that is a file', env: { DATA_DIR: aFile }, variable: 'DATA_DIR' },
  { case: 'unknown LOG_LEVEL', env: { LOG_LEVEL: 'loud' }, variable: 'LOG_LEVEL' },
  { case: 'unknown LOG_FORMAT', env: { LOG_FORMAT: 'xml' }, variable: 'LOG_FORMAT' },
  {
    case: 'SLACK_QA_CHANNELS with a channel name',
    env: { SLACK_QA_CHANNELS: 'C0ASK,#ask-backend' },
    variable: 'SLACK_QA_CHANNELS',
  },
  {
    case: 'DISCORD_QA_CHANNELS with a name',
    env: { DISCORD_QA_CHANNELS: 'help-forum' },
    variable: 'DISCORD_QA_CHANNELS',
  },
  {
    case: 'DISCORD_MESSAGE_CONTENT not a boolean',
    env: { DISCORD_MESSAGE_CONTENT: 'enabled' },
    variable: 'DISCORD_MESSAGE_CONTENT',
  },
  {
    case: 'CHANNELS_FILE that does not exist',
    env: { CHANNELS_FILE: join(scratch, 'channels.yml') },
    variable: 'CHANNELS_FILE',
  },
  {
    case: 'Slack token without its signing secret',
    env: { SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN },
    variable: 'SLACK_SIGNING_SECRET',
  },
  {
    case: 'Slack signing secret without a token',
    env: { SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET },
    variable: 'SLACK_BOT_TOKEN',
  },
  {
    case: 'Slack app token alone',
    env: { SLACK_APP_TOKEN: SECRETS.SLACK_APP_TOKEN },
    variable: 'SLACK_BOT_TOKEN',
  },
  {
    case: 'Slack bot token of the wrong kind',
    env: { SLACK_BOT_TOKEN: 'xoxp-user-token-SecretValue', SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET },
    variable: 'SLACK_BOT_TOKEN',
  },
  {
    case: 'Slack app token of the wrong kind',
    env: { ...pick('SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'), SLACK_APP_TOKEN: 'xoxb-not-an-app-SecretValue' },
    variable: 'SLACK_APP_TOKEN',
  },
  {
    case: 'Discord token without the application id',
    env: { DISCORD_TOKEN: SECRETS.DISCORD_TOKEN },
    variable: 'DISCORD_APPLICATION_ID',
  },
  {
    case: 'Discord application id without a token',
    env: { DISCORD_APPLICATION_ID: '123456789012' },
    variable: 'DISCORD_TOKEN',
  },
  { case: 'DISCORD_SHARDS without Discord', env: { DISCORD_SHARDS: 'auto' }, variable: 'DISCORD_TOKEN' },
  {
    case: 'non-numeric Discord application id',
    env: { DISCORD_TOKEN: SECRETS.DISCORD_TOKEN, DISCORD_APPLICATION_ID: 'my-bot' },
    variable: 'DISCORD_APPLICATION_ID',
  },
  {
    case: 'DISCORD_SHARDS neither auto nor a number',
    env: { DISCORD_TOKEN: SECRETS.DISCORD_TOKEN, DISCORD_APPLICATION_ID: '123456789012', DISCORD_SHARDS: 'lots' },
    variable: 'DISCORD_SHARDS',
  },
  { case: 'short INSIGHTS_TOKEN', env: { INSIGHTS_TOKEN: 'abc12' }, variable: 'INSIGHTS_TOKEN' },
  { case: 'STORE_USER_IDS not a boolean', env: { STORE_USER_IDS: 'maybe' }, variable: 'STORE_USER_IDS' },
  { case: 'WATCH_CORPUS not a boolean', env: { WATCH_CORPUS: 'sometimes' }, variable: 'WATCH_CORPUS' },
  { case: 'zero RATE_LIMIT_PER_MINUTE', env: { RATE_LIMIT_PER_MINUTE: '0' }, variable: 'RATE_LIMIT_PER_MINUTE' },
  {
    case: 'fractional RATE_LIMIT_PER_MINUTE',
    env: { RATE_LIMIT_PER_MINUTE: '1.5' },
    variable: 'RATE_LIMIT_PER_MINUTE',
  },
  { case: 'non-numeric MAX_CONCURRENT', env: { MAX_CONCURRENT: 'many' }, variable: 'MAX_CONCURRENT' },
  { case: 'negative MAX_QUEUED', env: { MAX_QUEUED: '-1' }, variable: 'MAX_QUEUED' },
  {
    case: 'non-numeric SHUTDOWN_TIMEOUT_SECONDS',
    env: { SHUTDOWN_TIMEOUT_SECONDS: '10s' },
    variable: 'SHUTDOWN_TIMEOUT_SECONDS',
  },
  {
    case: 'DATABASE_URL of another database',
    env: { DATABASE_URL: 'mysql://bot:secret-db-password@db/bot' },
    variable: 'DATABASE_URL',
  },
  {
    case: 'DATABASE_URL that is not a URL',
    env: { DATABASE_URL: 'postgres://bot:secret-db-password@db:port/bot' },
    variable: 'DATABASE_URL',
  },
  { case: 'zero DATABASE_POOL_MAX', env: { DATABASE_POOL_MAX: '0' }, variable: 'DATABASE_POOL_MAX' },
  {
    case: 'DATABASE_STATEMENT_TIMEOUT_MS with a unit',
    env: { DATABASE_STATEMENT_TIMEOUT_MS: '2s' },
    variable: 'DATABASE_STATEMENT_TIMEOUT_MS',
  },
  {
    case: 'TRUST_PROXY=true (would let any client pick its address)',
    env: { TRUST_PROXY: 'true' },
    variable: 'TRUST_PROXY',
  },
  { case: 'TRUST_PROXY that is no address', env: { TRUST_PROXY: 'my-ingress' }, variable: 'TRUST_PROXY' },
  {
    case: 'SLACK_MENTOR_CHANNEL without its group',
    env: { ...pick('SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'), SLACK_MENTOR_CHANNEL: 'C0MENTORS' },
    variable: 'SLACK_MENTOR_GROUP',
  },
  {
    case: 'SLACK_MENTOR_GROUP without its channel',
    env: { ...pick('SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'), SLACK_MENTOR_GROUP: 'S0MENTORS' },
    variable: 'SLACK_MENTOR_CHANNEL',
  },
  {
    case: 'SLACK_MENTOR_GROUP that is a handle, not an id',
    env: {
      ...pick('SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'),
      SLACK_MENTOR_CHANNEL: 'C0MENTORS',
      SLACK_MENTOR_GROUP: '@mentors',
    },
    variable: 'SLACK_MENTOR_GROUP',
  },
  {
    case: 'Slack mentors without Slack',
    env: { SLACK_MENTOR_CHANNEL: 'C0MENTORS', SLACK_MENTOR_GROUP: 'S0MENTORS' },
    variable: 'SLACK_BOT_TOKEN',
  },
  {
    case: 'DISCORD_MENTOR_ROLE without its channel',
    env: { ...pick('DISCORD_TOKEN'), DISCORD_APPLICATION_ID: '123456789012', DISCORD_MENTOR_ROLE: '223456789012' },
    variable: 'DISCORD_MENTOR_CHANNEL',
  },
  {
    case: 'DISCORD_MENTOR_ROLE that is a name',
    env: {
      ...pick('DISCORD_TOKEN'),
      DISCORD_APPLICATION_ID: '123456789012',
      DISCORD_MENTOR_CHANNEL: '323456789012',
      DISCORD_MENTOR_ROLE: '@Mentors',
    },
    variable: 'DISCORD_MENTOR_ROLE',
  },
  { case: 'zero MENTOR_REPOST_MINUTES', env: { MENTOR_REPOST_MINUTES: '0' }, variable: 'MENTOR_REPOST_MINUTES' },
  { case: 'TRUST_PROXY with a bad CIDR prefix', env: { TRUST_PROXY: '10.0.0.0/33' }, variable: 'TRUST_PROXY' },
];

function pick(...names: (keyof typeof SECRETS)[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, SECRETS[n]]));
}

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, REPO);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted a bad environment');
}

describe('loadConfig refuses a bad setting, naming it', () => {
  it.each(BAD)('$case -> $variable', ({ env, variable }) => {
    const error = configError(env);
    expect(error.variable).toBe(variable);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message.startsWith(`${variable}: `)).toBe(true);
    // Says how to fix it, in one line.
    expect(error.message.length).toBeGreaterThan(variable.length + 15);
    expect(error.message).not.toContain('\n');
    for (const value of [...Object.values(SECRETS), ...Object.values(env).filter((v) => /secret/i.test(v))]) {
      expect(error.message).not.toContain(value);
    }
  });
});

describe('loadConfig reads a good environment', () => {
  it('has working defaults for a first run: web playground only', () => {
    const config = loadConfig({}, REPO);
    expect(config).toMatchObject({
      port: 3000,
      publicUrl: 'http://localhost:3000',
      corpusDir: join(REPO, 'corpus'),
      dataDir: join(REPO, 'data'),
      indexFile: join(REPO, 'data', 'index.json'),
      logLevel: 'info',
      rateLimitPerMinute: 20,
      maxConcurrent: 64,
      maxQueued: 256,
      shutdownTimeoutMs: 10_000,
      watchCorpus: true,
      storeUserIds: false,
    });
    expect(config.slack).toBeUndefined();
    expect(config.discord).toBeUndefined();
    expect(config.store).toEqual({ kind: 'sqlite', file: join(REPO, 'data', 'feedback.sqlite') });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('keeps the state in PostgreSQL when DATABASE_URL is set, with its pool and statement timeout', () => {
    const url = 'postgresql://bot:pw@db.example.com:5432/bot?sslmode=verify-full';
    expect(loadConfig({ DATABASE_URL: url }, REPO).store).toEqual({
      kind: 'postgres',
      url,
      poolMax: 10,
      statementTimeoutMs: 2000,
    });
    expect(
      loadConfig({ DATABASE_URL: url, DATABASE_POOL_MAX: '3', DATABASE_STATEMENT_TIMEOUT_MS: '500' }, REPO).store,
    ).toEqual({
      kind: 'postgres',
      url,
      poolMax: 3,
      statementTimeoutMs: 500,
    });
    expect(loadConfig({ DATABASE_URL: ' ' }, REPO).store.kind).toBe('sqlite');
  });

  it('turns on Slack (HTTP, or Socket Mode with an app token) and sharded Discord', () => {
    const config = loadConfig(
      {
        ...SECRETS,
        DISCORD_APPLICATION_ID: '123456789012',
        DISCORD_SHARDS: 'auto',
        PUBLIC_URL: 'https://bot.example.com/',
        PORT: '8080',
        LOG_LEVEL: 'DEBUG',
        RATE_LIMIT_PER_MINUTE: '5',
        SHUTDOWN_TIMEOUT_SECONDS: '25',
        WATCH_CORPUS: 'false',
        INDEX_FILE: 'build/index.json',
      },
      REPO,
    );
    expect(config.slack).toEqual({
      botToken: SECRETS.SLACK_BOT_TOKEN,
      signingSecret: SECRETS.SLACK_SIGNING_SECRET,
      appToken: SECRETS.SLACK_APP_TOKEN,
      apiUrl: undefined,
    });
    expect(config.discord).toMatchObject({
      token: SECRETS.DISCORD_TOKEN,
      applicationId: '123456789012',
      shards: 'auto',
    });
    expect(config).toMatchObject({
      port: 8080,
      publicUrl: 'https://bot.example.com',
      logLevel: 'debug',
      rateLimitPerMinute: 5,
      shutdownTimeoutMs: 25_000,
      watchCorpus: false,
      indexFile: join(REPO, 'build', 'index.json'),
    });
    expect(
      loadConfig({ ...SECRETS, DISCORD_APPLICATION_ID: '123456789012', DISCORD_SHARDS: '4' }, REPO).discord?.shards,
    ).toBe(4);
  });

  it('reads the Q&A channel lists, the Message Content switch and CHANNELS_FILE', () => {
    const file = join(scratch, 'channels.yml');
    writeFileSync(file, 'slack: {}\n');
    const config = loadConfig(
      {
        ...SECRETS,
        DISCORD_APPLICATION_ID: '123456789012',
        SLACK_QA_CHANNELS: ' C0ASK, G0PRIVATE ,',
        DISCORD_QA_CHANNELS: '1234567890123456789',
        DISCORD_MESSAGE_CONTENT: 'true',
        CHANNELS_FILE: file,
      },
      REPO,
    );
    expect(config.channels).toEqual({ slackQa: ['C0ASK', 'G0PRIVATE'], discordQa: ['1234567890123456789'], file });
    expect(config.discord?.messageContent).toBe(true);
    expect(loadConfig({}, REPO).channels).toEqual({ slackQa: [], discordQa: [] });
  });

  it('turns the mentor loop on per platform when its channel and group or role are set', () => {
    const config = loadConfig(
      {
        ...SECRETS,
        DISCORD_APPLICATION_ID: '123456789012',
        SLACK_MENTOR_CHANNEL: 'C0MENTORS',
        SLACK_MENTOR_GROUP: 'S0MENTORS',
        DISCORD_MENTOR_CHANNEL: '323456789012',
        DISCORD_MENTOR_ROLE: '223456789012',
        MENTOR_REPOST_MINUTES: '15',
      },
      REPO,
    );
    expect(config.slack?.mentors).toEqual({ channel: 'C0MENTORS', group: 'S0MENTORS' });
    expect(config.discord?.mentors).toEqual({ channel: '323456789012', role: '223456789012' });
    expect(config.mentorRepostMinutes).toBe(15);
    const off = loadConfig({ ...SECRETS, DISCORD_APPLICATION_ID: '123456789012', SLACK_MENTOR_CHANNEL: ' ' }, REPO);
    expect(off.slack?.mentors).toBeUndefined();
    expect(off.discord?.mentors).toBeUndefined();
    expect(off.mentorRepostMinutes).toBe(60);
  });

  it('trusts no proxy unless TRUST_PROXY names a hop count or the proxies', () => {
    const trust = (value?: string) => loadConfig(value === undefined ? {} : { TRUST_PROXY: value }, REPO).trustProxy;
    expect(trust()).toBe(false);
    expect(trust('')).toBe(false);
    expect(trust('false')).toBe(false);
    expect(trust('0')).toBe(false);
    expect(trust('1')).toBe(1);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.0/8, 127.0.0.1,fd00::/8')).toEqual(['10.0.0.0/8', '127.0.0.1', 'fd00::/8']);
    expect(trust('loopback,uniquelocal')).toEqual(['loopback', 'uniquelocal']);
  });

  it('treats a blank value (as in a copied .env.example) as unset', () => {
    expect(loadConfig({ PORT: '', SLACK_BOT_TOKEN: '  ', DISCORD_SHARDS: '' }, REPO)).toMatchObject({
      port: 3000,
      slack: undefined,
    });
  });
});

describe('loadDotenv', () => {
  it('fills variables that are unset or blank from .env, and leaves set ones alone', () => {
    const file = join(scratch, 'dotenv-test.env');
    writeFileSync(file, 'INDEX_FILE=/from/dotenv.json\nPORT=4000\nLOG_LEVEL=debug\nPUBLIC_URL=\n');
    const env: NodeJS.ProcessEnv = { INDEX_FILE: '', PORT: '5000', LOG_LEVEL: '  ' };
    loadDotenv(env, file);
    expect(env).toEqual({ INDEX_FILE: '/from/dotenv.json', PORT: '5000', LOG_LEVEL: 'debug', PUBLIC_URL: '' });
    expect(loadConfig(env, REPO)).toMatchObject({
      indexFile: '/from/dotenv.json',
      port: 5000,
      logLevel: 'debug',
      publicUrl: 'http://localhost:5000',
    });
  });

  it('is a no-op without a .env file', () => {
    const env: NodeJS.ProcessEnv = { PORT: '' };
    loadDotenv(env, join(scratch, 'missing.env'));
    expect(env).toEqual({ PORT: '' });
  });
});

describe('.env.example', () => {
  const example = readFileSync(join(REPO, '.env.example'), 'utf8');

  it('lists every variable the bot reads, each with a comment, and nothing else', () => {
    const lines = example.split('\n');
    const listed = lines.flatMap((line, i) => {
      // `# NAME=` is listed too: left commented so a copied .env does not blank the Docker image's value.
      const name = /^(?:# )?([A-Z][A-Z0-9_]*)=/.exec(line)?.[1];
      return name ? [{ name, comment: lines[i - 1] ?? '' }] : [];
    });
    expect(listed.map((v) => v.name).sort()).toEqual([...CONFIG_VARIABLES].sort());
    for (const { name, comment } of listed) expect(comment, name).toMatch(/^# \S/);
  });

  it('is itself a valid configuration once copied to .env', () => {
    expect(() => loadConfig(parse(example), REPO)).not.toThrow();
  });
});
