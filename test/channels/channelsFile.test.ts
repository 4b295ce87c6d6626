import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadChannelPolicy } from '../../src/channels/channelPolicy.js';
import { describeChannel, DEFAULT_UNPROMPTED_CONFIDENCE } from '../../src/channels/channelSettings.js';
import { ChannelsFileError, parseChannelsFile } from '../../src/channels/channelsFile.js';
import { ConfigError } from '../../src/errors.js';

const LIMITS = { minConfidence: 0.45 };
const parse = (text: string) => parseChannelsFile(text, 'channels.yml', LIMITS);
const problems = (text: string): readonly string[] => {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ChannelsFileError);
    return (error as ChannelsFileError).problems;
  }
  throw new Error('expected the file to be refused');
};

describe('CHANNELS_FILE', () => {
  it('reads modes, confidence, corpus scopes and defaults per channel', () => {
    const settings = parse(`
defaults:
  confidence: 0.65
slack:
  C0ASKBACKEND: { mode: all-questions }
  C0ASKFRONTEND:
    mode: all-questions
    confidence: 0.8
    scope: { folders: [frontend/, ./design], tags: [frontend] }
  C0RANDOM: { mode: off }
discord:
  1234567890123456789: { mode: mentions }
`);
    expect(settings.slack.get('C0ASKBACKEND')).toEqual({ mode: 'all-questions', minConfidence: 0.65 });
    expect(settings.slack.get('C0ASKFRONTEND')).toEqual({
      mode: 'all-questions',
      minConfidence: 0.8,
      scope: { folders: ['frontend', 'design'], tags: ['frontend'] },
    });
    expect(settings.slack.get('C0RANDOM')?.mode).toBe('off');
    // An unquoted 19-digit id stays exact: as a float it would name another channel.
    expect([...settings.discord.keys()]).toEqual(['1234567890123456789']);
  });

  it('takes an empty file, and a channel with no settings as an all-questions channel', () => {
    expect(parse('').slack.size).toBe(0);
    expect(parse('slack:\n  C0ASK:\n').slack.get('C0ASK')).toEqual({
      mode: 'all-questions',
      minConfidence: DEFAULT_UNPROMPTED_CONFIDENCE,
    });
  });

  it('reports every mistake on its own line, naming where it is', () => {
    const lines = problems(`
slack:
  C0ASK: { mode: everything, confidence: 0.2 }
  C0OTHER: { scope: { folders: [../secrets] }, colour: blue }
discord:
  "not an id": { mode: off }
`);
    expect(lines).toEqual([
      expect.stringMatching(/^slack\.C0ASK\.mode: must be one of all-questions, mentions, off$/),
      expect.stringMatching(/^slack\.C0ASK\.confidence: must be from 0\.45 \(the \/backend floor\) to 1$/),
      expect.stringMatching(/^slack\.C0OTHER\.scope\.folders\.0: must be a folder inside the corpus/),
      expect.stringMatching(/^slack\.C0OTHER: .*colour/),
      expect.stringMatching(/^discord\.not an id: .*channel id/),
    ]);
  });

  it('refuses YAML that does not parse, and says so in the start-up line for CHANNELS_FILE', () => {
    let error: unknown;
    try {
      parse('slack: [unclosed');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/^CHANNELS_FILE: channels\.yml: not valid YAML/);
    expect((error as ConfigError).variable).toBe('CHANNELS_FILE');
  });

  it('tells /backend help what each mode means', () => {
    expect(describeChannel({ mode: 'all-questions', minConfidence: 0.6 })).toMatch(
      /every question .* at least 60% confidence/,
    );
    expect(
      describeChannel({ mode: 'all-questions', minConfidence: 0.6, scope: { folders: ['frontend'], tags: ['css'] } }),
    ).toMatch(/from frontend\/, documents tagged css only/);
    expect(describeChannel({ mode: 'mentions', minConfidence: 0.6 })).toMatch(/when you mention me/);
    expect(describeChannel({ mode: 'off', minConfidence: 0.6 })).toMatch(/stay quiet/);
  });
});

describe('the channel policy', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('merges the env lists with the file (the file wins) and reloads when the file changes, keeping the old settings when it breaks', async () => {
    dir = mkdtempSync(join(tmpdir(), 'channels-'));
    const file = join(dir, 'channels.yml');
    writeFileSync(file, 'slack:\n  C0ENV: { mode: off }\n');
    const reloads: boolean[] = [];
    let told: (() => void) | undefined;
    const policy = loadChannelPolicy({
      lists: { slack: ['C0ENV', 'C0LISTED'], discord: ['123456789012'] },
      file,
      limits: LIMITS,
      logger: pino({ level: 'silent' }),
      onReload: (ok) => {
        reloads.push(ok);
        told?.();
      },
    });
    const nextReload = () => new Promise<void>((resolve) => (told = resolve));
    try {
      expect(policy.settings('slack', 'C0ENV').mode).toBe('off');
      expect(policy.settings('slack', 'C0LISTED').mode).toBe('all-questions');
      expect(policy.settings('slack', 'C0ELSEWHERE').mode).toBe('mentions');
      expect(policy.hasQaChannels('discord')).toBe(true);
      await policy.watch();

      let reloaded = nextReload();
      writeFileSync(file, 'slack:\n  C0ENV: { mode: all-questions, confidence: 0.9 }\n');
      await reloaded;
      expect(policy.settings('slack', 'C0ENV')).toEqual({ mode: 'all-questions', minConfidence: 0.9 });

      reloaded = nextReload();
      writeFileSync(file, 'slack:\n  C0ENV: { mode: loud }\n');
      await reloaded;
      expect(reloads).toEqual([true, false]);
      expect(policy.settings('slack', 'C0ENV').minConfidence).toBe(0.9);
    } finally {
      await policy.close();
    }
  });

  it('refuses to start when the file is missing', () => {
    expect(() =>
      loadChannelPolicy({
        lists: { slack: [], discord: [] },
        file: '/no/such/channels.yml',
        limits: LIMITS,
        logger: pino({ level: 'silent' }),
      }),
    ).toThrow(/CHANNELS_FILE: \/no\/such\/channels\.yml: the file does not exist/);
  });
});
