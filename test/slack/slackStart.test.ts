import { describe, expect, it } from 'vitest';
import { SlackStartError } from '../../adapters/slack/app.js';
import { BotError } from '../../src/errors.js';
import { startSlackHarness } from './slackHarness.js';

const WRONG_BOT_TOKEN = 'xoxb-9999999999-8888888888-wrongBotTokenValue';
const WRONG_APP_TOKEN = 'xapp-1-A0APP-7777777777-wrongAppTokenValue';

describe('starting the Slack adapter with tokens Slack refuses', () => {
  it('fails fast with a typed error naming SLACK_BOT_TOKEN, and logs no token', async () => {
    let logs: string[] = [];
    const started = startSlackHarness({ tokens: { botToken: WRONG_BOT_TOKEN }, onStartFailure: (l) => (logs = l) });
    await expect(started).rejects.toBeInstanceOf(SlackStartError);
    await expect(started).rejects.toBeInstanceOf(BotError);
    await expect(started).rejects.toMatchObject({
      code: 'SLACK_START_FAILED',
      message: expect.stringMatching(/invalid_auth.*SLACK_BOT_TOKEN/),
    });
    expect(logs.join('\n')).not.toContain(WRONG_BOT_TOKEN);
  });

  it('fails fast naming SLACK_APP_TOKEN when Socket Mode is refused', async () => {
    let logs: string[] = [];
    const started = startSlackHarness({
      socket: true,
      tokens: { appToken: WRONG_APP_TOKEN },
      onStartFailure: (l) => (logs = l),
    });
    await expect(started).rejects.toMatchObject({
      code: 'SLACK_START_FAILED',
      message: expect.stringMatching(/invalid_auth.*SLACK_APP_TOKEN/),
    });
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(WRONG_APP_TOKEN);
  });
});
