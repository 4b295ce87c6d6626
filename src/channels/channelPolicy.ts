import { readFileSync } from 'node:fs';
import { watch, type FSWatcher } from 'chokidar';
import type { Logger } from '../log.js';
import { ChannelsFileError, parseChannelsFile, type ChannelsFileLimits } from './channelsFile.js';
import {
  channelSettings,
  mergeSettings,
  settingsFromEnvLists,
  type ChannelPlatform,
  type ChannelSettings,
  type ChannelsSettings,
} from './channelSettings.js';

/** What adapters ask: how to behave in one channel. */
export interface ChannelPolicy {
  settings(platform: ChannelPlatform, channelId: string): ChannelSettings;
  /** Whether any channel on `platform` answers unprompted (Discord then needs the GuildMessages intent). */
  hasQaChannels(platform: ChannelPlatform): boolean;
}

/** A policy read from the env lists and CHANNELS_FILE, which a change to the file replaces. */
export interface LiveChannelPolicy extends ChannelPolicy {
  /** Re-reads CHANNELS_FILE; a broken file is logged and the settings in force are kept. True when replaced. */
  reload(): boolean;
  /** Watches CHANNELS_FILE and reloads on change; resolves once watching. */
  watch(): Promise<void>;
  close(): Promise<void>;
}

export interface ChannelPolicyOptions {
  lists: { slack: readonly string[]; discord: readonly string[] };
  /** CHANNELS_FILE, when set. */
  file?: string | undefined;
  limits: ChannelsFileLimits;
  logger: Logger;
  /** Told after each reload the watcher made, whether it took (tests await it instead of sleeping). */
  onReload?: (replaced: boolean) => void;
}

function readSettings(options: ChannelPolicyOptions): ChannelsSettings {
  const fromEnv = settingsFromEnvLists(options.lists);
  if (!options.file) return fromEnv;
  let text: string;
  try {
    text = readFileSync(options.file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : 'the file cannot be read';
    throw new ChannelsFileError(options.file, [reason]);
  }
  return mergeSettings(fromEnv, parseChannelsFile(text, options.file, options.limits));
}

/** A fixed policy, for tests and for processes without CHANNELS_FILE. */
export function fixedChannelPolicy(settings: ChannelsSettings): ChannelPolicy {
  return {
    settings: (platform, channelId) => channelSettings(settings, platform, channelId),
    hasQaChannels: (platform) => [...settings[platform].values()].some((s) => s.mode === 'all-questions'),
  };
}

/**
 * Reads the channel settings once at start (throws ChannelsFileError, every mistake on its own line, when
 * CHANNELS_FILE is wrong) and keeps them current as the file changes, like the corpus.
 */
export function loadChannelPolicy(options: ChannelPolicyOptions): LiveChannelPolicy {
  let current = fixedChannelPolicy(readSettings(options));
  let watcher: FSWatcher | undefined;
  const reload = (): boolean => {
    try {
      current = fixedChannelPolicy(readSettings(options));
      options.logger.info({ file: options.file }, 'channel settings reloaded');
      return true;
    } catch (error) {
      const problems = error instanceof ChannelsFileError ? error.problems : [String(error)];
      options.logger.error(
        { code: 'CHANNELS_FILE_INVALID', file: options.file, problems },
        'CHANNELS_FILE has mistakes; keeping the settings in force',
      );
      return false;
    }
  };
  return {
    settings: (platform, channelId) => current.settings(platform, channelId),
    hasQaChannels: (platform) => current.hasQaChannels(platform),
    reload,
    async watch() {
      if (!options.file || watcher) return;
      watcher = watch(options.file, {
        ignoreInitial: true,
        awaitWriteFinish: { stabilityThreshold: 100, pollInterval: 25 },
      });
      const reloadAndTell = () => options.onReload?.(reload());
      watcher.on('change', reloadAndTell);
      watcher.on('add', reloadAndTell);
      await new Promise<void>((resolve) => watcher!.once('ready', () => resolve()));
    },
    async close() {
      await watcher?.close();
      watcher = undefined;
    },
  };
}
