/**
 * The contract both chat platforms keep in their Q&A channels (a Slack channel in SLACK_QA_CHANNELS, a Discord
 * forum in DISCORD_QA_CHANNELS): what gets an answer in a thread, what is left alone, and how a follow-up in the
 * thread is read. Each driver posts as a person would and reads back what the bot posted in the thread.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { normalizeQuote, sourceSection } from '../support/corpusOracle.js';
import type { TestCore } from '../support/testCore.js';
import { DEVOPS_QUESTION, OUT_OF_SCOPE_QUESTION, type Shown } from './frontEndContract.js';

/** A thread started by a person's post in a Q&A channel, and what the bot has posted in it so far. */
export interface QaThread {
  id: string;
  /** The bot's posts in the thread, oldest first. */
  answers: Shown[];
}

export interface QaChannel {
  core: TestCore;
  /** A person starts a thread (a top-level message, a forum post) with `text`; resolves once the bot is done with it. */
  post(text: string): Promise<QaThread>;
  /** A person replies in the thread; resolves with the thread once the bot is done with the reply. */
  reply(thread: QaThread, text: string): Promise<QaThread>;
  close(): Promise<void>;
}

export interface QaChannelDriver {
  name: string;
  /** Every way of pinging people the platform has, as a person would type them there. */
  loudMentions: string;
  start(): Promise<QaChannel>;
}

const CRASH = /\bat .*\.(ts|js):\d+|\b[A-Z][a-z]+Error\b|node_modules/;

function expectClean(shown: Shown): void {
  expect(shown.problems).toEqual([]);
  expect(shown.livePings).toEqual([]);
  expect(shown.text).not.toMatch(CRASH);
}

export function describeQaChannelContract(driver: QaChannelDriver): void {
  describe(`${driver.name} Q&A channel keeps the contract`, () => {
    let qa: QaChannel;
    beforeAll(async () => {
      qa = await driver.start();
    });
    afterAll(async () => {
      await qa?.close();
    });

    it('answers a question in its thread with the passage, its citation and the vote buttons only', async () => {
      const source = sourceSection('DevOps Developer');
      const thread = await qa.post(`${DEVOPS_QUESTION}?`);
      expect(thread.answers).toHaveLength(1);
      const [answer] = thread.answers;
      expectClean(answer!);
      expect(source.paragraph).toContain(normalizeQuote(answer!.quotes[0]!));
      expect(answer!.citations[0]).toContain(source.title);
      expect(answer!.buttons).toEqual(['helpful', 'notHelpful']);
    });

    it('stays silent when the docs do not answer, and records the question as unanswered', async () => {
      const thread = await qa.post(`${OUT_OF_SCOPE_QUESTION}?`);
      expect(thread.answers).toEqual([]);
      // Declined questions are recorded after the answer (here: the silence) is decided.
      await vi.waitFor(async () =>
        expect((await qa.core.store.insights.report()).topDeclined.map((d) => d.question)).toContain(
          `${OUT_OF_SCOPE_QUESTION}?`,
        ),
      );
    });

    it('answers a question carrying mentions without pinging anyone', async () => {
      const thread = await qa.post(`${driver.loudMentions} ${DEVOPS_QUESTION}?`);
      expect(thread.answers).toHaveLength(1);
      expectClean(thread.answers[0]!);
    });

    it('reads a thin follow-up with the thread’s first question, and one that stands alone on its own', async () => {
      const thread = await qa.post('what is Python used for in backend development?');
      const withContext = await qa.reply(thread, 'which framework goes with it?');
      expect(withContext.answers).toHaveLength(2);
      expectClean(withContext.answers[1]!);
      const quote = normalizeQuote(withContext.answers[1]!.quotes[0]!);
      expect(sourceSection('Python and Django').paragraph).toContain(quote);
      expect(quote).toContain('Django');

      const alone = await qa.core.real.ask({ platform: 'cli', userKey: 'cli:oracle', question: 'What is Kubernetes?' });
      if (alone.kind !== 'answer') throw new Error('the core did not answer');
      const standalone = await qa.reply(thread, 'What is Kubernetes?');
      expect(standalone.answers).toHaveLength(3);
      expect(normalizeQuote(standalone.answers[2]!.quotes[0]!)).toBe(
        normalizeQuote(alone.answer.passages[0]!.snippet.text),
      );
    });

    it('leaves replies that are not questions alone', async () => {
      const thread = await qa.post(`${DEVOPS_QUESTION}?`);
      const after = await qa.reply(thread, 'thanks, that helps!');
      expect(after.answers).toHaveLength(1);
    });
  });
}
