import type { Platform } from './platform.js';

/**
 * The one format of {@link AskRequest.userKey}: `<platform>:<id parts>` joined by `:`, where the parts are what
 * the platform needs to tell one person from another (Slack: team and user, `slack:T123:U456`; Discord: the user,
 * whose id is global, `discord:81234`; web: the reader's address, `web:203.0.113.9`; CLI: `cli:local`).
 */
export function toUserKey(platform: Platform, ...ids: [string, ...string[]]): string {
  return [platform, ...ids].join(':');
}
