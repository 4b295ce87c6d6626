import { existsSync, readFileSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import type { StoreTarget } from './store/database.js';

/** Slack credentials; Socket Mode when `appToken` is set, else HTTP at `/slack/events`. */
export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  appToken?: string | undefined;
  apiUrl?: string | undefined;
  /** The mentor loop: on when SLACK_MENTOR_CHANNEL (and with it SLACK_MENTOR_GROUP) is set. */
  mentors?: SlackMentorsConfig | undefined;
}

/** Where Slack hand-offs go and who may answer them. */
export interface SlackMentorsConfig {
  /** SLACK_MENTOR_CHANNEL: the channel id hand-offs are posted to (invite the bot there). */
  channel: string;
  /** SLACK_MENTOR_GROUP: the user group id (S…) whose members are mentors; the hand-off post mentions it. */
  group: string;
}

/** Where Discord hand-offs go and who may answer them. */
export interface DiscordMentorsConfig {
  /** DISCORD_MENTOR_CHANNEL: the text channel id hand-offs are posted to. */
  channel: string;
  /** DISCORD_MENTOR_ROLE: the role id whose members are mentors; the hand-off post mentions it. */
  role: string;
}

/** Discord credentials; sharded under discord.js's ShardingManager when `shards` is set. */
export interface DiscordConfig {
  token: string;
  applicationId: string;
  /** Register commands to this guild (instant) instead of globally. */
  guildId?: string | undefined;
  apiUrl?: string | undefined;
  /** `auto` or a shard count: run under discord.js's ShardingManager. */
  shards?: 'auto' | number | undefined;
  /** DISCORD_MESSAGE_CONTENT: the privileged Message Content intent is enabled in the Developer Portal. */
  messageContent?: boolean | undefined;
  /** The mentor loop: on when DISCORD_MENTOR_CHANNEL (and with it DISCORD_MENTOR_ROLE) is set. */
  mentors?: DiscordMentorsConfig | undefined;
}

/** Where the bot answers unprompted: the env lists (short form) and CHANNELS_FILE (per-channel settings). */
export interface ChannelsConfig {
  slackQa: string[];
  discordQa: string[];
  /** Absolute path of CHANNELS_FILE, when set. */
  file?: string | undefined;
}

/** Every setting, parsed once at start. */
export interface Config {
  port: number;
  /** Origin used in links posted to chat, without a trailing slash. */
  publicUrl: string;
  corpusDir: string;
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Pretty logs for people in development; JSON otherwise. */
  logPretty: boolean;
  slack?: SlackConfig | undefined;
  discord?: DiscordConfig | undefined;
  channels: ChannelsConfig;
  insightsToken?: string | undefined;
  storeUserIds: boolean;
  /** Questions per user per minute. */
  rateLimitPerMinute: number;
  /** Answers computed at once, across platforms; more wait, and past the queue get "busy". */
  maxConcurrent: number;
  /** Answers allowed to wait for a slot; one more is told the bot is busy. */
  maxQueued: number;
  /** On SIGTERM, how long answers in flight may take to finish before the process stops anyway. */
  shutdownTimeoutMs: number;
  /** Watch the corpus folder and rebuild the index on change. */
  watchCorpus: boolean;
  /** A serialized index made by `npm run build-index`, loaded at start when present and current. */
  indexFile: string;
  /** Where votes and declined questions live: `feedback.sqlite` in DATA_DIR, or Postgres when DATABASE_URL is set. */
  store: StoreTarget;
  /**
   * TRUST_PROXY: which proxies may name the client in `X-Forwarded-For`, for per-reader rate limits. `false` (the
   * default) trusts none; a number trusts that many hops in front of the bot; addresses trust those proxies only.
   */
  trustProxy: false | number | readonly string[];
  /** MENTOR_REPOST_MINUTES: a hand-off nobody has taken after this long is posted once more. */
  mentorRepostMinutes: number;
}

/** File name of the SQLite store inside DATA_DIR. */
export const SQLITE_STORE_FILE = 'feedback.sqlite';

const optionalText = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s === '' ? undefined : s));

const url = (name: string) =>
  optionalText.refine((s) => s === undefined || /^https?:\/\/[^\s]+$/.test(s), {
    message: `must be an http(s) URL, e.g. ${name === 'PUBLIC_URL' ? 'https://bot.example.com' : 'http://127.0.0.1:8080/api/'}`,
  });

const bool = optionalText.refine((s) => s === undefined || /^(true|false|1|0|yes|no)$/i.test(s), {
  message: 'must be true or false',
});

/** A comma-separated list of channel ids (`C0123,C0456`); blanks between commas are ignored. */
const idList = (example: string, pattern: RegExp) =>
  optionalText
    .transform((s) =>
      (s ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== ''),
    )
    .refine((ids) => ids.every((id) => pattern.test(id)), {
      message: `must be channel ids separated by commas, e.g. ${example}`,
    });

const positiveInt = (fallback: number, max: number) =>
  optionalText
    .refine((s) => s === undefined || (/^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= max), {
      message: `must be a whole number from 1 to ${max}`,
    })
    .transform((s) => (s === undefined ? fallback : Number(s)));

/** express's names for address ranges, allowed in TRUST_PROXY beside addresses and CIDR ranges. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** One TRUST_PROXY entry: an IP address, a CIDR range (`10.0.0.0/8`), or one of express's range names. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

const trustProxy = optionalText
  .refine(
    (s) => s === undefined || /^(false|\d{1,2})$/i.test(s) || s.split(',').every((part) => isProxyAddress(part.trim())),
    {
      message:
        'must be a number of proxy hops (e.g. 1 behind one Ingress) or proxy addresses (e.g. 10.0.0.0/8,127.0.0.1)',
    },
  )
  .transform((s): Config['trustProxy'] => {
    if (s === undefined || /^false$/i.test(s) || s === '0') return false;
    if (/^\d+$/.test(s)) return Number(s);
    return s.split(',').map((part) => part.trim());
  });

const schema = z.object({
  PORT: optionalText
    .refine((s) => s === undefined || (/^\d+$/.test(s) && Number(s) <= 65535), {
      message: 'must be a port number from 0 to 65535, e.g. PORT=3000',
    })
    .transform((s) => (s === undefined ? 3000 : Number(s))),
  PUBLIC_URL: url('PUBLIC_URL'),
  CORPUS_DIR: optionalText,
  DATA_DIR: optionalText,
  LOG_LEVEL: optionalText
    .transform((s) => s?.toLowerCase())
    .refine((s) => s === undefined || ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(s), {
      message: 'must be one of fatal, error, warn, info, debug, trace, silent',
    }),
  LOG_FORMAT: optionalText.refine((s) => s === undefined || s === 'json' || s === 'pretty', {
    message: 'must be json or pretty',
  }),
  SLACK_BOT_TOKEN: optionalText.refine((s) => s === undefined || s.startsWith('xoxb-'), {
    message: 'must be a bot token starting with xoxb- (Slack app > OAuth & Permissions)',
  }),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((s) => s === undefined || s.startsWith('xapp-'), {
    message: 'must be an app-level token starting with xapp- (Slack app > Basic Information > App-Level Tokens)',
  }),
  SLACK_API_URL: url('SLACK_API_URL'),
  SLACK_QA_CHANNELS: idList('C0123ABCD,G0456EFGH', /^[CG][A-Z0-9]{2,}$/),
  SLACK_MENTOR_CHANNEL: optionalText.refine((s) => s === undefined || /^[CG][A-Z0-9]{2,}$/.test(s), {
    message: 'must be a channel id, e.g. C0123ABCD (channel details > About, at the bottom)',
  }),
  SLACK_MENTOR_GROUP: optionalText.refine((s) => s === undefined || /^S[A-Z0-9]{2,}$/.test(s), {
    message: 'must be a user group id, e.g. S0123ABCD (People > User groups > the group > Copy group ID)',
  }),
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText.refine((s) => s === undefined || /^\d{5,25}$/.test(s), {
    message: 'must be the numeric application id (Discord Developer Portal > General Information)',
  }),
  DISCORD_GUILD_ID: optionalText.refine((s) => s === undefined || /^\d{5,25}$/.test(s), {
    message: 'must be a numeric server id (enable Developer Mode, right-click the server, Copy Server ID)',
  }),
  DISCORD_API_URL: url('DISCORD_API_URL'),
  DISCORD_QA_CHANNELS: idList('1234567890123456789 (right-click the channel, Copy Channel ID)', /^\d{5,25}$/),
  DISCORD_MESSAGE_CONTENT: bool,
  DISCORD_MENTOR_CHANNEL: optionalText.refine((s) => s === undefined || /^\d{5,25}$/.test(s), {
    message: 'must be a numeric channel id (right-click the channel, Copy Channel ID)',
  }),
  DISCORD_MENTOR_ROLE: optionalText.refine((s) => s === undefined || /^\d{5,25}$/.test(s), {
    message: 'must be a numeric role id (Server Settings > Roles, right-click the role, Copy Role ID)',
  }),
  MENTOR_REPOST_MINUTES: positiveInt(60, 10_080),
  CHANNELS_FILE: optionalText,
  DISCORD_SHARDS: optionalText.refine((s) => s === undefined || s === 'auto' || /^[1-9]\d{0,4}$/.test(s), {
    message: 'must be auto or a whole number of shards, e.g. DISCORD_SHARDS=auto',
  }),
  INSIGHTS_TOKEN: optionalText.refine((s) => s === undefined || s.length >= 16, {
    message: 'must be at least 16 characters (e.g. openssl rand -hex 24)',
  }),
  STORE_USER_IDS: bool,
  RATE_LIMIT_PER_MINUTE: positiveInt(20, 10_000),
  MAX_CONCURRENT: positiveInt(64, 10_000),
  MAX_QUEUED: positiveInt(256, 100_000),
  SHUTDOWN_TIMEOUT_SECONDS: positiveInt(10, 3600),
  WATCH_CORPUS: bool,
  INDEX_FILE: optionalText,
  DATABASE_URL: optionalText.refine((s) => s === undefined || (/^postgres(ql)?:\/\/\S+$/.test(s) && URL.canParse(s)), {
    message: 'must be a postgres:// URL, e.g. postgres://bot:PASSWORD@db.example.com:5432/bot?sslmode=require',
  }),
  DATABASE_POOL_MAX: positiveInt(10, 1000),
  DATABASE_STATEMENT_TIMEOUT_MS: positiveInt(2000, 600_000),
  TRUST_PROXY: trustProxy,
});

/**
 * Fills `env` from a `.env` file (development; a missing file is fine). Like dotenv, a variable already set wins,
 * except that a variable set to a blank value counts as not set here as everywhere, so `.env` fills it.
 */
export function loadDotenv(env: NodeJS.ProcessEnv = process.env, file = resolve('.env')): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return;
  }
  for (const [name, value] of Object.entries(parseDotenv(text))) {
    if ((env[name] ?? '').trim() === '') env[name] = value;
  }
}

/** Every environment variable the bot reads; `.env.example` documents each (a test keeps the two in step). */
export const CONFIG_VARIABLES: readonly string[] = [...Object.keys(schema.shape), 'NODE_ENV'];

/** Two settings that only make sense together: when one is set, the other is required. */
type NamedSetting = [name: string, value: string | undefined, what: string];
function requireTogether(a: NamedSetting, b: NamedSetting): void {
  if (a[1] !== undefined && b[1] === undefined) throw new ConfigError(b[0], `is required with ${a[0]}: ${b[2]}`);
  if (b[1] !== undefined && a[1] === undefined) throw new ConfigError(a[0], `is required with ${b[0]}: ${a[2]}`);
}

const truthy = (s: string | undefined) => s !== undefined && /^(true|1|yes)$/i.test(s);

/**
 * Reads the environment into one frozen Config. Throws a ConfigError naming the first bad variable and
 * how to fix it; never includes a value in the message, so secrets cannot leak through it.
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): Readonly<Config> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0]), issue.message);
  }
  const e = parsed.data;

  const slackSet = [
    e.SLACK_BOT_TOKEN,
    e.SLACK_SIGNING_SECRET,
    e.SLACK_APP_TOKEN,
    e.SLACK_MENTOR_CHANNEL,
    e.SLACK_MENTOR_GROUP,
  ].some((v) => v !== undefined);
  if (slackSet && !e.SLACK_BOT_TOKEN) {
    throw new ConfigError('SLACK_BOT_TOKEN', 'is required when other SLACK_ variables are set (xoxb-…)');
  }
  if (slackSet && !e.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      'SLACK_SIGNING_SECRET',
      'is required with SLACK_BOT_TOKEN (Slack app > Basic Information > Signing Secret)',
    );
  }
  const discordSet = [
    e.DISCORD_TOKEN,
    e.DISCORD_APPLICATION_ID,
    e.DISCORD_GUILD_ID,
    e.DISCORD_SHARDS,
    e.DISCORD_MENTOR_CHANNEL,
    e.DISCORD_MENTOR_ROLE,
  ].some((v) => v !== undefined);
  if (discordSet && !e.DISCORD_TOKEN) {
    throw new ConfigError(
      'DISCORD_TOKEN',
      'is required when other DISCORD_ variables are set (Developer Portal > Bot > Reset Token)',
    );
  }
  if (discordSet && !e.DISCORD_APPLICATION_ID) {
    throw new ConfigError(
      'DISCORD_APPLICATION_ID',
      'is required with DISCORD_TOKEN (Developer Portal > General Information > Application ID)',
    );
  }

  // A mentors' channel without the people who answer in it (or the reverse) is half a setting: say which half is missing.
  requireTogether(
    ['SLACK_MENTOR_CHANNEL', e.SLACK_MENTOR_CHANNEL, 'the channel hand-offs are posted to, e.g. C0123ABCD'],
    ['SLACK_MENTOR_GROUP', e.SLACK_MENTOR_GROUP, 'the user group of mentors, e.g. S0123ABCD'],
  );
  requireTogether(
    ['DISCORD_MENTOR_CHANNEL', e.DISCORD_MENTOR_CHANNEL, 'the channel hand-offs are posted to'],
    ['DISCORD_MENTOR_ROLE', e.DISCORD_MENTOR_ROLE, 'the role id of mentors'],
  );

  const corpusDir = resolve(cwd, e.CORPUS_DIR ?? 'corpus');
  if (!existsSync(corpusDir) || !statSync(corpusDir).isDirectory()) {
    throw new ConfigError(
      'CORPUS_DIR',
      `folder ${corpusDir} does not exist; create it or point CORPUS_DIR at your docs`,
    );
  }
  const dataDir = resolve(cwd, e.DATA_DIR ?? 'data');
  if (existsSync(dataDir) && !statSync(dataDir).isDirectory()) {
    throw new ConfigError('DATA_DIR', `${dataDir} is a file; point DATA_DIR at a folder the bot may write to`);
  }
  const port = e.PORT;
  const channelsFile = e.CHANNELS_FILE === undefined ? undefined : resolve(cwd, e.CHANNELS_FILE);
  if (channelsFile !== undefined && !existsSync(channelsFile)) {
    throw new ConfigError(
      'CHANNELS_FILE',
      `file ${channelsFile} does not exist; create it (see README, "Q&A channels") or unset CHANNELS_FILE`,
    );
  }

  const config: Config = {
    port,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    corpusDir,
    dataDir,
    logLevel: (e.LOG_LEVEL as Config['logLevel'] | undefined) ?? 'info',
    logPretty: e.LOG_FORMAT
      ? e.LOG_FORMAT === 'pretty'
      : process.stdout.isTTY === true && env.NODE_ENV !== 'production',
    slack:
      e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET
        ? {
            botToken: e.SLACK_BOT_TOKEN,
            signingSecret: e.SLACK_SIGNING_SECRET,
            appToken: e.SLACK_APP_TOKEN,
            apiUrl: e.SLACK_API_URL,
            mentors:
              e.SLACK_MENTOR_CHANNEL && e.SLACK_MENTOR_GROUP
                ? { channel: e.SLACK_MENTOR_CHANNEL, group: e.SLACK_MENTOR_GROUP }
                : undefined,
          }
        : undefined,
    discord:
      e.DISCORD_TOKEN && e.DISCORD_APPLICATION_ID
        ? {
            token: e.DISCORD_TOKEN,
            applicationId: e.DISCORD_APPLICATION_ID,
            guildId: e.DISCORD_GUILD_ID,
            apiUrl: e.DISCORD_API_URL,
            shards:
              e.DISCORD_SHARDS === undefined
                ? undefined
                : e.DISCORD_SHARDS === 'auto'
                  ? 'auto'
                  : Number(e.DISCORD_SHARDS),
            messageContent: truthy(e.DISCORD_MESSAGE_CONTENT),
            mentors:
              e.DISCORD_MENTOR_CHANNEL && e.DISCORD_MENTOR_ROLE
                ? { channel: e.DISCORD_MENTOR_CHANNEL, role: e.DISCORD_MENTOR_ROLE }
                : undefined,
          }
        : undefined,
    channels: {
      slackQa: e.SLACK_QA_CHANNELS,
      discordQa: e.DISCORD_QA_CHANNELS,
      ...(channelsFile ? { file: channelsFile } : {}),
    },
    insightsToken: e.INSIGHTS_TOKEN,
    storeUserIds: truthy(e.STORE_USER_IDS),
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    maxConcurrent: e.MAX_CONCURRENT,
    maxQueued: e.MAX_QUEUED,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    watchCorpus: e.WATCH_CORPUS === undefined ? true : truthy(e.WATCH_CORPUS),
    indexFile: resolve(cwd, e.INDEX_FILE ?? resolve(dataDir, 'index.json')),
    store: e.DATABASE_URL
      ? {
          kind: 'postgres',
          url: e.DATABASE_URL,
          poolMax: e.DATABASE_POOL_MAX,
          statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
        }
      : { kind: 'sqlite', file: join(dataDir, SQLITE_STORE_FILE) },
    trustProxy: e.TRUST_PROXY,
    mentorRepostMinutes: e.MENTOR_REPOST_MINUTES,
  };
  return Object.freeze(config);
}
