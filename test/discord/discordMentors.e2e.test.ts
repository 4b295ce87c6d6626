/**
 * The Discord side of the mentor loop beyond the shared contract (test/contract/mentorContract.ts): what Discord
 * alone has. Message Content is OFF here, as on most servers: a mentor's plain reply in a hand-off thread cannot be
 * read, and Save as answer (a message command, whose target Discord always shows the bot) is the way to keep it.
 * REAL discord.js against the stand-in; REAL core and SQLite store.
 */
import { GatewayIntentBits } from 'discord.js';
import type { APIMessage, APIUser } from 'discord-api-types/v10';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord, type DiscordHandle } from '../../adapters/discord/client.js';
import { SAVE_ANSWER_COMMAND } from '../../adapters/discord/commands.js';
import { BUTTON_LABELS } from '../../adapters/discord/embeds.js';
import { MENTOR_BUTTON_LABELS } from '../../adapters/discord/mentorMessages.js';
import { COMES_AS_DM_TEXT, NOT_DELIVERED_TEXT, SAVE_ONLY_OWN_IN_THREAD_TEXT } from '../../adapters/discord/mentors.js';
import { INPUT_IDS } from '../../adapters/discord/modals.js';
import { fixedChannelPolicy } from '../../src/channels/channelPolicy.js';
import { DEFAULT_UNPROMPTED_CONFIDENCE } from '../../src/channels/channelSettings.js';
import {
  ANSWER_RETIRED_DONE_TEXT,
  MENTOR_ANSWER_SENT_TEXT,
  MENTOR_ASKED_TEXT,
  NOT_A_MENTOR_TEXT,
} from '../../src/service/texts.js';
import { FakeDiscord, type Delivery, type ReplyBody } from '../support/fakeDiscord.js';
import { startTestCore, type TestCore } from '../support/testCore.js';

const APPLICATION_ID = '210000000000000042';
const GUILD_ID = '210000000000000043';
const MENTOR_CHANNEL = '210000000000000061';
const MENTOR_ROLE = '210000000000000077';
/** A Q&A text channel, where the bot answers in public (a mention, since Message Content is off). */
const QA_CHANNEL = '210000000000000071';
const TOKEN = 'MjEwMDAwMDAwMDAwMDAwMDQy.GxYz12.mentorE2eSecretPart_0123456789abcdef';

const person = (id: string, name: string): APIUser => ({
  id,
  username: name.toLowerCase(),
  global_name: name,
  discriminator: '0',
  avatar: null,
});
const ASKER = person('310000000000000011', 'Nia');
const MENTOR = person('310000000000000013', 'Ana');
const OTHER = person('310000000000000014', 'Ben');

let fake: FakeDiscord;
let core: TestCore;
let handle: DiscordHandle;

const body = (d: Delivery) => d.data as ReplyBody;
const buttonId = (d: Delivery | { components?: ReplyBody['components'] }, label: string) => {
  const components = 'data' in d ? body(d as Delivery).components : d.components;
  const found = (components ?? []).flatMap((row) => row.components).find((b) => b.label === label);
  if (!found) throw new Error(`no ${label} button`);
  return found.custom_id;
};
/** The reply a person finally sees for an interaction (a deferred reply's edit, when it was deferred). */
const seen = async (payload: Parameters<FakeDiscord['interact']>[0]) => {
  const first = await fake.interact(payload);
  return first.callbackType === 5
    ? fake.waitForDelivery((d) => d.interactionId === payload.id && d.kind !== 'callback')
    : first;
};

/** The asker asks something the docs cannot answer and presses Ask a mentor; the post in the mentors' channel. */
async function handOff(question: string, asker = ASKER): Promise<APIMessage> {
  const declined = await fake.interact(fake.slashCommand(question, { user: asker, nick: asker.global_name }));
  const message = fake.messageOf(declined.interactionId);
  const confirmation = await seen(fake.buttonClick(message, buttonId(declined, BUTTON_LABELS.ask), { user: asker }));
  expect(body(confirmation).content).toContain(MENTOR_ASKED_TEXT);
  expect(body(confirmation).content).toContain(COMES_AS_DM_TEXT);
  const post = fake.messagesIn(MENTOR_CHANNEL).findLast((m) => JSON.stringify(m.embeds).includes(question));
  if (!post) throw new Error('no hand-off post');
  return post;
}

beforeAll(async () => {
  fake = await FakeDiscord.start({
    token: TOKEN,
    applicationId: APPLICATION_ID,
    guildId: GUILD_ID,
    channels: [
      { id: MENTOR_CHANNEL, type: 0, name: 'mentors' },
      { id: QA_CHANNEL, type: 0, name: 'questions' },
    ],
    roles: [{ id: MENTOR_ROLE, name: 'Mentors' }],
  });
  fake.setMember(MENTOR, [MENTOR_ROLE]);
  fake.setMember(ASKER, []);
  fake.setMember(OTHER, []);
  core = await startTestCore({ publicUrl: 'https://answers.example.org' });
  handle = await startDiscord({
    config: {
      token: TOKEN,
      applicationId: APPLICATION_ID,
      guildId: GUILD_ID,
      apiUrl: `${fake.apiUrl}/`,
      mentors: { channel: MENTOR_CHANNEL, role: MENTOR_ROLE },
    },
    service: core.service,
    channels: fixedChannelPolicy({
      slack: new Map(),
      discord: new Map([[QA_CHANNEL, { mode: 'all-questions', minConfidence: DEFAULT_UNPROMPTED_CONFIDENCE }]]),
    }),
    logger: pino({ level: 'silent' }),
    repostCheckMs: 0,
  });
});

afterAll(async () => {
  await handle?.stop();
  await fake?.close();
  await core?.close();
});

describe('Discord mentor loop, Message Content off', () => {
  it('asks for GuildMessages (replies in hand-off threads) but not the privileged Message Content', () => {
    expect(fake.identifies.at(-1)?.intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages);
  });

  it('registers Save as answer beside the other commands', () => {
    const names = (fake.commandRegistrations[0]!.body as { name: string }[]).map((c) => c.name);
    expect(names).toEqual(['backend', 'Find an answer', SAVE_ANSWER_COMMAND]);
  });

  it('cannot read a mentor’s plain reply in the thread, and Save as answer on it answers the hand-off', async () => {
    const question = 'which desk do I sit at on my first day';
    const post = await handOff(question);
    const { threadId } = fake.startThread(MENTOR_CHANNEL, post.id, 'Desk');
    const reply = fake.userMessage(threadId, 'Desk 14, next to the window; Ana will meet you there.', {
      author: MENTOR,
    });
    // The bot only sees an empty message: it stays quiet and the hand-off stays open.
    await handle.idle();
    expect(fake.postsIn(threadId)).toEqual([]);
    expect((await core.store.insights.report()).openHandoffs.map((h) => h.question)).toContain(question);

    const refused = await fake.interact(fake.messageCommand(SAVE_ANSWER_COMMAND, reply, { user: OTHER }));
    expect(body(refused).content).toContain(NOT_A_MENTOR_TEXT);

    const saved = await seen(
      fake.messageCommand(SAVE_ANSWER_COMMAND, reply, { user: MENTOR, nick: 'Ana', parentId: MENTOR_CHANNEL }),
    );
    expect(body(saved).content).toContain(MENTOR_ANSWER_SENT_TEXT);
    expect(body(saved).flags).toBe(64);
    const dm = fake.dmChannelOf(ASKER.id)!;
    const delivered = fake.messagesIn(dm).at(-1)!;
    expect(delivered.embeds[0]!.description).toContain('Desk 14, next to the window');
    expect(delivered.embeds[0]!.title).toContain('Ana');
    expect(fake.messagesIn(MENTOR_CHANNEL).find((m) => m.id === post.id)!.embeds[0]!.title).toContain(
      'Answered by Ana',
    );
    expect(fake.rejections).toEqual([]);
  });

  it('refuses Save as answer on someone else’s message, or outside a thread', async () => {
    const post = await handOff('where is the coffee machine');
    const { threadId } = fake.startThread(MENTOR_CHANNEL, post.id, 'Coffee');
    const theirs = fake.userMessage(threadId, 'Second floor.', { author: OTHER });
    const notOwn = await fake.interact(
      fake.messageCommand(SAVE_ANSWER_COMMAND, theirs, { user: MENTOR, parentId: MENTOR_CHANNEL }),
    );
    expect(body(notOwn).content).toContain(SAVE_ONLY_OWN_IN_THREAD_TEXT);
    const inChannel = fake.userMessage(MENTOR_CHANNEL, 'Second floor, by the lifts.', { author: MENTOR });
    const notThread = await fake.interact(fake.messageCommand(SAVE_ANSWER_COMMAND, inChannel, { user: MENTOR }));
    expect(body(notThread).content).toContain(SAVE_ONLY_OWN_IN_THREAD_TEXT);
  });

  it('tells the mentor when the asker does not accept direct messages, and keeps the answer all the same', async () => {
    const closed = person('310000000000000015', 'Cleo');
    fake.setMember(closed, []);
    fake.closedDms.add(closed.id);
    const question = 'who signs my expense claims';
    const post = await handOff(question, closed);
    const opened = await fake.interact(
      fake.buttonClick(post, buttonId(fake.bodyOf(post.id) as ReplyBody, MENTOR_BUTTON_LABELS.answer), {
        user: MENTOR,
        nick: 'Ana',
      }),
    );
    expect(opened.callbackType).toBe(9);
    const sent = await seen(
      fake.modalSubmit(opened, { [INPUT_IDS.answerText]: 'Your team lead signs them in Expensify.' }),
    );
    expect(body(sent).content).toContain(NOT_DELIVERED_TEXT);
    expect(fake.rejections.map((r) => r.status)).toEqual([403]);
    fake.rejections.length = 0;
    const { answeredHandoffs } = await core.store.insights.report();
    expect(answeredHandoffs.map((h) => h.question)).toContain(question);
  });

  it('answers a question asked in public where it was asked: a reply under the bot’s decline, naming the mentor', async () => {
    const question = 'when is the team lunch on Fridays';
    fake.userMessage(QA_CHANNEL, question, { mentionBot: true, author: ASKER });
    const declined = await fake.waitUntil(() =>
      fake.postsIn(QA_CHANNEL).find((p) => JSON.stringify(p.body).includes('couldn')),
    );
    const confirmation = await seen(
      fake.buttonClick(declined.message, buttonId(declined.body as ReplyBody, BUTTON_LABELS.ask), {
        user: ASKER,
        nick: 'Nia',
      }),
    );
    expect(body(confirmation).content).toContain(MENTOR_ASKED_TEXT);
    expect(body(confirmation).content).not.toContain(COMES_AS_DM_TEXT);
    const post = fake.messagesIn(MENTOR_CHANNEL).findLast((m) => JSON.stringify(m.embeds).includes(question))!;
    const opened = await fake.interact(
      fake.buttonClick(post, buttonId(fake.bodyOf(post.id) as ReplyBody, MENTOR_BUTTON_LABELS.answer), {
        user: MENTOR,
        nick: 'Ana',
      }),
    );
    await seen(fake.modalSubmit(opened, { [INPUT_IDS.answerText]: 'Fridays at 12:30, in the big kitchen.' }));
    const delivered = fake.postsIn(QA_CHANNEL).at(-1)!;
    expect(delivered.body.message_reference).toMatchObject({ message_id: declined.message.id });
    expect(JSON.stringify(delivered.body.embeds)).toContain('Fridays at 12:30, in the big kitchen.');
    expect(JSON.stringify(delivered.body.embeds)).toContain('Ana');
    expect(delivered.body.allowed_mentions).toEqual({ parse: [] });
    expect(fake.rejections).toEqual([]);
  });

  it('checks a press that carries no member (a DM) against the server, by fetching the member', async () => {
    const post = await handOff('how do I book a meeting room');
    const opened = await fake.interact(
      fake.buttonClick(post, buttonId(fake.bodyOf(post.id) as ReplyBody, MENTOR_BUTTON_LABELS.answer), {
        user: MENTOR,
        nick: 'Ana',
      }),
    );
    const sent = await seen(fake.modalSubmit(opened, { [INPUT_IDS.answerText]: 'Use the Rooms tab in Outlook.' }));
    const retire = buttonId(sent, MENTOR_BUTTON_LABELS.retire);
    const message = fake.messageOf(sent.interactionId);
    const lookups = () => fake.authorizations.filter((a) => a.path.startsWith(`/api/v10/guilds/${GUILD_ID}/members/`));
    const before = lookups().length;
    const refused = await fake.interact(fake.inDirectMessage(fake.buttonClick(message, retire, { user: OTHER })));
    expect(body(refused).content).toContain(NOT_A_MENTOR_TEXT);
    const done = await fake.interact(fake.inDirectMessage(fake.buttonClick(message, retire, { user: MENTOR })));
    expect(body(done).content).toContain(ANSWER_RETIRED_DONE_TEXT);
    expect(lookups().length).toBe(before + 2);
  });
});
