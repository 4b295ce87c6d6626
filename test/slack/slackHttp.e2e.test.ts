import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ActionId } from '../../adapters/slack/ids.js';
import { WORKING_TEXT } from '../../adapters/slack/listeners.js';
import { FRIENDLY_ERROR_TEXT as FRIENDLY_ERROR } from '../../src/service/texts.js';
import type { BotService } from '../../src/service/types.js';
import {
  buttonClickBody,
  eventCallbackBody,
  messageShortcutBody,
  SLACK_LIMITS,
  slackMessageProblems,
  slackSignatureHeaders,
  slashCommandBody,
  type RecordedResponse,
} from '../support/fakeSlack.js';
import { normalizeQuote, sourceSection } from '../support/corpusOracle.js';
import { button, buttons, citations, quotes, textObjects, visibleText, type SentMessage } from './readMessage.js';
import { ACTOR, APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, startSlackHarness, type SlackHarness } from './slackHarness.js';

interface Manifest {
  features: { slash_commands: { command: string }[]; shortcuts: { callback_id: string; type: string }[] };
}
/** The command and shortcut are sent exactly as the shipped manifest declares them. */
const manifest = parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'adapters', 'slack', 'manifest.yml'), 'utf8'),
) as Manifest;
const COMMAND = manifest.features.slash_commands[0]!.command;
const SHORTCUT = manifest.features.shortcuts.find((s) => s.type === 'message')!.callback_id;

const DEVOPS_QUESTION = 'what does a DevOps developer do';
/** A broad question the corpus answers with many passages, so there is a next page. */
const BROAD_QUESTION = 'what does a backend developer do';
const devops = sourceSection('DevOps Developer');

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Sends `/backend <text>` and returns the ack body (the answer travels in it). */
async function slash(text: string, responseUrl = h.fake.responseUrl()): Promise<SentMessage> {
  const res = await h.post(slashCommandBody(ACTOR, text, responseUrl, COMMAND));
  expect(res.status).toBe(200);
  return JSON.parse(res.text) as SentMessage;
}

async function click(actionId: string, value: string | undefined, ephemeral = true): Promise<RecordedResponse> {
  const responseUrl = h.fake.responseUrl();
  const res = await h.post(
    buttonClickBody(ACTOR, { action_id: actionId, value }, responseUrl, ephemeral, {
      triggerId: h.fake.trigger(ACTOR.userId),
    }),
  );
  expect(res.status).toBe(200);
  return h.fake.waitFor(() => h.fake.responsesTo(responseUrl)[0]);
}

function chatPosts() {
  return h.fake.calls('chat.postMessage');
}

/** Waits until the bot has fully handled what it received, before asserting that it did nothing more. */
const settle = () => h.idle();

describe('/backend over HTTP on real Bolt', () => {
  it('answers the DevOps question inside the acknowledgement, quoting the DevOps role passage with its citation', async () => {
    const responseUrl = h.fake.responseUrl();
    const started = performance.now();
    const body = await slash(DEVOPS_QUESTION, responseUrl);
    const ms = performance.now() - started;

    expect(ms).toBeLessThan(3000);
    expect(body.response_type).toBe('ephemeral');
    const [best] = quotes(body);
    expect(best).toBeDefined();
    expect(devops.paragraph).toContain(normalizeQuote(best!));
    const [cite] = citations(body);
    expect(cite).toContain(devops.title);
    expect(cite).toContain(devops.heading);
    expect(cite).toContain(devops.author!);
    expect(cite).toContain(devops.publisher!);
    expect(cite).toContain(`${h.publicUrl}/docs/`);
    expect(quotes(body).length).toBeGreaterThan(1);
    expect(quotes(body).length).toBeLessThanOrEqual(3);
    expect(buttons(body).map((b) => b.action_id)).toEqual([ActionId.share, ActionId.helpful, ActionId.notHelpful]);

    await settle();
    expect(h.fake.responsesTo(responseUrl)).toEqual([]);
    expect(chatPosts()).toEqual([]);
  });

  it('shows how to ask, three examples and the topics for a bare /backend and for /backend help', async () => {
    for (const text of ['', 'help', '  HELP ']) {
      const body = await slash(text);
      const shown = visibleText(body);
      expect(shown).toContain(`${COMMAND} your question`);
      const help = h.service.help();
      expect(help.examples).toHaveLength(3);
      for (const example of help.examples) expect(shown).toContain(example);
      for (const topic of help.topics) expect(shown).toContain(topic);
      expect(quotes(body)).toEqual([]);
    }
  });

  it('declines an out-of-scope question kindly, offers close topics and shows no passage', async () => {
    const body = await slash('what is the capital of Peru');
    expect(visibleText(body)).toMatch(/couldn't find anything in the docs/);
    expect(quotes(body)).toEqual([]);
    expect(JSON.stringify(body)).not.toContain('/docs/');
    const offered = buttons(body);
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.every((b) => b.action_id?.startsWith('ask_'))).toBe(true);

    const picked = await click(offered[0]!.action_id!, offered[0]!.value);
    expect(picked.body.response_type).toBe('ephemeral');
    expect(quotes(picked.body).length + (visibleText(picked.body).includes("couldn't find") ? 1 : 0)).toBeGreaterThan(
      0,
    );
  });

  it('pings nobody when the question contains <!channel>, <!here> or a user mention', async () => {
    for (const text of [
      `<!channel> <!here> <@U0BOSS> ${DEVOPS_QUESTION}`,
      `&lt;!channel&gt; &lt;!everyone&gt; ${DEVOPS_QUESTION}`,
      `@channel @here ${DEVOPS_QUESTION}`,
    ]) {
      const body = await slash(text);
      // Everything Slack renders; button values are data that only comes back to the bot.
      const rendered = [body.text, ...textObjects(body).map((t) => t.text)].join('\n');
      expect(rendered).not.toMatch(/<!(channel|here|everyone)/);
      expect(rendered).not.toMatch(/<@U/);
      for (const t of textObjects(body)) if (t.type === 'mrkdwn') expect(t.verbatim).toBe(true);
      expect(visibleText(body)).toMatch(/Question: (@channel|<!channel>)/);
    }
  });

  it('refuses a forged signature with 401 and posts nothing', async () => {
    const before = h.fake.apiCalls.length;
    const responseUrl = h.fake.responseUrl();
    const request = slashCommandBody(ACTOR, DEVOPS_QUESTION, responseUrl, COMMAND);
    const forged = slackSignatureHeaders('not-the-signing-secret-at-all', request.body);
    const res = await h.post(request, { headers: forged });
    expect(res.status).toBe(401);
    expect(res.text).not.toContain('DevOps');

    const unsigned = await fetch(h.eventsUrl, {
      method: 'POST',
      headers: { 'content-type': request.contentType },
      body: request.body,
    });
    expect(unsigned.status).toBe(401);

    await settle();
    expect(h.fake.apiCalls.length).toBe(before);
    expect(h.fake.responsesTo(responseUrl)).toEqual([]);
  });

  it('refuses a correctly signed request that is ten minutes old', async () => {
    const before = h.fake.apiCalls.length;
    const responseUrl = h.fake.responseUrl();
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    const res = await h.post(slashCommandBody(ACTOR, DEVOPS_QUESTION, responseUrl, COMMAND), {
      timestamp: tenMinutesAgo,
    });
    expect(res.status).toBe(401);
    await settle();
    expect(h.fake.apiCalls.length).toBe(before);
    expect(h.fake.responsesTo(responseUrl)).toEqual([]);
  });

  it('refuses a captured, correctly signed request sent again within the five minutes', async () => {
    const request = slashCommandBody(ACTOR, DEVOPS_QUESTION, h.fake.responseUrl(), COMMAND);
    const timestamp = Math.floor(Date.now() / 1000);
    const first = await h.post(request, { timestamp });
    expect(first.status).toBe(200);
    expect(first.text).toContain('DevOps');
    const before = h.fake.apiCalls.length;

    const replays = await Promise.all(Array.from({ length: 20 }, () => h.post(request, { timestamp })));
    for (const replay of replays) {
      expect(replay.status).toBe(401);
      expect(replay.text).not.toContain('DevOps');
    }
    await settle();
    expect(h.fake.apiCalls.length).toBe(before);
    // Logged once, not once per replay.
    expect(h.logs.filter((l) => l.includes('SLACK_REPLAY'))).toHaveLength(1);
  });

  it('acknowledges a repeat marked as Slack retry without handling it twice', async () => {
    const ts = '1700000900.000100';
    const mention = {
      type: 'app_mention',
      user: ACTOR.userId,
      text: `<@${h.fake.botUserId}> ${DEVOPS_QUESTION}`,
      ts,
      channel: 'C0GENERAL',
      event_ts: ts,
    };
    const request = eventCallbackBody(ACTOR.teamId, mention);
    const timestamp = Math.floor(Date.now() / 1000);
    expect((await h.post(request, { timestamp })).status).toBe(200);
    await h.fake.waitFor(() => chatPosts().find((c) => c.args.thread_ts === ts));
    const before = chatPosts().length;
    const retry = await h.post(request, {
      timestamp,
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    await settle();
    expect(chatPosts().length).toBe(before);
  });

  it('refuses a correctly signed request dated more than five minutes ahead', async () => {
    const before = h.fake.apiCalls.length;
    const responseUrl = h.fake.responseUrl();
    const nextYear = Math.floor(Date.now() / 1000) + 365 * 86_400;
    const res = await h.post(slashCommandBody(ACTOR, DEVOPS_QUESTION, responseUrl, COMMAND), { timestamp: nextYear });
    expect(res.status).toBe(401);
    const sixMinutesAhead = Math.floor(Date.now() / 1000) + 360;
    expect(
      (
        await h.post(slashCommandBody(ACTOR, DEVOPS_QUESTION, h.fake.responseUrl(), COMMAND), {
          timestamp: sixMinutesAhead,
        })
      ).status,
    ).toBe(401);
    // A clock a little ahead of ours is still fine.
    expect(
      (
        await h.post(slashCommandBody(ACTOR, DEVOPS_QUESTION, h.fake.responseUrl(), COMMAND), {
          timestamp: Math.floor(Date.now() / 1000) + 60,
        })
      ).status,
    ).toBe(200);
    await settle();
    expect(h.fake.responsesTo(responseUrl)).toEqual([]);
    expect(h.fake.apiCalls.length).toBe(before);
  });

  it('shares the answer publicly through response_url, naming the sharer without pinging them', async () => {
    const privately = await slash(DEVOPS_QUESTION);
    const shared = await click(ActionId.share, button(privately, ActionId.share).value);

    expect(shared.body.response_type).toBe('in_channel');
    expect(shared.body.replace_original).toBe(false);
    expect(visibleText(shared.body)).toContain(`${ACTOR.userName} shared an answer`);
    expect(JSON.stringify(shared.body)).not.toContain(`<@${ACTOR.userId}>`);
    expect(quotes(shared.body)).toEqual(quotes(privately));
    expect(citations(shared.body)).toEqual(citations(privately));
    expect(buttons(shared.body)).toEqual([]);
  });

  it('records votes, acknowledges them quietly to the voter only, and lets a second vote replace the first', async () => {
    const privately = await slash(DEVOPS_QUESTION);
    const votedPassage = JSON.parse(button(privately, ActionId.notHelpful).value!).p as string;
    const before = (await h.store.insights.report()).perDay.reduce((n, d) => n + d.helpful + d.notHelpful, 0);

    const thanks = await click(ActionId.notHelpful, button(privately, ActionId.notHelpful).value);
    expect(thanks.body.response_type).toBe('ephemeral');
    expect(thanks.body.replace_original).toBe(false);
    expect(visibleText(thanks.body)).toMatch(/Thanks, noted/);
    const afterFirst = await h.store.insights.report();
    expect(afterFirst.mostNotHelpful).toContainEqual(
      expect.objectContaining({ passageId: votedPassage, notHelpful: 1, helpful: 0 }),
    );

    // The same person changes their mind on the same passage: the vote is replaced, not added.
    await click(ActionId.helpful, button(privately, ActionId.helpful).value);
    const report = await h.store.insights.report();
    expect(report.mostNotHelpful.map((p) => p.passageId)).not.toContain(votedPassage);
    expect(report.perDay.reduce((n, d) => n + d.helpful + d.notHelpful, 0)).toBe(before + 1);
  });

  it('offers More results when there are more, and turns to the next page, replacing the private message', async () => {
    const first = await slash(BROAD_QUESTION);
    const next = await click(ActionId.more, button(first, ActionId.more).value);

    expect(next.body.response_type).toBe('ephemeral');
    expect(next.body.replace_original).toBe(true);
    const page2 = quotes(next.body);
    expect(page2.length).toBeGreaterThan(0);
    for (const quote of page2) expect(quotes(first)).not.toContain(quote);
  });

  it('answers More results on a public thread reply privately, leaving the thread as it is', async () => {
    const first = await slash(BROAD_QUESTION);
    const next = await click(ActionId.more, button(first, ActionId.more).value, false);
    expect(next.body.response_type).toBe('ephemeral');
    expect(next.body.replace_original).toBe(false);
  });

  it('answers an @mention in a thread with the same content', async () => {
    const ts = '1700000100.000100';
    const res = await h.post(
      eventCallbackBody(ACTOR.teamId, {
        type: 'app_mention',
        user: ACTOR.userId,
        text: `<@${h.fake.botUserId}> ${DEVOPS_QUESTION}`,
        ts,
        channel: 'C0GENERAL',
        event_ts: ts,
      }),
    );
    expect(res.status).toBe(200);
    const post = await h.fake.waitFor(() => chatPosts().find((c) => c.args.thread_ts === ts));
    expect(post.token).toBe(BOT_TOKEN);
    expect(post.args.channel).toBe('C0GENERAL');
    expect(devops.paragraph).toContain(normalizeQuote(quotes(post.args)[0]!));
    expect(visibleText(post.args)).not.toContain(h.fake.botUserId);
    expect(buttons(post.args).map((b) => b.action_id)).not.toContain(ActionId.share);
    expect(buttons(post.args).map((b) => b.action_id)).toContain(ActionId.helpful);
  });

  it('answers a direct message in a thread', async () => {
    const ts = '1700000200.000100';
    await h.post(
      eventCallbackBody(ACTOR.teamId, {
        type: 'message',
        channel: 'D0DM',
        channel_type: 'im',
        user: ACTOR.userId,
        text: DEVOPS_QUESTION,
        ts,
        event_ts: ts,
      }),
    );
    const post = await h.fake.waitFor(() => chatPosts().find((c) => c.args.thread_ts === ts));
    expect(post.args.channel).toBe('D0DM');
    expect(devops.paragraph).toContain(normalizeQuote(quotes(post.args)[0]!));
  });

  it("ignores its own messages, other bots' messages and edits, so it never talks to itself", async () => {
    const before = chatPosts().length;
    const dm = { type: 'message', channel: 'D0DM', channel_type: 'im', text: DEVOPS_QUESTION };
    await h.post(
      eventCallbackBody(ACTOR.teamId, { ...dm, user: h.fake.botUserId, bot_id: h.fake.botId, ts: '1700000300.1' }),
    );
    await h.post(eventCallbackBody(ACTOR.teamId, { ...dm, user: 'U0OTHERBOT', bot_id: 'B0OTHER', ts: '1700000300.2' }));
    await h.post(
      eventCallbackBody(ACTOR.teamId, { ...dm, subtype: 'bot_message', bot_id: 'B0OTHER', ts: '1700000300.3' }),
    );
    await h.post(
      eventCallbackBody(ACTOR.teamId, {
        type: 'message',
        subtype: 'message_changed',
        channel: 'D0DM',
        channel_type: 'im',
        ts: '1700000300.4',
        message: { type: 'message', user: ACTOR.userId, text: DEVOPS_QUESTION, ts: '1700000300.0' },
      }),
    );
    await settle();
    expect(chatPosts().length).toBe(before);
  });

  it('does not answer a mention twice when Slack retries its delivery', async () => {
    const before = chatPosts().length;
    const ts = '1700000500.000100';
    const mention = {
      type: 'app_mention',
      user: ACTOR.userId,
      text: `<@${h.fake.botUserId}> ${DEVOPS_QUESTION}`,
      ts,
      channel: 'C0GENERAL',
      event_ts: ts,
    };
    const res = await h.post(eventCallbackBody(ACTOR.teamId, mention), {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(res.status).toBe(200);
    await settle();
    expect(chatPosts().length).toBe(before);
  });

  it('answers the "Find an answer" message shortcut privately, with a Share button', async () => {
    const responseUrl = h.fake.responseUrl();
    const res = await h.post(
      messageShortcutBody(ACTOR, SHORTCUT, 'Does anyone know what a DevOps developer does here?', responseUrl),
    );
    expect(res.status).toBe(200);
    const answer = await h.fake.waitFor(() => h.fake.responsesTo(responseUrl)[0]);
    expect(answer.body.response_type).toBe('ephemeral');
    expect(devops.paragraph).toContain(normalizeQuote(quotes(answer.body)[0]!));
    expect(button(answer.body, ActionId.share).value).toBeDefined();
  });

  it('keeps a 5,000-character question within Block Kit limits', async () => {
    const long = `${DEVOPS_QUESTION} ${'"quoted" & <tagged> '.repeat(250)}`.slice(0, 5000);
    const body = await slash(long);
    expect(slackMessageProblems(body)).toEqual([]);
    const blocks = body.blocks as unknown[];
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    for (const t of textObjects(body)) expect(t.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    for (const b of buttons(body)) expect(b.value!.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
    expect(JSON.stringify(body)).not.toContain('<tagged>');
  });

  it('never leaks a token or the signing secret into the logs, Bolt debug lines included', async () => {
    const all = h.logs.join('\n');
    expect(h.logs.length).toBeGreaterThan(10);
    expect(all).toContain('"component":"slack"');
    for (const secret of [BOT_TOKEN, SIGNING_SECRET, APP_TOKEN]) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/xox[a-z]-/);
  });
});

describe('/backend for someone asking too fast', () => {
  let limited: SlackHarness;
  beforeAll(async () => {
    limited = await startSlackHarness({ rateLimitPerMinute: 1 });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it("shows the core's rate-limit notice instead of an answer", async () => {
    const ask = async () =>
      JSON.parse(
        (await limited.post(slashCommandBody(ACTOR, DEVOPS_QUESTION, limited.fake.responseUrl(), COMMAND))).text,
      ) as SentMessage;
    expect(quotes(await ask()).length).toBeGreaterThan(0);
    const second = await ask();
    expect(second.response_type).toBe('ephemeral');
    expect(quotes(second)).toEqual([]);
    expect(visibleText(second)).toMatch(/faster than I can keep up.*wait \d+ second/);
  });
});

describe('/backend when the core misbehaves', () => {
  let broken: SlackHarness;
  beforeAll(async () => {
    const wrap = (service: BotService): BotService => ({
      ...service,
      ask: async (request) => {
        if (request.question.includes('explode')) throw new Error(`boom at ${BOT_TOKEN}`);
        if (request.question.includes('DevOps')) await new Promise((resolve) => setTimeout(resolve, 300));
        return service.ask(request);
      },
    });
    broken = await startSlackHarness({ wrapService: wrap, ackDeadlineMs: 50 });
  });
  afterAll(async () => {
    await broken?.close();
  });

  it('shows a friendly line, not a stack trace, and logs the cause without the token', async () => {
    const res = await broken.post(slashCommandBody(ACTOR, 'please explode', broken.fake.responseUrl(), COMMAND));
    const body = JSON.parse(res.text) as SentMessage;
    expect(visibleText(body)).toContain(FRIENDLY_ERROR);
    expect(res.text).not.toMatch(/boom|\bat .*\.ts|Error:/);

    const logged = broken.logs.find((line) => line.includes('Slack listener failed'));
    expect(logged).toBeDefined();
    expect(logged).toContain('boom at [redacted]');
    expect(broken.logs.join('\n')).not.toContain(BOT_TOKEN);
  });

  it('acknowledges in time when the answer is slow, then replaces the placeholder with the answer', async () => {
    const responseUrl = broken.fake.responseUrl();
    const res = await broken.post(slashCommandBody(ACTOR, DEVOPS_QUESTION, responseUrl, COMMAND));
    const ack = JSON.parse(res.text) as SentMessage;
    expect(visibleText(ack)).toContain(WORKING_TEXT.replace(/^:\S+: /, ''));

    const followUp = await broken.fake.waitFor(() => broken.fake.responsesTo(responseUrl)[0]);
    expect(followUp.body.replace_original).toBe(true);
    expect(followUp.body.response_type).toBe('ephemeral');
    expect(quotes(followUp.body).length).toBeGreaterThan(0);
  });
});
