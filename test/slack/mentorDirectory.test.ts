import { webApi } from '@slack/bolt';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMentorDirectory,
  DISPLAY_NAME_CACHE_MS,
  MENTOR_GROUP_CACHE_MS,
} from '../../adapters/slack/mentorDirectory.js';
import { startFakeSlack, type FakeSlack } from '../support/fakeSlack.js';

const TOKEN = 'xoxb-directory-test-token';
const GROUP = 'S0MENTORS';

let fake: FakeSlack;
beforeAll(async () => {
  fake = await startFakeSlack({ botToken: TOKEN });
  fake.addUsers(
    { id: 'U0ANA', name: 'ana', displayName: 'Ana Mentor', realName: 'Ana Real' },
    { id: 'U0RAJ', name: 'raj', realName: 'Raj Patel' },
  );
});
afterAll(async () => {
  await fake?.close();
});

function directory(now: () => number, logs: string[] = []) {
  const client = new webApi.WebClient(TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  return createMentorDirectory({ client, group: GROUP, logger, now });
}

describe('who the mentors are on Slack', () => {
  it(`trusts the group's member list for ${MENTOR_GROUP_CACHE_MS / 1000} s, then asks Slack again`, async () => {
    let now = 1_000_000;
    const mentors = directory(() => now);
    fake.setUsergroup(GROUP, ['U0ANA']);
    const calls = () => fake.calls('usergroups.users.list').length;
    const before = calls();

    expect(await mentors.check('U0ANA')).toEqual({ mentor: true, ref: { id: 'U0ANA', name: 'Ana Mentor' } });
    expect(await mentors.check('U0RAJ')).toEqual({ mentor: false });
    expect(calls() - before).toBe(1);

    // Removed from the group in Slack: still a mentor until the list expires, and not a moment later.
    fake.setUsergroup(GROUP, ['U0RAJ']);
    now += MENTOR_GROUP_CACHE_MS - 1;
    expect((await mentors.check('U0ANA')).mentor).toBe(true);
    now += 2;
    expect((await mentors.check('U0ANA')).mentor).toBe(false);
    expect(await mentors.check('U0RAJ')).toEqual({ mentor: true, ref: { id: 'U0RAJ', name: 'Raj Patel' } });
    expect(calls() - before).toBe(2);
  });

  it('names people by display name, else real name, and asks users.info once per cache period', async () => {
    let now = 5_000_000;
    const mentors = directory(() => now);
    const before = fake.calls('users.info').length;
    expect(await mentors.displayName('U0ANA')).toBe('Ana Mentor');
    expect(await mentors.displayName('U0ANA')).toBe('Ana Mentor');
    expect(fake.calls('users.info').length - before).toBe(1);
    now += DISPLAY_NAME_CACHE_MS + 1;
    await mentors.displayName('U0ANA');
    expect(fake.calls('users.info').length - before).toBe(2);
    // Someone Slack does not know keeps the name the payload gave.
    expect(await mentors.displayName('U0GHOST', 'ghost.user')).toBe('ghost.user');
  });

  it('says "unknown" when Slack will not list the group, and logs what to fix', async () => {
    const logs: string[] = [];
    const mentors = directory(() => 9_000_000, logs);
    fake.setUsergroup(GROUP, undefined);
    expect(await mentors.check('U0ANA')).toEqual({ mentor: 'unknown' });
    expect(logs.join('\n')).toMatch(/no_such_subteam.*check SLACK_MENTOR_GROUP/);
  });
});
