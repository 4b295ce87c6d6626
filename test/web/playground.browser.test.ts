import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerJson } from '../../src/answer/toAnswerJson.js';
import { startWebApp, type RunningWebApp } from './webServer.js';

/** Debian's chromium (`apt-get install chromium`); .ci/run installs it. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-output');
const DEVOPS = 'what does a DevOps developer do';

let web: RunningWebApp;
let browser: Browser;

beforeAll(async () => {
  web = await startWebApp({ publicHost: 'playground.localhost' });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

/** Each test gets a fresh context (its own profile: no cookies, cache or history shared); a failure leaves a screenshot. */
async function withPage(name: string, test: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  // Fail a step well inside the test's own timeout, so the error names the step (and the screenshot is this page).
  page.setDefaultTimeout(10_000);
  try {
    await test(page);
  } catch (error) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true }).catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
}

describe('the playground in a real browser', () => {
  it('answers the DevOps question in both previews, and the citation lands on its section', async () => {
    const expected = (await (await fetch(`${web.url}/api/ask?q=${encodeURIComponent(DEVOPS)}`)).json()) as AnswerJson;
    const best = expected.answers[0]!;
    expect(best.section).toMatch(/DevOps Developer/);

    await withPage('playground-devops', async (page) => {
      // Opened at PUBLIC_URL, as readers do: the citation links are then on this site and open in the same tab.
      await page.goto(web.publicUrl);
      // Keyboard only: the label names the input, Enter submits.
      await page.getByLabel('Your question').fill(DEVOPS);
      await page.keyboard.press('Enter');

      const slack = page.locator('#slack-preview');
      const discord = page.locator('#discord-preview');
      const passage = 'concentrate on automating and streamlining the procedures';
      await expect.poll(() => slack.innerText(), { timeout: 10_000 }).toContain(passage);
      expect(await discord.innerText()).toContain(passage);
      await expect.poll(() => page.locator('#status').innerText()).toContain('passage');

      // The citation in each preview: a link to the passage page, titled by the document (Slack) or the section
      // (Discord, whose footer names the document, author and date).
      expect(best.link.startsWith(web.publicUrl)).toBe(true);
      const slackCitation = slack.locator(`a[href="${best.link}"]`).first();
      const discordCitation = discord.locator(`.embed-title a[href="${best.link}"]`);
      expect(await slackCitation.innerText()).toBe(best.title);
      expect(await discordCitation.innerText()).toBe(best.section);
      expect(await discord.locator('.embed-footer').innerText()).toContain(`${best.title} · ${best.author}`);
      // The marked words are bold in both, as the platforms would show them.
      expect(await slack.locator('strong', { hasText: /DevOps/ }).count()).toBeGreaterThan(0);
      expect(await discord.locator('.embed-description strong', { hasText: /DevOps/ }).count()).toBeGreaterThan(0);

      await slackCitation.click();
      await page.waitForURL(best.link);
      const landed = await page.evaluate(() => {
        const id = decodeURIComponent(location.hash.slice(1));
        const target = document.getElementById(id);
        return {
          hash: location.hash,
          heading: target?.querySelector('h1,h2,h3,h4,h5,h6')?.textContent ?? '',
          isTarget: target?.matches(':target') ?? false,
        };
      });
      expect(landed.hash).toBe(new URL(best.link).hash);
      expect(landed.heading).toContain(best.section);
      expect(landed.isTarget).toBe(true);
    });
  }, 30_000);

  it('shows a third preview: the answer in a Q&A channel thread, under the question, with votes and no Share', async () => {
    await withPage('playground-thread', async (page) => {
      await page.goto(`${web.url}/?q=${encodeURIComponent(DEVOPS)}`);
      const thread = page.locator('#thread-preview');
      await expect
        .poll(() => thread.innerText(), { timeout: 10_000 })
        .toContain('concentrate on automating and streamlining the procedures');
      const text = await thread.innerText();
      expect(text.indexOf(DEVOPS)).toBeLessThan(text.indexOf('concentrate on automating'));
      expect(text).toContain('1 reply');
      expect(text).not.toContain('Only visible to you');
      expect(await thread.getByRole('button', { name: /Not helpful/ }).count()).toBe(1);
      expect(await thread.getByRole('button', { name: /Share/ }).count()).toBe(0);

      // A question the docs do not answer: silence in the thread, said plainly.
      await page.getByLabel('Your question').fill('how do I knit a scarf');
      await page.keyboard.press('Enter');
      await expect.poll(() => thread.innerText(), { timeout: 10_000 }).toContain('stays quiet');
    });
  }, 30_000);

  it("previews the hand-off Ask a mentor would post: the question and the mentors' buttons, per platform", async () => {
    await withPage('playground-handoff', async (page) => {
      const question = 'who approves my PTO';
      await page.goto(`${web.url}/?q=${encodeURIComponent(question)}`);
      const slack = page.locator('#handoff-slack');
      const discord = page.locator('#handoff-discord');
      await expect.poll(() => slack.innerText(), { timeout: 10_000 }).toContain('who approves my PTO');
      await expect.poll(() => discord.innerText(), { timeout: 10_000 }).toContain('who approves my PTO');
      for (const post of [slack, discord]) {
        expect(await post.getByRole('button', { name: /I.ll take it/ }).count()).toBe(1);
        expect(await post.getByRole('button', { name: /Answer$/ }).count()).toBe(1);
      }
      expect(await slack.innerText()).toContain('@mentors');
      // A post in the mentors' channel, which every mentor there sees.
      expect(await slack.innerText()).not.toContain('Only visible to you');
    });
  }, 30_000);

  it('records a "Not helpful" vote from the Discord preview and says thanks', async () => {
    await withPage('playground-vote', async (page) => {
      await page.goto(`${web.url}/?q=${encodeURIComponent(DEVOPS)}`);
      const discord = page.locator('#discord-preview');
      const button = discord.getByRole('button', { name: /Not helpful/ });
      await button.waitFor({ timeout: 10_000 });
      await button.click();
      await expect.poll(() => discord.innerText()).toContain('Thanks, noted');
      const passageId = (await discord.locator('button[data-custom-id*=":vote:down:"]').getAttribute('data-custom-id'))!
        .split(':')
        .slice(3)
        .join(':');
      expect((await web.store.insights.report()).mostNotHelpful).toContainEqual({
        passageId,
        notHelpful: 1,
        helpful: 0,
      });
    });
  }, 30_000);

  it('follows "More results" to the next page, and a suggested topic to its answer', async () => {
    await withPage('playground-more', async (page) => {
      await page.goto(`${web.url}/?q=${encodeURIComponent('backend developer skills')}`);
      const slack = page.locator('#slack-preview');
      const status = page.locator('#status');
      await slack.getByRole('button', { name: 'More results' }).click();
      await expect.poll(() => status.innerText(), { timeout: 10_000 }).toMatch(/from result [2-9]/);

      await page.getByLabel('Your question').fill('how do I knit a scarf');
      await page.keyboard.press('Enter');
      const topic = slack.locator('.actions button').first();
      await expect.poll(() => status.innerText(), { timeout: 10_000 }).toContain('declines rather than guess');
      const topicText = await topic.innerText();
      await topic.click();
      await expect.poll(() => status.innerText(), { timeout: 10_000 }).toMatch(/passages? \(from result 1\)/);
      expect(topicText.replace('…', '')).toContain((await page.getByLabel('Your question').inputValue()).slice(0, 10));
    });
  }, 30_000);

  it('shows a question full of markup as text, in both previews, and declines it kindly', async () => {
    await withPage('playground-markup', async (page) => {
      const hostile = '<img src=x onerror="document.title=1"> *@channel* <script>alert(1)</script>';
      await page.goto(web.url);
      await page.getByLabel('Your question').fill(hostile);
      await page.getByRole('button', { name: 'Ask' }).click();
      const previews = page.locator('#previews');
      await expect.poll(() => previews.innerText(), { timeout: 10_000 }).toContain('<img src=x');
      expect(await previews.locator('img, script').count()).toBe(0);
      expect(await page.title()).not.toBe('1');
      expect(await page.locator('#status').innerText()).toContain('declines rather than guess');
    });
  }, 30_000);
});

describe('on a 390 px phone', () => {
  /** A phone-sized page: the width of an iPhone 12–15. */
  async function onPhone(name: string, test: (page: Page) => Promise<void>): Promise<void> {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    try {
      await test(page);
    } catch (error) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true }).catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  }

  /** How far the page scrolls sideways: 0 when everything fits the screen's width. */
  const sidewaysScroll = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  it('shows no empty preview boxes before the first question, then both previews without scrolling sideways', async () => {
    await onPhone('phone-playground', async (page) => {
      await page.goto(web.publicUrl);
      expect(await page.locator('#previews').isVisible()).toBe(false);
      expect(await page.locator('#previews').evaluate((el) => getComputedStyle(el).display)).toBe('none');
      expect(await sidewaysScroll(page)).toBe(0);

      await page.getByLabel('Your question').fill(DEVOPS);
      await page.keyboard.press('Enter');
      await page.locator('#slack-preview blockquote, #slack-preview .section').first().waitFor();
      expect(await page.locator('#previews').isVisible()).toBe(true);
      expect(await sidewaysScroll(page)).toBe(0);
    });
  }, 30_000);

  it('shows every document page, tables included, without scrolling sideways', async () => {
    await onPhone('phone-docs', async (page) => {
      await page.goto(`${web.publicUrl}/docs`);
      expect(await sidewaysScroll(page)).toBe(0);
      const withTable = web.service.documents().filter((d) => /^\|.*\|\s*$/m.test(d.body));
      expect(withTable.length).toBeGreaterThan(0);
      for (const doc of web.service.documents()) {
        await page.goto(`${web.publicUrl}/docs/${encodeURIComponent(doc.id)}`);
        expect(await sidewaysScroll(page), doc.id).toBe(0);
      }
      await page.goto(`${web.publicUrl}/docs/${encodeURIComponent(withTable[0]!.id)}`);
      expect(await page.locator('table').count()).toBeGreaterThan(0);
    });
  }, 60_000);
});
