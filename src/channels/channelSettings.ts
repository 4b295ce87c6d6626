/**
 * How the bot behaves in one chat channel. The env lists (SLACK_QA_CHANNELS, DISCORD_QA_CHANNELS) are the short
 * form: each listed channel answers every question. CHANNELS_FILE is the long form, per channel id.
 */

/** Chat platforms that have channels. */
export type ChannelPlatform = 'slack' | 'discord';

/**
 * `all-questions`: every question gets an answer in a thread (when the docs answer it confidently).
 * `mentions`: only messages that mention the bot (the behaviour of any channel not listed).
 * `off`: the bot says nothing in the channel; `/backend` still answers privately.
 */
export type ChannelMode = 'all-questions' | 'mentions' | 'off';

export const CHANNEL_MODES: readonly ChannelMode[] = ['all-questions', 'mentions', 'off'];

/** Which documents a channel answers from: under any of `folders` (relative to the corpus) or tagged any of `tags`. */
export interface CorpusScope {
  folders: string[];
  tags: string[];
}

export interface ChannelSettings {
  mode: ChannelMode;
  /**
   * The confidence (how likely the best passage answers the question, 0..1; see search/answerability.ts) an
   * unprompted answer needs. Higher than /backend's decline floor: nobody asked the bot, so a wrong answer costs more
   * than silence.
   */
  minConfidence: number;
  /** Absent: the whole corpus. */
  scope?: CorpusScope;
}

/**
 * Default confidence for unprompted answers, set per channel in CHANNELS_FILE. A wrong answer nobody asked for costs
 * more than silence, so the bar is where the tune questions' out-of-scope ones are declined about as often as
 * anything can decline them (0.98 of them, against 0.93 at /backend's floor), which still answers 0.78 of the
 * answerable ones: a judgement of that trade-off, read off the decline curve of `npm run eval`.
 */
export const DEFAULT_UNPROMPTED_CONFIDENCE = 0.9;

/** Every channel's settings, per platform; a channel in neither map gets {@link DEFAULT_CHANNEL}. */
export interface ChannelsSettings {
  slack: ReadonlyMap<string, ChannelSettings>;
  discord: ReadonlyMap<string, ChannelSettings>;
}

/** A channel nobody configured: answer when mentioned, as before Q&A channels existed. */
export const DEFAULT_CHANNEL: ChannelSettings = { mode: 'mentions', minConfidence: DEFAULT_UNPROMPTED_CONFIDENCE };

/** The env lists as settings: each listed channel answers every question from the whole corpus. */
export function settingsFromEnvLists(lists: {
  slack: readonly string[];
  discord: readonly string[];
}): ChannelsSettings {
  const qa = (ids: readonly string[]) =>
    new Map(ids.map((id) => [id, { mode: 'all-questions' as const, minConfidence: DEFAULT_UNPROMPTED_CONFIDENCE }]));
  return { slack: qa(lists.slack), discord: qa(lists.discord) };
}

/** The file's entries win over the env lists for the channels they name. */
export function mergeSettings(base: ChannelsSettings, override: ChannelsSettings): ChannelsSettings {
  return {
    slack: new Map([...base.slack, ...override.slack]),
    discord: new Map([...base.discord, ...override.discord]),
  };
}

export function channelSettings(all: ChannelsSettings, platform: ChannelPlatform, channelId: string): ChannelSettings {
  return all[platform].get(channelId) ?? DEFAULT_CHANNEL;
}

/** One sentence for `/backend help` in a channel: how the bot behaves there. */
export function describeChannel(settings: ChannelSettings): string {
  const scope = settings.scope ? ` I answer from ${describeScope(settings.scope)} only.` : '';
  const percent = Math.round(settings.minConfidence * 100);
  switch (settings.mode) {
    case 'all-questions':
      return `In this channel I answer every question in a thread, when the docs answer it with at least ${percent}% confidence; otherwise I stay quiet. Reply in my thread to ask a follow-up.${scope}`;
    case 'mentions':
      return `In this channel I answer when you mention me, in a thread; reply there to ask a follow-up.${scope}`;
    case 'off':
      return 'In this channel I stay quiet; /backend still answers you privately.';
  }
}

function describeScope(scope: CorpusScope): string {
  const parts = [...scope.folders.map((f) => `${f}/`), ...scope.tags.map((t) => `documents tagged ${t}`)];
  return parts.length === 0 ? 'no documents' : parts.join(', ');
}
