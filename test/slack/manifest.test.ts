import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { HANDLED_BOT_EVENTS, MESSAGE_SHORTCUTS, SLACK_EVENTS_PATH, SLASH_COMMAND } from '../../adapters/slack/ids.js';

interface Manifest {
  display_information: { name: string };
  features: {
    app_home: { messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    bot_user: { display_name: string };
    slash_commands: { command: string; url: string }[];
    shortcuts: { name: string; type: string; callback_id: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'adapters', 'slack', 'manifest.yml'), 'utf8'),
) as Manifest;

/** The scope each thing the app handles needs; a missing one makes Slack silently withhold the event. */
const NEEDED_SCOPES: Record<string, string> = {
  [SLASH_COMMAND]: 'commands',
  app_mention: 'app_mentions:read',
  'message.im': 'im:history',
  'message.channels': 'channels:history',
  'message.groups': 'groups:history',
  'thread replies': 'chat:write',
  'mentor group membership (usergroups.users.list)': 'usergroups:read',
  'display names (users.info)': 'users:read',
  'a DM with the asker (conversations.open)': 'im:write',
};

describe('the Slack app manifest', () => {
  it('declares exactly the command, shortcut and events the app handles', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
    expect(manifest.features.shortcuts).toEqual(
      Object.entries(MESSAGE_SHORTCUTS).map(([callback_id, name]) =>
        expect.objectContaining({ name, type: 'message', callback_id }),
      ),
    );
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...HANDLED_BOT_EVENTS].sort());
  });

  it('sends commands, events and interactivity to the one endpoint', () => {
    const urls = [
      ...manifest.features.slash_commands.map((c) => c.url),
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    for (const url of urls) expect(url).toBe(`https://YOUR-HOST${SLACK_EVENTS_PATH}`);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('asks for the scopes those need, and nothing else', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(Object.values(NEEDED_SCOPES).sort());
  });

  it('lets people DM the bot and starts in HTTP mode', () => {
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(false);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });
});
