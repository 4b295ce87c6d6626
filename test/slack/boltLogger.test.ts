import { LogLevel } from '@slack/bolt';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { safeErrorFields, scrubSecrets, toBoltLogger } from '../../adapters/slack/boltLogger.js';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level, base: null }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

const SECRET = 'my-signing-secret-value-123456';

describe('scrubSecrets', () => {
  it('removes configured secrets and anything shaped like a Slack token', () => {
    const text = `secret ${SECRET} bot xoxb-123-456-abc app xapp-1-A1-2-def user xoxp-9-8 {"token":"legacy","bot_access_token":"xwfp-1"} ?token=abc&x=1`;
    const scrubbed = scrubSecrets(text, [SECRET]);
    for (const leaked of [SECRET, 'xoxb-', 'xapp-', 'xoxp-', 'legacy', 'xwfp-1', 'token=abc'])
      expect(scrubbed).not.toContain(leaked);
    expect(scrubbed).toContain('"token":"[redacted]"');
    expect(scrubbed).toContain('&x=1');
  });

  it('leaves ordinary text and short configured values alone', () => {
    expect(scrubSecrets('what is a token bucket?', ['abc'])).toBe('what is a token bucket?');
  });
});

describe('toBoltLogger', () => {
  it("writes Bolt's lines to pino at the matching level, scrubbed", () => {
    const { logger, lines } = capture('debug');
    const bolt = toBoltLogger(logger, [SECRET]);
    bolt.debug('body:', { token: 'legacy', text: 'hi' });
    bolt.warn(`signature used ${SECRET}`);
    bolt.error('failed', new Error('call with xoxb-1-2-3 failed'));
    expect(lines.map((l) => l.level)).toEqual([20, 40, 50]);
    expect(lines[0]!.msg).toBe('body: {"token":"[redacted]","text":"hi"}');
    expect(lines[1]!.msg).toBe('signature used [redacted]');
    expect(lines[2]!.error).toMatchObject({ type: 'Error', message: 'call with [redacted] failed' });
    expect(JSON.stringify(lines)).not.toContain('xoxb-1-2-3');
  });

  it('follows the pino level and ignores Bolt trying to change it', () => {
    const { logger, lines } = capture('info');
    const bolt = toBoltLogger(logger, []);
    expect(bolt.getLevel()).toBe(LogLevel.INFO);
    bolt.setLevel(LogLevel.DEBUG);
    bolt.debug('hidden');
    bolt.info('shown');
    expect(lines.map((l) => l.msg)).toEqual(['shown']);
    expect(logger.level).toBe('info');
  });
});

describe('safeErrorFields', () => {
  it('keeps type, code, message and stack, and drops request details a library attached', () => {
    const error = Object.assign(new Error('boom xoxb-1-2'), {
      code: 'slack_webapi_request_error',
      config: { headers: { Authorization: 'Bearer xoxb-9' } },
    });
    const fields = safeErrorFields(error, []);
    expect(fields).toMatchObject({ type: 'Error', code: 'slack_webapi_request_error', message: 'boom [redacted]' });
    expect(JSON.stringify(fields)).not.toContain('xoxb-');
    expect(safeErrorFields('a string', [])).toEqual({ type: 'string', message: 'a string' });
  });
});
