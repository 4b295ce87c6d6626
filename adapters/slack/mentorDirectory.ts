import type { App } from '@slack/bolt';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../../src/log.js';
import type { MentorRef } from '../../src/mentors/types.js';

/**
 * How long a user group's member list is trusted. Every mentor action is checked against Slack, but a burst of
 * clicks (take, then answer, then a thread reply) should not cost a `usergroups.users.list` call each (Tier 2:
 * about 20 a minute). Someone removed from the group can still act for at most this long.
 */
export const MENTOR_GROUP_CACHE_MS = 30_000;
/** How long a display name is reused before `users.info` is asked again. */
export const DISPLAY_NAME_CACHE_MS = 10 * 60_000;
/** Display names remembered at once (the mentors and the askers of recent hand-offs). */
const DISPLAY_NAMES_MAX = 1000;

/** Whether the person is a mentor: `unknown` when Slack could not be asked (the log says why). */
export type MentorCheck = { mentor: true; ref: MentorRef } | { mentor: false } | { mentor: 'unknown' };

/** Who the mentors are on Slack (members of SLACK_MENTOR_GROUP) and what people are called. */
export interface MentorDirectory {
  /** Checks `userId` against the group; a mentor comes back with their display name. */
  check(userId: string, fallbackName?: string): Promise<MentorCheck>;
  /** A person's display name (profile display name, else real name, else handle); `fallback` when Slack will not say. */
  displayName(userId: string, fallback?: string): Promise<string>;
}

/** Slack errors that mean the app's setup is wrong, not that Slack is briefly unwell: the log says what to fix. */
const SETUP_HINTS: Record<string, string> = {
  missing_scope: 'add the usergroups:read and users:read scopes to the app and reinstall it',
  no_such_subteam: 'check SLACK_MENTOR_GROUP: no user group has that id',
  not_allowed_token_type: 'SLACK_BOT_TOKEN must be a bot token',
};

export function createMentorDirectory(options: {
  client: App['client'];
  group: string;
  logger: Logger;
  /** The clock the caches expire by; tests pass their own. */
  now?: () => number;
}): MentorDirectory {
  const { client, group, logger } = options;
  // Expiry is checked against the clock on every read (ttlResolution 0): a handful of lookups, each behind an API call.
  const perf = { ttlResolution: 0, ...(options.now ? { perf: { now: options.now } } : {}) };
  const members = new LRUCache<string, ReadonlySet<string>>({ max: 1, ttl: MENTOR_GROUP_CACHE_MS, ...perf });
  const names = new LRUCache<string, string>({ max: DISPLAY_NAMES_MAX, ttl: DISPLAY_NAME_CACHE_MS, ...perf });

  const groupMembers = async (): Promise<ReadonlySet<string> | undefined> => {
    const cached = members.get(group);
    if (cached) return cached;
    try {
      const result = await client.usergroups.users.list({ usergroup: group });
      const found = new Set(result.users ?? []);
      members.set(group, found);
      return found;
    } catch (error) {
      const code = (error as { data?: { error?: unknown } }).data?.error;
      const hint = typeof code === 'string' ? SETUP_HINTS[code] : undefined;
      logger.error(
        { code: typeof code === 'string' ? code : 'request_failed', ...(hint ? { hint } : {}) },
        'Slack usergroups.users.list failed: cannot tell who the mentors are',
      );
      return undefined;
    }
  };

  const displayName = async (userId: string, fallback?: string): Promise<string> => {
    const cached = names.get(userId);
    if (cached) return cached;
    try {
      const { user } = await client.users.info({ user: userId });
      const name = [user?.profile?.display_name, user?.profile?.real_name, user?.real_name, user?.name]
        .map((n) => n?.trim())
        .find((n): n is string => !!n);
      if (name) {
        names.set(userId, name);
        return name;
      }
    } catch (error) {
      logger.warn({ code: (error as { data?: { error?: unknown } }).data?.error }, 'Slack users.info failed');
    }
    return fallback?.trim() || 'a mentor';
  };

  return {
    async check(userId, fallbackName) {
      const found = await groupMembers();
      if (found === undefined) return { mentor: 'unknown' };
      if (!found.has(userId)) return { mentor: false };
      return { mentor: true, ref: { id: userId, name: await displayName(userId, fallbackName) } };
    },
    displayName,
  };
}
