import { createRequire } from 'node:module';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import {
  CHANNEL_MODES,
  DEFAULT_UNPROMPTED_CONFIDENCE,
  type ChannelSettings,
  type ChannelsSettings,
} from './channelSettings.js';

/** The YAML parser, loaded on first use: most bots have no CHANNELS_FILE, and loading it takes tens of milliseconds. */
const yaml = (): typeof import('yaml') => createRequire(import.meta.url)('yaml');

/**
 * CHANNELS_FILE could not be used. `problems` holds one line per mistake, each naming where it is; the message
 * repeats the variable on every line, so start-up prints one clear line per mistake.
 */
export class ChannelsFileError extends ConfigError {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super('CHANNELS_FILE', problems.map((p) => `${file}: ${p}`).join('\nCHANNELS_FILE: '));
  }
}

/**
 * The lowest confidence a channel may set: /backend's own decline floor. Below it the ranking has already declined,
 * so a lower number would promise answers the bot cannot give.
 */
export interface ChannelsFileLimits {
  minConfidence: number;
}

const CHANNEL_ID_HINT = 'is not a channel id (Slack: C0123ABCD; Discord: the numeric id)';

const folder = z
  .string()
  .trim()
  .min(1)
  .refine((f) => !f.split(/[\\/]/).includes('..') && !f.startsWith('/'), {
    message: 'must be a folder inside the corpus, e.g. frontend',
  })
  .transform((f) => f.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, ''));

const channelEntry = (limits: ChannelsFileLimits) =>
  z
    .object({
      mode: z
        .enum(CHANNEL_MODES as [string, ...string[]], { message: `must be one of ${CHANNEL_MODES.join(', ')}` })
        .optional(),
      confidence: z
        .number({ message: 'must be a number' })
        .min(limits.minConfidence, { message: `must be from ${limits.minConfidence} (the /backend floor) to 1` })
        .max(1, { message: `must be from ${limits.minConfidence} (the /backend floor) to 1` })
        .optional(),
      scope: z
        .object({
          folders: z.array(folder, { message: 'must be a list of folders' }).optional(),
          tags: z.array(z.string().trim().min(1), { message: 'must be a list of tags' }).optional(),
        })
        .strict()
        .optional(),
    })
    .strict();

const platformSection = (limits: ChannelsFileLimits) =>
  z.record(
    z
      .string()
      .regex(/^[A-Za-z0-9]+$/, { message: 'is not a channel id (Slack: C0123ABCD; Discord: the numeric id, quoted)' }),
    channelEntry(limits).nullable(),
  );

const fileSchema = (limits: ChannelsFileLimits) =>
  z
    .object({
      defaults: z
        .object({
          confidence: z.number({ message: 'must be a number' }).min(limits.minConfidence).max(1).optional(),
        })
        .strict()
        .optional(),
      slack: platformSection(limits).nullable().optional(),
      discord: platformSection(limits).nullable().optional(),
    })
    .strict();

/**
 * Parses CHANNELS_FILE's text into per-channel settings. Every mistake is reported, one line each, naming the
 * channel and field (`slack.C0ASK.mode: must be one of …`), so an admin fixes them all in one go.
 *
 * ```yaml
 * defaults:
 *   confidence: 0.6
 * slack:
 *   C0ASKBACKEND: { mode: all-questions }
 *   C0ASKFRONTEND: { mode: all-questions, confidence: 0.7, scope: { folders: [frontend], tags: [frontend] } }
 * discord:
 *   "1234567890123456789": { mode: mentions }
 * ```
 */
export function parseChannelsFile(text: string, file: string, limits: ChannelsFileLimits): ChannelsSettings {
  const { parseDocument } = yaml();
  // intAsBigInt keeps an unquoted 19-digit Discord id exact; a float would silently become another channel.
  const document = parseDocument(text, { intAsBigInt: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ChannelsFileError(
      file,
      document.errors.map((e) => `not valid YAML: ${e.message.split('\n')[0]}`),
    );
  }
  const raw: unknown = document.toJS({ mapAsMap: false }) ?? {};
  const parsed = fileSchema(limits).safeParse(normalizeNumbers(raw));
  if (!parsed.success) {
    throw new ChannelsFileError(
      file,
      parsed.error.issues.map((issue) => {
        const where = issue.path.map(String).join('.') || '(top level)';
        // A bad key in a channel map is reported by zod as the record's, not the pattern's: say what is wrong.
        return `${where}: ${issue.code === 'invalid_key' ? CHANNEL_ID_HINT : issue.message}`;
      }),
    );
  }
  const defaults = parsed.data.defaults?.confidence ?? DEFAULT_UNPROMPTED_CONFIDENCE;
  const section = (entries: Record<string, z.infer<ReturnType<typeof channelEntry>> | null> | null | undefined) =>
    new Map(
      Object.entries(entries ?? {}).map(([id, entry]): [string, ChannelSettings] => {
        const scope = entry?.scope;
        return [
          id,
          {
            mode: (entry?.mode as ChannelSettings['mode'] | undefined) ?? 'all-questions',
            minConfidence: entry?.confidence ?? defaults,
            ...(scope ? { scope: { folders: scope.folders ?? [], tags: scope.tags ?? [] } } : {}),
          },
        ];
      }),
    );
  return { slack: section(parsed.data.slack), discord: section(parsed.data.discord) };
}

/** With intAsBigInt every integer is a bigint; values other than ids want ordinary numbers (`confidence: 1`). */
function normalizeNumbers(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(normalizeNumbers);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeNumbers(v)]));
  }
  return value;
}
