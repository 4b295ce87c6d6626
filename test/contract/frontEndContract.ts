/**
 * The one contract every front end keeps (Slack, Discord, the web playground, the CLI), run through a small driver
 * per front end: ask as a person would, press a button, and read back what the person was shown. Expectations
 * come from the corpus files themselves (the oracle) and the real core, never from the renderer under test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkGate } from '../../src/service/workGate.js';
import { STALE_BUTTON_TEXT } from '../../src/service/texts.js';
import type { TestCore } from '../support/testCore.js';
import { normalizeQuote, sourceSection } from '../support/corpusOracle.js';

/** A button on a shown message, by what it does (each driver maps its platform's ids and labels to these). */
export type ButtonKind = 'share' | 'helpful' | 'notHelpful' | 'more' | 'ask';

/** What the person was shown, read back the way they see it. */
export interface Shown {
  /** All visible text, as displayed (markup removed, entities decoded), one piece a line. */
  text: string;
  /** The quoted passages, as displayed. */
  quotes: string[];
  /** The citation shown with each quoted passage. */
  citations: string[];
  buttons: ButtonKind[];
  /** Whether the front end said it found nothing to quote (each platform says so its own way). */
  declined: boolean;
  /** Anything the platform would turn into a live ping (`@everyone`, a user or role mention). Must stay empty. */
  livePings: string[];
  /** What the platform (its stand-in) would refuse in this message: a broken limit. Must stay empty. */
  problems: string[];
  /** The raw payload, for the driver's own use when a button on it is pressed. */
  raw: unknown;
}

/** One running front end, on a fresh real core. */
export interface FrontEnd {
  core: TestCore;
  ask(question: string): Promise<Shown>;
  /** Presses the first button of this kind on `shown`. */
  press(shown: Shown, button: ButtonKind): Promise<Shown>;
  /** Presses a button the running version cannot place (made by an older version, or whose question is gone). */
  pressStale(): Promise<Shown>;
  close(): Promise<void>;
}

/** Front-end features the contract exercises; a driver lists those its platform truly lacks, saying why. */
export type Feature = 'buttons' | 'votes' | 'more' | 'staleButton';

export interface FrontEndDriver {
  name: string;
  /** How this platform's text says "ping everyone" and "ping this person" (its own markup), for the injection test. */
  mentions: string;
  start(options: { rateLimitPerMinute?: number; full?: boolean }): Promise<FrontEnd>;
  lacks?: Partial<Record<Feature, string>>;
}

export const DEVOPS_QUESTION = 'what does a DevOps developer do';
/** A broad question the corpus answers with more passages than fit one message. */
export const BROAD_QUESTION = 'what does a backend developer do';
export const OUT_OF_SCOPE_QUESTION = 'what is the capital of Peru';

/** Text that means a crash reached the person: a stack frame, an error class, a file path. */
const CRASH = /\bat .*\.(ts|js):\d+|\b[A-Z][a-z]+Error\b|node_modules/;

function expectClean(shown: Shown): void {
  expect(shown.problems).toEqual([]);
  expect(shown.livePings).toEqual([]);
  expect(shown.text).not.toMatch(CRASH);
}

export function describeFrontEndContract(driver: FrontEndDriver): void {
  const unless = (feature: Feature) => (driver.lacks?.[feature] ? it.skip : it);

  describe(`${driver.name} front end keeps the contract`, () => {
    let fe: FrontEnd;
    beforeAll(async () => {
      fe = await driver.start({});
    });
    afterAll(async () => {
      await fe?.close();
    });

    it('answers the DevOps question with the DevOps Developer passage, quoted verbatim, and its citation', async () => {
      const source = sourceSection('DevOps Developer');
      const shown = await fe.ask(DEVOPS_QUESTION);
      expectClean(shown);
      expect(shown.declined).toBe(false);
      expect(shown.quotes.length).toBeGreaterThan(0);
      expect(source.paragraph).toContain(normalizeQuote(shown.quotes[0]!));
      expect(normalizeQuote(shown.quotes[0]!).length).toBeGreaterThan(40);
      expect(shown.citations[0]).toContain(source.title);
      expect(shown.citations[0]).toContain(source.heading.replace(/:$/, ''));
    });

    it('declines an out-of-scope question kindly, with the topics the corpus covers and no passage', async () => {
      const shown = await fe.ask(OUT_OF_SCOPE_QUESTION);
      expectClean(shown);
      expect(shown.quotes).toEqual([]);
      expect(shown.declined).toBe(true);
      const outcome = await fe.core.real.ask({
        platform: 'cli',
        userKey: 'cli:oracle',
        question: OUT_OF_SCOPE_QUESTION,
      });
      if (outcome.kind !== 'answer') throw new Error('the core did not answer');
      expect(outcome.answer.suggestions.length).toBeGreaterThan(0);
      expect(shown.text).toContain(outcome.answer.suggestions[0]);
    });

    it('shows the help, with the examples the core offers, for "help" and "?"', async () => {
      const help = fe.core.real.help();
      for (const question of ['help', '?', '  HELP ']) {
        const shown = await fe.ask(question);
        expectClean(shown);
        expect(shown.quotes).toEqual([]);
        for (const example of help.examples) expect(shown.text).toContain(example);
      }
    });

    it('answers an empty question with a friendly word on how to ask, not an answer to nothing', async () => {
      for (const question of ['', '   ']) {
        const shown = await fe.ask(question);
        expectClean(shown);
        expect(shown.quotes).toEqual([]);
        expect(shown.text).toMatch(/question|ask|try/i);
      }
    });

    it('handles a 5,000-character question within the platform limits', async () => {
      const long = `${DEVOPS_QUESTION} ${'"quoted" & <tagged> *bold* @here '.repeat(160)}`.slice(0, 5000);
      const shown = await fe.ask(long);
      expectClean(shown);
      expect(shown.text.trim()).not.toBe('');
    });

    it('never pings anyone, whatever mentions the question carries, and still answers it', async () => {
      const loud = `${driver.mentions} ${DEVOPS_QUESTION}`;
      const shown = await fe.ask(loud);
      expectClean(shown);
      expect(shown.quotes.length).toBeGreaterThan(0);
    });

    unless('more')('turns to the next page with More results', async () => {
      const first = await fe.ask(BROAD_QUESTION);
      expect(first.buttons).toContain('more');
      const next = await fe.press(first, 'more');
      expectClean(next);
      expect(next.quotes.length).toBeGreaterThan(0);
      for (const quote of next.quotes) expect(first.quotes).not.toContain(quote);
    });

    unless('votes')('records Helpful and Not helpful votes and thanks the voter', async () => {
      const total = () =>
        fe.core.feedback
          .insights()
          .perDay.reduce((n, d) => ({ up: n.up + d.helpful, down: n.down + d.notHelpful }), { up: 0, down: 0 });
      const before = total();
      const answer = await fe.ask(DEVOPS_QUESTION);
      expect(answer.buttons).toEqual(expect.arrayContaining(['helpful', 'notHelpful']));
      const down = await fe.press(answer, 'notHelpful');
      expectClean(down);
      expect(down.text).toMatch(/thank/i);
      await fe.press(answer, 'helpful');
      expect(total()).toEqual({ up: before.up + 1, down: before.down + 1 });
    });

    unless('staleButton')('answers a button it cannot place with the one "expired" line', async () => {
      const shown = await fe.pressStale();
      expectClean(shown);
      expect(shown.text).toContain(STALE_BUTTON_TEXT);
    });
  });

  describe(`${driver.name} front end, for someone asking too fast`, () => {
    let fe: FrontEnd;
    beforeAll(async () => {
      fe = await driver.start({ rateLimitPerMinute: 1 });
    });
    afterAll(async () => {
      await fe?.close();
    });

    it("shows the core's rate-limit notice instead of an answer", async () => {
      const first = await fe.ask(DEVOPS_QUESTION);
      expect(first.quotes.length, first.text).toBeGreaterThan(0);
      const limited = await fe.ask(DEVOPS_QUESTION);
      expectClean(limited);
      expect(limited.quotes).toEqual([]);
      expect(limited.text).toMatch(/faster than I can keep up.*wait \d+ seconds?/);
    });
  });

  describe(`${driver.name} front end, when the bot is busy`, () => {
    let fe: FrontEnd;
    beforeAll(async () => {
      fe = await driver.start({ full: true });
    });
    afterAll(async () => {
      await fe?.close();
    });

    it('says it is busy and to try again, instead of answering or failing', async () => {
      const busy = await fe.ask(DEVOPS_QUESTION);
      expectClean(busy);
      expect(busy.quotes).toEqual([]);
      expect(busy.text).toMatch(/a lot of questions right now.*try again/i);
    });
  });
}

/** A work gate with no room at all: every question is refused as "busy", as when the bot is flooded. */
export const fullGate = () => createWorkGate({ maxConcurrent: 0, maxQueued: 0 });
