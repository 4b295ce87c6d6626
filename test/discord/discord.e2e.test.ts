/**
 * The Discord adapter end to end: the REAL discord.js client logs in to a stand-in Discord on loopback (REST +
 * gateway, test/support/fakeDiscord.ts) and answers interactions from the REAL core built from corpus/. Every
 * assertion is on what Discord receives.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { GatewayIntentBits, REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord, type DiscordHandle } from '../../adapters/discord/client.js';
import { QUESTION_MAX_LENGTH, registerCommands } from '../../adapters/discord/commands.js';
import { decodeAction } from '../../adapters/discord/customIds.js';
import { DiscordAdapterError } from '../../adapters/discord/errors.js';
import {
  AUTOCOMPLETE_CHOICES_MAX,
  BUTTON_LABELS,
  CHOICE_MAX,
  CONTENT_MAX,
  EMBEDS_TOTAL_MAX,
  EMBED_AUTHOR_NAME_MAX,
  EMBED_DESCRIPTION_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_TITLE_MAX,
  embedsLength,
} from '../../adapters/discord/embeds.js';
import { NO_TEXT, UNKNOWN_INTERACTION } from '../../adapters/discord/interactions.js';
import { BotError } from '../../src/errors.js';
import { createLogger } from '../../src/log.js';
import { FRIENDLY_ERROR_TEXT as FRIENDLY_ERROR, STALE_BUTTON_TEXT as STALE_BUTTON } from '../../src/service/texts.js';
import type { AskOutcome, BotService } from '../../src/service/types.js';
import { FakeDiscord, type ReplyBody, TEST_NICKNAME, TEST_USER, type Delivery } from '../support/fakeDiscord.js';
import { sourceSection as findSection } from '../support/corpusOracle.js';
import { startTestCore, type TestCore } from '../support/testCore.js';
import { unrenderQuote } from './readEmbed.js';

const APPLICATION_ID = '210000000000000042';
const GUILD_ID = '210000000000000043';
const TOKEN_SECRET = 'fAkEsEcReTpArToFtHeToKeN_0123456789abcd';
const TOKEN = `MjEwMDAwMDAwMDAwMDAwMDQy.GxYz12.${TOKEN_SECRET}`;
const DEVOPS_QUESTION = 'what does a DevOps developer do';
/** Answers take well under a millisecond; anything slower than this is deferred. Short, to test deferral quickly. */
const DEFER_AFTER_MS = 150;

const body = (d: Delivery) => d.data as ReplyBody;
const buttons = (d: Delivery) => (body(d).components ?? []).flatMap((row) => row.components);
const button = (d: Delivery, label: string) => {
  const found = buttons(d).find((b) => b.label === label);
  if (!found) throw new Error(`no ${label} button in ${JSON.stringify(buttons(d))}`);
  return found;
};
const EPHEMERAL = 64;

/** Lets a test slow down or break the real service, or make it return a notice: the faults real life brings. */
function withFaults(service: BotService) {
  const faults: { delayMs: number; error?: Error; outcome?: AskOutcome } = { delayMs: 0 };
  const faulty: BotService = {
    ...service,
    ask: async (request) => {
      if (faults.delayMs > 0) await sleep(faults.delayMs);
      if (faults.error) throw faults.error;
      return faults.outcome ?? service.ask(request);
    },
  };
  const reset = () => Object.assign(faults, { delayMs: 0, error: undefined, outcome: undefined });
  return { faulty, faults, reset };
}

let fake: FakeDiscord;
let real: TestCore;
let handle: DiscordHandle;
const logLines: string[] = [];
let faults: ReturnType<typeof withFaults>;

/** Every request the bot made was one Discord would accept. */
function expectAllAccepted(): void {
  expect(fake.rejections).toEqual([]);
}

beforeAll(async () => {
  fake = await FakeDiscord.start({
    token: TOKEN,
    applicationId: APPLICATION_ID,
    guildId: GUILD_ID,
    heartbeatIntervalMs: 200,
  });
  real = await startTestCore({ publicUrl: 'https://answers.example.org' });
  faults = withFaults(real.service);
  const logger = createLogger({
    level: 'trace',
    pretty: false,
    destination: { write: (line: string) => void logLines.push(line) },
  });
  handle = await startDiscord({
    config: { token: TOKEN, applicationId: APPLICATION_ID, guildId: GUILD_ID, apiUrl: `${fake.apiUrl}/` },
    service: faults.faulty,
    logger,
    deferAfterMs: DEFER_AFTER_MS,
  });
});

afterAll(async () => {
  await handle?.stop();
  await fake?.close();
  real?.close();
});

describe('start-up', () => {
  it('connects with the Guilds intent only (no privileged intents) and keeps its heartbeat acknowledged', async () => {
    expect(fake.identifies.map((i) => i.intents)).toEqual([GatewayIntentBits.Guilds]);
    await fake.waitUntil(() => (fake.heartbeatsAcked.count >= 1 ? true : undefined), 3000);
  });

  it('registers /backend (with autocomplete) and "Find an answer" to the guild', () => {
    expect(fake.commandRegistrations).toHaveLength(1);
    const [registration] = fake.commandRegistrations;
    expect(registration).toMatchObject({ scope: 'guild', guildId: GUILD_ID });
    expect(registration!.body).toEqual([
      expect.objectContaining({
        type: 1,
        name: 'backend',
        options: [
          expect.objectContaining({
            type: 3,
            name: 'question',
            required: false,
            autocomplete: true,
            max_length: QUESTION_MAX_LENGTH,
          }),
        ],
      }),
      expect.objectContaining({ type: 3, name: 'Find an answer' }),
    ]);
  });

  it('refuses to start with a wrong token, saying which variable to fix, without printing it', async () => {
    const wrong = `${TOKEN.slice(0, -4)}nope`;
    const lines: string[] = [];
    const logger = createLogger({
      level: 'trace',
      pretty: false,
      destination: { write: (line: string) => void lines.push(line) },
    });
    const start = startDiscord({
      config: { token: wrong, applicationId: APPLICATION_ID, apiUrl: fake.apiUrl },
      service: real.service,
      logger,
    });
    const error = await start.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DiscordAdapterError);
    expect(error).toBeInstanceOf(BotError);
    expect(error).toMatchObject({ code: 'DISCORD_LOGIN_FAILED', message: expect.stringContaining('DISCORD_TOKEN') });
    expect(String((error as Error).message)).not.toContain(wrong.split('.')[2]);
    expect(lines.some((l) => l.includes('DISCORD_REGISTER_FAILED'))).toBe(true);
    expect(lines.join('\n')).not.toContain(wrong.split('.')[2]);
    expect(fake.rejections.map((r) => r.status)).toEqual([401, 401]);
    fake.rejections.length = 0;
  });

  it('registers globally, for every server, when no guild is configured', async () => {
    const rest = new REST({ api: fake.apiUrl }).setToken(TOKEN);
    await expect(registerCommands(rest, { applicationId: APPLICATION_ID })).resolves.toEqual({
      scope: 'global',
      count: 2,
    });
    expect(fake.commandRegistrations.at(-1)).toMatchObject({
      scope: 'global',
      body: [
        expect.objectContaining({ name: 'backend', contexts: [0, 1] }),
        expect.objectContaining({ name: 'Find an answer' }),
      ],
    });
  });
});

describe('/backend question', () => {
  let devops: Delivery;

  beforeAll(async () => {
    devops = await fake.interact(fake.slashCommand(DEVOPS_QUESTION));
  });

  it('answers the DevOps question at once, privately, quoting the DevOps Developer passage with its citation', () => {
    const source = findSection(/DevOps Developer/);
    expect(devops.callbackType).toBe(4);
    expect(body(devops).flags).toBe(EPHEMERAL);
    const [embed] = body(devops).embeds!;
    expect(embed!.title).toContain('DevOps Developer');
    const quoted = unrenderQuote(embed!.description!);
    expect(quoted.length).toBeGreaterThan(40);
    expect(source.paragraph).toContain(quoted);
    for (const part of [source.title, source.author, source.date]) expect(embed!.footer!.text).toContain(part);
    expect(embed!.url).toMatch(/^https:\/\/answers\.example\.org\/docs\/.+#.*devops-developer/);
    expect(embed!.author!.name).toBe(DEVOPS_QUESTION);
    expect(buttons(devops).map((b) => b.label)).toEqual(
      expect.arrayContaining([BUTTON_LABELS.share, BUTTON_LABELS.helpful, BUTTON_LABELS.notHelpful]),
    );
    expectAllAccepted();
  });

  it('shares the answer in the channel, publicly, naming the sharer without pinging anyone', async () => {
    const message = fake.messageOf(devops.interactionId);
    const shared = await fake.interact(fake.buttonClick(message, button(devops, BUTTON_LABELS.share).custom_id));
    expect(shared.callbackType).toBe(4);
    expect(body(shared).flags ?? 0).toBe(0);
    expect(body(shared).content).toContain(TEST_NICKNAME);
    expect(body(shared).content).not.toMatch(/<@/);
    expect(body(shared).allowed_mentions).toEqual({ parse: [] });
    expect(body(shared).embeds![0]!.title).toBe(body(devops).embeds![0]!.title);
    expect(body(shared).embeds![0]!.description).toBe(body(devops).embeds![0]!.description);
    expect(buttons(shared)).toEqual([]);
    expectAllAccepted();
  });

  it('records Helpful and Not helpful votes on the passage shown', async () => {
    const message = fake.messageOf(devops.interactionId);
    const up = button(devops, BUTTON_LABELS.helpful).custom_id;
    const down = button(devops, BUTTON_LABELS.notHelpful).custom_id;
    const thanks = await fake.interact(fake.buttonClick(message, up));
    expect(body(thanks).flags).toBe(EPHEMERAL);
    expect(body(thanks).content).toMatch(/thanks/i);
    await fake.interact(fake.buttonClick(message, down));

    const passageId = (decodeAction(down) as { passageId: string }).passageId;
    // The same person voted twice on the same passage: the second vote replaced the first.
    const report = await real.store.insights.report();
    expect(report.mostNotHelpful).toContainEqual({ passageId, helpful: 0, notHelpful: 1 });
    expectAllAccepted();
  });

  it('shows the next page with More results, for a question with more passages than fit', async () => {
    const first = await fake.interact(fake.slashCommand('backend developer responsibilities'));
    const more = button(first, BUTTON_LABELS.more);
    const next = await fake.interact(fake.buttonClick(fake.messageOf(first.interactionId), more.custom_id));
    expect(body(next).flags).toBe(EPHEMERAL);
    const [firstEmbed] = body(first).embeds!;
    const [nextEmbed] = body(next).embeds!;
    expect(nextEmbed!.author!.name).toBe(firstEmbed!.author!.name);
    expect(nextEmbed!.description).not.toBe(firstEmbed!.description);
    const onPage = 1 + (firstEmbed!.fields?.length ?? 0);
    expect(decodeAction(button(next, BUTTON_LABELS.share).custom_id)).toEqual({ kind: 'share', offset: onPage });
    expectAllAccepted();
  });
});

describe('in a DM with the bot', () => {
  it("answers, and shares under the user's display name", async () => {
    const asked = await fake.interact(fake.inDirectMessage(fake.slashCommand(DEVOPS_QUESTION)));
    expect(body(asked).embeds![0]!.title).toContain('DevOps Developer');
    const click = fake.inDirectMessage(
      fake.buttonClick(fake.messageOf(asked.interactionId), button(asked, BUTTON_LABELS.share).custom_id),
    );
    const shared = await fake.interact(click);
    expect(body(shared).content).toContain(TEST_USER.global_name);
    expectAllAccepted();
  });
});

describe('autocomplete', () => {
  it('offers questions and topics matching what is typed, within the limits', async () => {
    const typed = await fake.interact(fake.autocomplete('devops'));
    expect(typed.callbackType).toBe(8);
    const choices = body(typed).choices!;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(AUTOCOMPLETE_CHOICES_MAX);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(CHOICE_MAX);
      expect(c.value.length).toBeLessThanOrEqual(CHOICE_MAX);
    }
    expect(choices.some((c) => /devops/i.test(c.name))).toBe(true);
    expect(typed.afterMs).toBeLessThan(3000);
    expectAllAccepted();
  });

  it('offers the topics before anything is typed, and survives a 5,000-character paste', async () => {
    const empty = await fake.interact(fake.autocomplete(''));
    expect(body(empty).choices!.length).toBeGreaterThan(0);
    const pasted = await fake.interact(fake.autocomplete('deploy '.repeat(715)));
    expect(pasted.callbackType).toBe(8);
    expect(body(pasted).choices!.length).toBeLessThanOrEqual(AUTOCOMPLETE_CHOICES_MAX);
    expectAllAccepted();
  });
});

describe('/backend with no question', () => {
  it('explains how to ask, with the examples and topics the core offers', async () => {
    const help = await fake.interact(fake.slashCommand());
    const expected = real.service.help();
    expect(body(help).flags).toBe(EPHEMERAL);
    const [embed] = body(help).embeds!;
    const fields = Object.fromEntries(embed!.fields!.map((f) => [f.name, unrenderQuote(f.value)]));
    for (const example of expected.examples) expect(fields['Try asking']).toContain(example);
    for (const topic of expected.topics.slice(0, 3)) expect(fields.Topics).toContain(topic);
    expectAllAccepted();
  });
});

describe('questions the corpus cannot answer', () => {
  it('declines kindly, with suggestions and no passage', async () => {
    const declined = await fake.interact(fake.slashCommand('what is the capital of Peru'));
    const [embed] = body(declined).embeds!;
    expect(embed!.title).toMatch(/couldn't find/i);
    expect(embed!.description).toMatch(/won't guess/);
    expect(embed!.description).toMatch(/^• /m);
    expect(embed!.url).toBeUndefined();
    expect(embed!.fields).toBeUndefined();
    expect(embed!.description).not.toMatch(/^> /m);
    expect(buttons(declined)).toEqual([]);
    expectAllAccepted();
  });
});

describe('mentions and limits', () => {
  const LIVE_MENTION = /@(everyone|here)|<@[!&]?\d/;
  const texts = (d: Delivery) => {
    const b = body(d);
    return [
      b.content ?? '',
      ...(b.embeds ?? []).flatMap((e) => [
        e.title,
        e.description,
        e.author?.name,
        e.footer?.text,
        ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
      ]),
    ];
  };

  it('never pings: @everyone, @here and role mentions in a question stay plain text, shared or not', async () => {
    const loud = `@everyone @here <@&210000000000000077> <@210000000000000005> ${DEVOPS_QUESTION}`;
    const asked = await fake.interact(fake.slashCommand(loud));
    const shared = await fake.interact(
      fake.buttonClick(fake.messageOf(asked.interactionId), button(asked, BUTTON_LABELS.share).custom_id),
    );
    for (const d of [asked, shared]) {
      expect(body(d).allowed_mentions).toEqual({ parse: [] });
      for (const text of texts(d)) expect(text ?? '').not.toMatch(LIVE_MENTION);
    }
    expectAllAccepted();
  });

  it('keeps every Discord limit for a 5,000-character question, typed or right-clicked', async () => {
    const long = `${'@everyone **how** do I deploy a DevOps pipeline with `code` and ||spoilers|| '.repeat(70)}`.slice(
      0,
      5000,
    );
    expect(long).toHaveLength(5000);
    const typed = await fake.interact(fake.slashCommand(long));
    const clicked = await fake.interact(fake.findAnswer(long));
    for (const d of [typed, clicked]) {
      const b = body(d);
      expect(d.callbackType).toBe(4);
      expect(b.content?.length ?? 0).toBeLessThanOrEqual(CONTENT_MAX);
      for (const e of b.embeds!) {
        expect(e.author!.name.length).toBeLessThanOrEqual(EMBED_AUTHOR_NAME_MAX);
        expect(e.title!.length).toBeLessThanOrEqual(EMBED_TITLE_MAX);
        expect(e.description!.length).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX);
        for (const f of e.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(EMBED_FIELD_VALUE_MAX);
      }
      expect(embedsLength(b.embeds as never)).toBeLessThanOrEqual(EMBEDS_TOTAL_MAX);
      for (const text of texts(d)) expect(text ?? '').not.toMatch(LIVE_MENTION);
    }
    expectAllAccepted();
  });
});

describe('Find an answer (message context menu)', () => {
  it("answers the selected message's text privately, with the Share button", async () => {
    const answered = await fake.interact(fake.findAnswer('Hey, what does a DevOps developer do?'));
    expect(body(answered).flags).toBe(EPHEMERAL);
    expect(body(answered).embeds![0]!.title).toContain(findSection(/DevOps Developer/).heading);
    expect(buttons(answered).map((b) => b.label)).toContain(BUTTON_LABELS.share);
    expectAllAccepted();
  });

  it('says so kindly when the message has no text', async () => {
    const empty = await fake.interact(fake.findAnswer(''));
    expect(body(empty)).toMatchObject({ content: NO_TEXT, flags: EPHEMERAL, allowed_mentions: { parse: [] } });
    expectAllAccepted();
  });
});

describe('interactions the bot cannot place', () => {
  it('answers a button whose message no longer shows the question, instead of failing silently', async () => {
    const asked = await fake.interact(fake.slashCommand(DEVOPS_QUESTION));
    const stripped = { ...fake.messageOf(asked.interactionId), embeds: [] };
    const click = await fake.interact(fake.buttonClick(stripped, button(asked, BUTTON_LABELS.share).custom_id));
    expect(body(click)).toMatchObject({ content: STALE_BUTTON, flags: EPHEMERAL });
    expectAllAccepted();
  });

  it('answers a command from an older registration with a pointer to /backend', async () => {
    const old = fake.slashCommand('anything');
    const reply = await fake.interact({ ...old, data: { ...old.data, name: 'ask' } });
    expect(body(reply)).toMatchObject({ content: UNKNOWN_INTERACTION, flags: EPHEMERAL });
    expectAllAccepted();
  });
});

describe('slow and failing work', () => {
  it('defers a slow answer within the 3-second window, then edits in the answer', async () => {
    faults.faults.delayMs = DEFER_AFTER_MS * 3;
    try {
      const deferred = await fake.interact(fake.slashCommand(DEVOPS_QUESTION));
      expect(deferred.callbackType).toBe(5);
      expect(body(deferred).flags).toBe(EPHEMERAL);
      const edit = await fake.waitForDelivery((d) => d.interactionId === deferred.interactionId && d.kind === 'edit');
      expect(body(edit).embeds![0]!.title).toContain('DevOps Developer');
      expect(body(edit).allowed_mentions).toEqual({ parse: [] });
      expect(buttons(edit).length).toBeGreaterThan(0);
    } finally {
      faults.reset();
    }
    expectAllAccepted();
  });

  it('turns a failure into a friendly private line and a log entry with a code', async () => {
    faults.faults.error = new Error('the index caught fire');
    try {
      const failed = await fake.interact(fake.slashCommand(DEVOPS_QUESTION));
      expect(body(failed)).toMatchObject({ content: FRIENDLY_ERROR, flags: EPHEMERAL });
      expect(JSON.stringify(body(failed))).not.toContain('caught fire');
    } finally {
      faults.reset();
    }
    expect(logLines.some((l) => l.includes('DISCORD_INTERACTION_FAILED') && l.includes('the index caught fire'))).toBe(
      true,
    );
    expectAllAccepted();
  });

  it('replaces a deferred reply with the friendly line when the work fails late', async () => {
    Object.assign(faults.faults, { delayMs: DEFER_AFTER_MS * 3, error: new Error('late failure') });
    try {
      const deferred = await fake.interact(fake.slashCommand(DEVOPS_QUESTION));
      expect(deferred.callbackType).toBe(5);
      const edit = await fake.waitForDelivery((d) => d.interactionId === deferred.interactionId && d.kind === 'edit');
      expect(body(edit).content).toBe(FRIENDLY_ERROR);
    } finally {
      faults.reset();
    }
    expectAllAccepted();
  });

  it('sends a late private notice privately, even when sharing had deferred publicly', async () => {
    const asked = await fake.interact(fake.slashCommand(DEVOPS_QUESTION));
    Object.assign(faults.faults, {
      delayMs: DEFER_AFTER_MS * 3,
      outcome: { kind: 'notice', notice: { code: 'RATE_LIMITED', text: 'Please wait 5 seconds and try again.' } },
    });
    try {
      const click = fake.buttonClick(fake.messageOf(asked.interactionId), button(asked, BUTTON_LABELS.share).custom_id);
      const deferred = await fake.interact(click);
      expect(deferred.callbackType).toBe(5);
      expect(body(deferred).flags ?? 0).toBe(0);
      const followup = await fake.waitForDelivery((d) => d.interactionId === click.id && d.kind === 'followup');
      expect(fake.deliveriesFor(click.id).map((d) => d.kind)).toEqual(['callback', 'delete', 'followup']);
      expect(body(followup)).toMatchObject({ content: 'Please wait 5 seconds and try again.', flags: EPHEMERAL });
    } finally {
      faults.reset();
    }
    expectAllAccepted();
  });

  it('logs, without crashing or leaking its token, when Discord no longer knows an interaction', async () => {
    const expired = fake.slashCommand(DEVOPS_QUESTION);
    fake.dispatchExpired(expired);
    await fake.waitUntil(() => (logLines.some((l) => l.includes('DISCORD_REPLY_FAILED')) ? true : undefined));
    expect(fake.rejections.map((r) => r.status)).toEqual([404, 404]);
    fake.rejections.length = 0;
    expect(logLines.join('\n')).not.toContain(expired.token);
    // Still answering afterwards.
    expect((await fake.interact(fake.slashCommand(DEVOPS_QUESTION))).callbackType).toBe(4);
  });
});

describe('over the whole session', () => {
  it('sent allowed_mentions: { parse: [] } with every message', () => {
    const messages = fake.deliveries.filter((d) => d.kind === 'edit' || d.kind === 'followup' || d.callbackType === 4);
    expect(messages.length).toBeGreaterThan(10);
    for (const d of messages) expect(body(d).allowed_mentions).toEqual({ parse: [] });
  });

  it('never sent the bot token to an interaction endpoint, nor wrote it to the logs', () => {
    const interactionCalls = fake.authorizations.filter((a) => a.path.includes('/interactions/'));
    expect(interactionCalls.length).toBeGreaterThan(0);
    for (const call of interactionCalls) expect(call.authorization).toBeUndefined();
    const logs = logLines.join('\n');
    expect(logs).toContain('Provided token'); // discord.js's debug line about the token was logged…
    expect(logs).not.toContain(TOKEN_SECRET); // …without the token
    expect(logs).not.toContain(TOKEN);
  });
});
