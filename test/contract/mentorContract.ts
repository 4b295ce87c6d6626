/**
 * The mentor loop's contract (issue 15), kept by every chat platform with mentors set up (Slack with
 * SLACK_MENTOR_CHANNEL/GROUP, Discord with DISCORD_MENTOR_CHANNEL/ROLE), through a driver per platform: people ask,
 * press buttons and fill forms as they would, and the test reads back what each of them was shown. Expectations
 * come from the real core and its store, never from the renderer under test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoteReason } from '../../src/mentors/voteReasons.js';
import {
  ANSWER_RETIRED_DONE_TEXT,
  ANSWER_RETIRED_TEXT,
  HANDOFF_ANSWERED_TEXT,
  MENTOR_ALREADY_ASKED_TEXT,
  MENTOR_ANSWER_SENT_TEXT,
  MENTOR_ASKED_TEXT,
  NOT_A_MENTOR_TEXT,
} from '../../src/service/texts.js';
import type { TestCore } from '../support/testCore.js';
import { DEVOPS_QUESTION, type Shown } from './frontEndContract.js';

/** A control the mentor loop adds, by what it does (each driver maps its platform's ids and labels to these). */
export type MentorButtonKind =
  | 'askMentor'
  | 'take'
  | 'answer'
  | 'helpful'
  | 'notHelpful'
  /** On a saved mentor answer (the mentor's confirmation): change or retire it. */
  | 'edit'
  | 'retire';

/** What a person was shown, read back the way they see it; `buttons` in the mentor loop's terms. */
export interface MentorShown extends Omit<Shown, 'buttons'> {
  buttons: MentorButtonKind[];
}

/** Someone in the workspace or server; the driver gives each a platform id and sets up who is a mentor. */
export interface Person {
  id: string;
  /** The display name the platform reports for them (what a citation or a delivery names). */
  name: string;
}

/** One running platform with mentors set up, on a fresh real core with its own store. */
export interface MentorLoop {
  core: TestCore;
  people: {
    /** A new hire who asks. */
    asker: Person;
    /** Another new hire, asking the same thing in other words later. */
    secondAsker: Person;
    /** In the mentor group (Slack) / has the mentor role (Discord). */
    mentor: Person;
    /** Neither: presses mentor-only controls and must be refused. */
    nonMentor: Person;
  };
  /** `person` asks with the slash command; what they were shown. */
  ask(person: Person, question: string): Promise<MentorShown>;
  /**
   * `person` presses the first `button` on `shown` (an answer, a hand-off post, a saved-answer confirmation);
   * resolves with what `person` was shown in return (a confirmation, a refusal), once the bot is done with it.
   */
  press(person: Person, shown: MentorShown, button: MentorButtonKind): Promise<MentorShown>;
  /** The bot's messages in the mentors' channel as they stand now (edits applied), oldest first. */
  mentorPosts(): Promise<MentorShown[]>;
  /** `person` presses Answer on the hand-off post, fills the form with `text` and submits; what they were shown. */
  answerWithForm(person: Person, post: MentorShown, text: string): Promise<MentorShown>;
  /** `person` replies with `text` in the hand-off post's thread; resolves once the bot is done with the reply. */
  replyInThread(person: Person, post: MentorShown, text: string): Promise<void>;
  /** Everything the bot sent `person` after they asked (thread replies, ephemeral follow-ups, DMs), oldest first. */
  delivered(person: Person): Promise<MentorShown[]>;
  /** `person` presses Not helpful on `shown` and picks `reason` (with `text` for "other"); what they were shown. */
  notHelpful(person: Person, shown: MentorShown, reason: VoteReason, text?: string): Promise<MentorShown>;
  /** Lets the platform's re-post timer run as if `minutes` had passed; resolves once it has posted what was due. */
  advanceClock(minutes: number): Promise<void>;
  close(): Promise<void>;
}

/** Parts of the loop a platform may truly lack, each with the reason (the contract skips their scenarios). */
export type MentorFeature = 'threadReply' | 'repost' | 'editRetire';

export interface MentorDriver {
  name: string;
  /** The one live mention the hand-off post carries: the mentor group (`<!subteam^S…>`) or role (`<@&…>`). */
  mentorPing: string;
  /** Every way of pinging people the platform has, as a person would type them there. */
  loudMentions: string;
  start(): Promise<MentorLoop>;
  lacks?: Partial<Record<MentorFeature, string>>;
}

/** A question the corpus cannot answer (it is about the workplace, not the docs) and a mentor can. */
export const HANDOFF_QUESTION = 'how do I get access to the staging VPN';
/** The mentor's answer: verbatim, it must come back quoted. */
export const MENTOR_ANSWER_TEXT =
  'Ask in the #it-help channel for a staging VPN profile: IT sends a WireGuard config within one working day. ' +
  'Import it in the WireGuard app and connect before you open any staging address.';
/** The same need in other words, from someone else. */
export const PARAPHRASED_QUESTION = 'who sends me the WireGuard config for staging';

const CRASH = /\bat .*\.(ts|js):\d+|\b[A-Z][a-z]+Error\b|node_modules/;

function expectClean(shown: MentorShown, pings: string[] = []): void {
  expect(shown.problems).toEqual([]);
  expect(shown.livePings).toEqual(pings);
  expect(shown.text).not.toMatch(CRASH);
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

export function describeMentorContract(driver: MentorDriver): void {
  const unless = (feature: MentorFeature) => (driver.lacks?.[feature] ? it.skip : it);

  describe(`${driver.name} mentor loop keeps the contract`, () => {
    let loop: MentorLoop;
    let post: MentorShown;
    let sent: MentorShown;
    beforeAll(async () => {
      loop = await driver.start();
    });
    afterAll(async () => {
      await loop?.close();
    });

    it('offers Ask a mentor on an answer and, as the main action, on a decline', async () => {
      const { asker } = loop.people;
      const answer = await loop.ask(asker, DEVOPS_QUESTION);
      expectClean(answer);
      expect(answer.quotes.length).toBeGreaterThan(0);
      expect(answer.buttons).toContain('askMentor');
      const declined = await loop.ask(asker, HANDOFF_QUESTION);
      expectClean(declined);
      expect(declined.declined).toBe(true);
      expect(declined.buttons[0]).toBe('askMentor');
    });

    it('posts the question to the mentors with the one ping, and tells the asker', async () => {
      const { asker } = loop.people;
      const declined = await loop.ask(asker, HANDOFF_QUESTION);
      const confirmation = await loop.press(asker, declined, 'askMentor');
      expectClean(confirmation);
      expect(confirmation.text).toContain(MENTOR_ASKED_TEXT);
      const posts = await loop.mentorPosts();
      expect(posts).toHaveLength(1);
      post = posts[0]!;
      expectClean(post, [driver.mentorPing]);
      expect(post.text).toContain(HANDOFF_QUESTION);
      expect(post.text).toContain(asker.name);
      expect(post.buttons).toEqual(['take', 'answer']);
      // Asking again does not post again.
      const again = await loop.press(asker, declined, 'askMentor');
      expect(again.text).toContain(MENTOR_ALREADY_ASKED_TEXT);
      expect(await loop.mentorPosts()).toHaveLength(1);
    });

    it('refuses a non-mentor pressing I’ll take it or Answer, and changes nothing', async () => {
      const { nonMentor } = loop.people;
      for (const button of ['take', 'answer'] as const) {
        const refused = await loop.press(nonMentor, post, button);
        expectClean(refused);
        expect(refused.text).toContain(NOT_A_MENTOR_TEXT);
      }
      const [now] = await loop.mentorPosts();
      expect(now!.text).toBe(post.text);
      expect(now!.buttons).toEqual(['take', 'answer']);
      const [handoff] = (await loop.core.store.insights.report()).openHandoffs;
      expect(handoff?.state).toBe('open');
    });

    it('marks the hand-off taken by the mentor who pressed I’ll take it, without pinging again', async () => {
      const { mentor } = loop.people;
      await loop.press(mentor, post, 'take');
      const [now] = await loop.mentorPosts();
      expectClean(now!);
      expect(now!.text).toContain(`Taken by ${mentor.name}`);
      expect(now!.buttons).toEqual(['answer']);
      post = now!;
    });

    it('delivers the mentor’s answer (the Answer form) to the asker, naming the mentor, and closes the hand-off', async () => {
      const { mentor, asker } = loop.people;
      sent = await loop.answerWithForm(mentor, post, MENTOR_ANSWER_TEXT);
      expectClean(sent);
      expect(sent.text).toContain(MENTOR_ANSWER_SENT_TEXT);
      const delivered = await loop.delivered(asker);
      const delivery = delivered.find((d) => collapse(d.text).includes(collapse(MENTOR_ANSWER_TEXT)));
      expect(delivery, delivered.map((d) => d.text).join('\n---\n')).toBeDefined();
      expectClean(delivery!);
      expect(delivery!.text).toContain(mentor.name);
      const [now] = await loop.mentorPosts();
      expectClean(now!);
      expect(now!.text).toContain(`Answered by ${mentor.name}`);
      expect(now!.buttons).toEqual([]);
    });

    it('answers a stale hand-off button with a clear message and changes nothing', async () => {
      const { mentor } = loop.people;
      for (const button of ['take', 'answer'] as const) {
        const stale = await loop.press(mentor, post, button);
        expectClean(stale);
        expect(stale.text).toContain(HANDOFF_ANSWERED_TEXT);
      }
    });

    it('answers a new hire asking in other words with the mentor’s answer, quoted verbatim and cited', async () => {
      const { secondAsker, mentor } = loop.people;
      const shown = await loop.ask(secondAsker, PARAPHRASED_QUESTION);
      expectClean(shown);
      expect(shown.declined).toBe(false);
      expect(collapse(MENTOR_ANSWER_TEXT)).toContain(collapse(shown.quotes[0]!.replace(/^…|…$/g, '')));
      expect(shown.citations[0]).toContain(`Answer by ${mentor.name}`);
      expect(shown.citations[0]).toMatch(/\d{4}-\d{2}-\d{2}/);
    });

    it('records Not helpful with its reason and the reader’s words', async () => {
      const { secondAsker } = loop.people;
      const shown = await loop.ask(secondAsker, PARAPHRASED_QUESTION);
      const thanks = await loop.notHelpful(secondAsker, shown, 'other', 'The channel is #it-support now');
      expectClean(thanks);
      expect(thanks.text).toMatch(/thank/i);
      const { notHelpfulReasons } = await loop.core.store.insights.report();
      const row = notHelpfulReasons.find((p) => p.passageId.startsWith('mentor-answers/'));
      expect(row?.reasons).toEqual({ other: 1 });
      expect(row?.comments).toEqual(['The channel is #it-support now']);
      // A second vote by the same person replaces the first.
      await loop.notHelpful(secondAsker, shown, 'outdated');
      const again = (await loop.core.store.insights.report()).notHelpfulReasons.find(
        (p) => p.passageId === row!.passageId,
      );
      expect(again?.reasons).toEqual({ outdated: 1 });
    });

    unless('editRetire')(
      'retires the answer from its button: never shown again, and a second press says so',
      async () => {
        const { mentor, nonMentor, secondAsker } = loop.people;
        expect(sent.buttons).toEqual(expect.arrayContaining(['edit', 'retire']));
        const refused = await loop.press(nonMentor, sent, 'retire');
        expect(refused.text).toContain(NOT_A_MENTOR_TEXT);
        const done = await loop.press(mentor, sent, 'retire');
        expectClean(done);
        expect(done.text).toContain(ANSWER_RETIRED_DONE_TEXT);
        const shown = await loop.ask(secondAsker, PARAPHRASED_QUESTION);
        expect(shown.citations.join('\n')).not.toContain('Answer by');
        const stale = await loop.press(mentor, sent, 'retire');
        expectClean(stale);
        expect(stale.text).toContain(ANSWER_RETIRED_TEXT);
      },
    );

    unless('threadReply')('takes a mentor’s reply in the hand-off’s thread as the answer', async () => {
      const { asker, mentor } = loop.people;
      const question = 'where do I find the on-call rota for my first week';
      const declined = await loop.ask(asker, question);
      await loop.press(asker, declined, 'askMentor');
      const threadPost = (await loop.mentorPosts()).find((p) => p.text.includes(question))!;
      const reply = 'The on-call rota lives in PagerDuty under "Backend primary"; new hires shadow for two weeks.';
      await loop.replyInThread(mentor, threadPost, reply);
      const delivered = await loop.delivered(asker);
      expect(delivered.some((d) => collapse(d.text).includes(collapse(reply)) && d.text.includes(mentor.name))).toBe(
        true,
      );
      const now = (await loop.mentorPosts()).find((p) => p.text.includes(question))!;
      expect(now.text).toContain(`Answered by ${mentor.name}`);
    });

    it('never turns mentions in a question or a mentor’s answer into a live ping', async () => {
      const { asker, mentor, secondAsker } = loop.people;
      const question = `${driver.loudMentions} which laptop stickers are allowed on the demo machines`;
      const declined = await loop.ask(asker, question);
      await loop.press(asker, declined, 'askMentor');
      const loudPost = (await loop.mentorPosts()).find((p) => p.text.includes('laptop stickers'))!;
      expectClean(loudPost, [driver.mentorPing]);
      const answer = `${driver.loudMentions} Laptop stickers on demo machines must be the company logo only.`;
      await loop.answerWithForm(mentor, loudPost, answer);
      for (const shown of await loop.delivered(asker)) expectClean(shown);
      // The mentors' channel carries the mentor ping and nothing else live, whatever the question and answer said.
      for (const shown of await loop.mentorPosts()) {
        expect(shown.livePings.filter((ping) => ping !== driver.mentorPing)).toEqual([]);
      }
      const cited = await loop.ask(secondAsker, 'which stickers may go on the demo laptops');
      expectClean(cited);
      expect(cited.citations[0]).toContain(`Answer by ${mentor.name}`);
    });

    unless('repost')('re-posts a hand-off nobody took once, after MENTOR_REPOST_MINUTES, with the ping', async () => {
      const { asker } = loop.people;
      const question = 'who approves my first production deploy';
      const declined = await loop.ask(asker, question);
      await loop.press(asker, declined, 'askMentor');
      const count = async () => (await loop.mentorPosts()).filter((p) => p.text.includes(question)).length;
      expect(await count()).toBe(1);
      await loop.advanceClock(30);
      expect(await count()).toBe(1);
      await loop.advanceClock(31);
      expect(await count()).toBe(2);
      const repost = (await loop.mentorPosts()).filter((p) => p.text.includes(question)).at(-1)!;
      expectClean(repost, [driver.mentorPing]);
      expect(repost.buttons).toEqual(['take', 'answer']);
      await loop.advanceClock(120);
      expect(await count()).toBe(2);
    });
  });
}
