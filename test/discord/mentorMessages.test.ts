import { describe, expect, it } from 'vitest';
import {
  decodeAskerReply,
  encodeAskerReply,
  parsePostReference,
  postReference,
} from '../../adapters/discord/askerReply.js';
import { CUSTOM_ID_MAX, decodeAction, decodeForm, encodeAction, encodeForm } from '../../adapters/discord/customIds.js';
import { BUTTON_LABELS, CONTENT_MAX, toDiscordMessage } from '../../adapters/discord/embeds.js';
import {
  MENTOR_BUTTON_LABELS,
  deliveryToDiscordMessage,
  handoffToDiscordPost,
  reasonMenuPassage,
  reasonPromptToDiscordMessage,
  savedAnswerToDiscordMessage,
} from '../../adapters/discord/mentorMessages.js';
import { MODAL_TITLE_MAX, mentorAnswerModal, reasonModal } from '../../adapters/discord/modals.js';
import { handoffMessage, mentorAnswerDelivery } from '../../src/mentors/handoffMessage.js';
import type { Handoff, MentorAnswer } from '../../src/mentors/types.js';
import { MAX_MENTOR_ANSWER_CHARS } from '../../src/mentors/types.js';
import { MAX_REASON_TEXT_CHARS, VOTE_REASONS } from '../../src/mentors/voteReasons.js';
import { checkMessage, checkModal, pingsOf } from '../support/fakeDiscord.js';
import { answer } from './fixtures.js';

const ROLE = '210000000000000077';
const LOUD = '@everyone @here <@210000000000000005> <@&210000000000000078> **bold** # heading';

const handoff = (over: Partial<Handoff> = {}): Handoff => ({
  id: 'h_0123456789abcdef',
  platform: 'discord',
  question: 'how do I get access to the staging VPN',
  origin: {
    platform: 'discord',
    userId: '310000000000000001',
    userName: 'Nia',
    link: 'https://discord.com/channels/1/2/3',
    reply: '{}',
  },
  passagesTried: [{ passageId: 'guide#1', title: 'Guide', section: 'Access', link: 'https://answers.example.org/x' }],
  state: 'open',
  createdAt: '2026-11-28T10:00:00.000Z',
  ...over,
});

const mentorAnswer = (over: Partial<MentorAnswer> = {}): MentorAnswer => ({
  id: 'ma_0123456789',
  question: 'how do I get access to the staging VPN',
  text: 'Ask IT in #it-help.',
  mentor: { id: '310000000000000003', name: 'Ana' },
  date: '2026-11-28T10:05:00.000Z',
  state: 'live',
  ...over,
});

const labels = (message: { components: { components: { label?: string }[] }[] }) =>
  message.components.flatMap((row) => row.components.map((c) => c.label));

describe('Ask a mentor on answers and declines', () => {
  it('adds Ask a mentor beside the votes on an answer, and as the one primary button on a decline', () => {
    const answered = toDiscordMessage(answer(), { ephemeral: true, showActions: true, askMentor: true });
    expect(labels(answered)).toContain(BUTTON_LABELS.ask);
    const declined = toDiscordMessage(answer({ passages: [], declined: true, hasMore: false }), {
      ephemeral: true,
      showActions: true,
      askMentor: true,
    });
    expect(declined.components).toEqual([
      {
        type: 1,
        components: [expect.objectContaining({ label: BUTTON_LABELS.ask, style: 1, custom_id: 'backend:ask' })],
      },
    ]);
  });

  it('shows no Ask a mentor when the mentor loop is off', () => {
    const declined = toDiscordMessage(answer({ passages: [], declined: true, hasMore: false }), {
      ephemeral: true,
      showActions: true,
    });
    expect(declined.components).toEqual([]);
    expect(labels(toDiscordMessage(answer(), { ephemeral: true, showActions: true }))).not.toContain(BUTTON_LABELS.ask);
  });
});

describe('the hand-off post', () => {
  it('pings the mentor role, and only it, on a new post', () => {
    const post = handoffToDiscordPost(handoffMessage(handoff({ question: LOUD }), { ping: true }), ROLE);
    expect(post.content.startsWith(`<@&${ROLE}> `)).toBe(true);
    expect(post.allowed_mentions).toEqual({ parse: [], roles: [ROLE] });
    expect(pingsOf(post)).toEqual([`role:${ROLE}`]);
    expect(checkMessage(post as unknown as Record<string, unknown>)).toEqual([]);
    // The question's own mentions show as text: no pill, no ping.
    expect(JSON.stringify(post.embeds)).not.toMatch(/<@[!&]?\d+>|@everyone|@here/);
  });

  it('pings nobody when it is updated in place, and shows who took it', () => {
    const taken = handoff({ state: 'taken', takenBy: { id: '3', name: 'Ana' } });
    const post = handoffToDiscordPost(handoffMessage(taken, { ping: false }), ROLE);
    expect(pingsOf(post)).toEqual([]);
    expect(post.content).not.toContain(`<@&${ROLE}>`);
    expect(post.embeds[0]!.title).toContain('Taken by Ana');
    expect(labels(post)).toEqual([MENTOR_BUTTON_LABELS.answer]);
  });

  it('carries I’ll take it and Answer while open, whose custom ids name the hand-off', () => {
    const post = handoffToDiscordPost(handoffMessage(handoff(), { ping: true }), ROLE);
    const ids = post.components.flatMap((row) => row.components.map((b) => decodeAction(b.custom_id)));
    expect(ids).toEqual([
      { kind: 'take', handoffId: 'h_0123456789abcdef' },
      { kind: 'answer', handoffId: 'h_0123456789abcdef' },
    ]);
  });

  it('stays within Discord’s limits for a huge question, answer and list of passages', () => {
    const huge = handoff({
      question: 'why '.repeat(3000),
      origin: { ...handoff().origin, userName: 'N'.repeat(500) },
      passagesTried: Array.from({ length: 30 }, (_, i) => ({
        passageId: `p#${i}`,
        title: 'T'.repeat(300),
        section: 'S'.repeat(300),
        link: 'https://answers.example.org/x',
      })),
      state: 'answered',
      answer: { text: 'A'.repeat(MAX_MENTOR_ANSWER_CHARS), mentor: { id: '3', name: 'M'.repeat(300) }, at: '' },
    });
    const post = handoffToDiscordPost(handoffMessage(huge, { ping: true }), ROLE);
    expect(checkMessage(post as unknown as Record<string, unknown>)).toEqual([]);
    expect(post.content.length).toBeLessThanOrEqual(CONTENT_MAX);
  });
});

describe('the answer delivered to the asker', () => {
  it('names the mentor, quotes the answer as plain text and pings nobody', () => {
    const delivered = mentorAnswerDelivery(
      handoff({ state: 'answered', answer: { text: `${LOUD} use the VPN`, mentor: { id: '3', name: 'Ana' }, at: '' } }),
    )!;
    const message = deliveryToDiscordMessage(delivered, { ephemeral: false });
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.flags).toBeUndefined();
    expect(message.embeds[0]!.title).toContain('Ana');
    expect(message.embeds[0]!.description).toContain('\\*\\*bold\\*\\*');
    expect(JSON.stringify(message.embeds)).not.toMatch(/<@[!&]?\d+>|@everyone|@here/);
    expect(checkMessage(message as unknown as Record<string, unknown>)).toEqual([]);
  });
});

describe('a saved mentor answer, shown to its mentor', () => {
  it('offers Edit and Retire while live, and nothing once retired', () => {
    const live = savedAnswerToDiscordMessage('Saved.', mentorAnswer(), { ephemeral: true });
    expect(labels(live)).toEqual([MENTOR_BUTTON_LABELS.edit, MENTOR_BUTTON_LABELS.retire]);
    expect(live.embeds[0]!.footer!.text).toBe('Answer by Ana, 2026-11-28');
    const retired = savedAnswerToDiscordMessage('Retired.', mentorAnswer({ state: 'retired' }), { ephemeral: true });
    expect(retired.components).toEqual([]);
  });
});

describe('Not helpful', () => {
  it('thanks the reader and offers the five reasons in a menu that names the passage', () => {
    const prompt = reasonPromptToDiscordMessage('Thanks, noted.', 'a question', 'guide#1');
    const menu = prompt.components[0]!.components[0]!;
    expect(menu.options.map((o) => o.value)).toEqual([...VOTE_REASONS]);
    expect(reasonMenuPassage(menu.custom_id)).toBe('guide#1');
    expect(prompt.embeds[0]!.author!.name).toBe('a question');
    expect(prompt.flags).toBe(64);
  });

  it(`keeps the menu for a passage id that fits ${CUSTOM_ID_MAX} characters, and drops it at one more`, () => {
    const room = CUSTOM_ID_MAX - 'backend:why:'.length;
    expect(reasonPromptToDiscordMessage('t', 'q', 'p'.repeat(room)).components).toHaveLength(1);
    expect(reasonPromptToDiscordMessage('t', 'q', 'p'.repeat(room + 1)).components).toEqual([]);
  });

  it(`opens a form for "Other" capped at ${MAX_REASON_TEXT_CHARS} characters, valid for Discord`, () => {
    const modal = reasonModal('guide#1', MAX_REASON_TEXT_CHARS)!;
    expect(checkModal(modal as unknown as Record<string, unknown>)).toEqual([]);
    expect(JSON.stringify(modal)).toContain(`"max_length":${MAX_REASON_TEXT_CHARS}`);
    expect(decodeForm(modal.custom_id)).toEqual({ kind: 'reason', passageId: 'guide#1' });
  });
});

describe('the mentor’s answer form', () => {
  it(`caps the answer at ${MAX_MENTOR_ANSWER_CHARS} characters and keeps within Discord’s modal limits`, () => {
    const modal = mentorAnswerModal({ kind: 'answerForm', handoffId: 'h_1' }, 'why '.repeat(500), {
      textMax: MAX_MENTOR_ANSWER_CHARS,
    })!;
    expect(checkModal(modal as unknown as Record<string, unknown>)).toEqual([]);
    expect(modal.title.length).toBeLessThanOrEqual(MODAL_TITLE_MAX);
    expect(JSON.stringify(modal)).toContain(`"max_length":${MAX_MENTOR_ANSWER_CHARS}`);
  });

  it('pre-fills the box when a mentor edits a saved answer', () => {
    const modal = mentorAnswerModal({ kind: 'editForm', answerId: 'ma_1' }, 'q', {
      textMax: MAX_MENTOR_ANSWER_CHARS,
      current: 'the old text',
    })!;
    expect(JSON.stringify(modal)).toContain('"value":"the old text"');
    expect(decodeForm(modal.custom_id)).toEqual({ kind: 'editForm', answerId: 'ma_1' });
  });
});

describe('custom ids and origins', () => {
  it('round-trips every mentor button and form, and reads nothing it did not write', () => {
    for (const action of [
      { kind: 'ask' },
      { kind: 'take', handoffId: 'h-1' },
      { kind: 'answer', handoffId: 'h-1' },
      { kind: 'edit', answerId: 'a_1' },
      { kind: 'retire', answerId: 'a_1' },
    ] as const) {
      expect(decodeAction(encodeAction(action)!)).toEqual(action);
    }
    for (const stale of ['backend:take:', 'backend:take:a b', 'backend:retire:x:y', 'backend:ask:1', 'other:take:h']) {
      expect(decodeAction(stale)).toBeUndefined();
    }
    expect(decodeForm(encodeForm({ kind: 'answerForm', handoffId: 'h-1' })!)).toEqual({
      kind: 'answerForm',
      handoffId: 'h-1',
    });
    expect(decodeForm('backend:answerForm:../../x')).toBeUndefined();
  });

  it('encodes where an answer goes back to, and refuses anything else', () => {
    const dm = { to: 'dm', userId: '310000000000000001', channelId: '210000000000000002' } as const;
    const channel = { to: 'channel', channelId: '210000000000000002', messageId: '210000000000000099' } as const;
    expect(decodeAskerReply(encodeAskerReply(dm))).toEqual(dm);
    expect(decodeAskerReply(encodeAskerReply(channel))).toEqual(channel);
    for (const bad of ['', 'not json', '{"v":1,"to":"dm","userId":"x"}', '{"channel":"C1","ts":"1.2"}'])
      expect(decodeAskerReply(bad)).toBeUndefined();
    expect(parsePostReference(postReference('210000000000000061', '210000000000000099'))).toEqual({
      channelId: '210000000000000061',
      messageId: '210000000000000099',
    });
    expect(parsePostReference('C1:1234.5')).toBeUndefined();
  });
});
