/** `npm run register` as a deploy pipeline runs it, in-process (the CLI is a thin shell), against the stand-in Discord. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRegister } from '../../adapters/discord/register.js';
import { FakeDiscord } from '../support/fakeDiscord.js';

const APPLICATION_ID = '210000000000000042';
const TOKEN = 'MjEwMDAwMDAwMDAwMDAwMDQy.GxYz12.registerSecretPartOfTheToken_0123456789';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start({ token: TOKEN, applicationId: APPLICATION_ID });
});
afterAll(async () => {
  await fake.close();
});

/** Runs the command with exactly `env` (never a developer's .env file), capturing what it prints. */
async function register(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runRegister(env, {
    log: (line) => (stdout += `${line}\n`),
    error: (line) => (stderr += `${line}\n`),
  });
  return { code, stdout, stderr };
}

describe('npm run register', () => {
  it('registers globally and prints one line', async () => {
    const result = await register({
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_API_URL: fake.apiUrl,
    });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^Registered 2 Discord commands globally/),
    ]);
    expect(fake.commandRegistrations.at(-1)?.scope).toBe('global');
  });

  it('registers to DISCORD_GUILD_ID when set', async () => {
    const result = await register({
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_GUILD_ID: '210000000000000043',
      DISCORD_API_URL: fake.apiUrl,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/server 210000000000000043/);
    expect(fake.commandRegistrations.at(-1)).toMatchObject({ scope: 'guild', guildId: '210000000000000043' });
  });

  it('says in one friendly line what is missing', async () => {
    const result = await register({});
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/DISCORD_TOKEN and DISCORD_APPLICATION_ID/),
    ]);
    const half = await register({ DISCORD_APPLICATION_ID: APPLICATION_ID });
    expect(half.code).toBe(1);
    expect(half.stderr.trim()).toMatch(/^Cannot register Discord commands: DISCORD_TOKEN/);
  });

  it('explains a refusal without printing the token', async () => {
    const wrong = `${TOKEN}x`;
    const result = await register({
      DISCORD_TOKEN: wrong,
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_API_URL: fake.apiUrl,
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/Check DISCORD_TOKEN/);
    expect(result.stderr).not.toContain('registerSecretPartOfTheToken');
  });
});
