/**
 * The Slack side of the mentor loop beyond the shared contract (test/contract/mentorContract.ts), on real Bolt
 * against the stand-in: a question asked in a thread is answered in that thread, "Save as answer" and its rules,
 * editing a saved answer, the mentors' channel left to mentors, and what happens when Slack cannot say who the
 * mentors are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionId, SAVE_ANSWER_CALLBACK_ID } from '../../adapters/slack/ids.js';
import { ModalInput } from '../../adapters/slack/mentorBlocks.js';
import { MENTOR_GROUP_CACHE_MS } from '../../adapters/slack/mentorDirectory.js';
import {
  ANSWER_EDITED_TEXT,
  MENTOR_CHECK_FAILED_TEXT,
  SAVE_IN_THREAD_ONLY_TEXT,
  SAVE_OWN_ONLY_TEXT,
} from '../../adapters/slack/mentorListeners.js';
import { MENTOR_ASKED_TEXT, NOT_A_MENTOR_TEXT } from '../../src/service/texts.js';
import {
  buttonClickBody,
  eventCallbackBody,
  messageShortcutBody,
  slashCommandBody,
  viewSubmissionBody,
  type SlackActor,
  type SlackStoredMessage,
} from '../support/fakeSlack.js';
import { button, buttons, quotes, visibleText, type SentMessage } from './readMessage.js';
import { ACTOR, startSlackHarness, type SlackHarness } from './slackHarness.js';

const MENTORS = 'C0MENTORS';
const GROUP = 'S0MENTORS';
const GENERAL = 'C0GENERAL';
const ANA: SlackActor = { teamId: ACTOR.teamId, userId: 'U0ANA', userName: 'ana' };
const BOB: SlackActor = { teamId: ACTOR.teamId, userId: 'U0BOB', userName: 'bob' };
const OUT_OF_DOCS = 'how do I book a desk in the Lisbon office';

let h: SlackHarness;
let clock = 1_700_400_000;
const nextTs = () => `${++clock}.000500`;

beforeAll(async () => {
  h = await startSlackHarness({ mentors: { channel: MENTORS, group: GROUP } });
  h.fake.addUsers(
    { id: ANA.userId, name: 'ana', displayName: 'Ana Mentor' },
    { id: BOB.userId, name: 'bob', realName: 'Bob Builder' },
    { id: ACTOR.userId, name: ACTOR.userName, displayName: 'Jane Doe' },
  );
  h.fake.setUsergroup(GROUP, [ANA.userId]);
});
afterAll(async () => {
  await h?.close();
});

const posts = (channel: string) => h.fake.calls('chat.postMessage').filter((c) => c.args.channel === channel);

/** `who` writes `text` in `channel` (in a thread when given): Slack keeps it and sends the event; the bot is done. */
async function say(
  channel: string,
  text: string,
  who: SlackActor,
  threadTs?: string,
  type: 'message' | 'app_mention' = 'message',
): Promise<SlackStoredMessage> {
  const ts = nextTs();
  const message = { ts, text, user: who.userId, ...(threadTs ? { thread_ts: threadTs } : {}) };
  h.fake.remember(channel, message);
  const event = { type, channel, channel_type: 'channel', user: who.userId, text, ts, event_ts: ts };
  const res = await h.post(eventCallbackBody(ACTOR.teamId, threadTs ? { ...event, thread_ts: threadTs } : event));
  expect(res.status).toBe(200);
  await h.idle();
  return message;
}

/** `who` clicks `actionId` on a message in a channel; the ephemeral answer they got back, if any. */
async function click(
  who: SlackActor,
  message: SentMessage,
  actionId: string,
  where: { channel: string; message: SlackStoredMessage },
): Promise<SentMessage | undefined> {
  const responseUrl = h.fake.responseUrl();
  const res = await h.post(
    buttonClickBody(who, { action_id: actionId, value: button(message, actionId).value }, responseUrl, false, {
      ...where,
      triggerId: h.fake.trigger(who.userId),
    }),
  );
  expect(res.status).toBe(200);
  await h.idle();
  return h.fake.responsesTo(responseUrl)[0]?.body;
}

async function shortcut(who: SlackActor, channel: string, message: SlackStoredMessage): Promise<SentMessage> {
  const responseUrl = h.fake.responseUrl();
  const res = await h.post(
    messageShortcutBody(who, SAVE_ANSWER_CALLBACK_ID, message.text ?? '', responseUrl, {
      channel,
      message,
      triggerId: h.fake.trigger(who.userId),
    }),
  );
  expect(res.status).toBe(200);
  await h.idle();
  return h.fake.waitFor(() => h.fake.responsesTo(responseUrl)[0]?.body);
}

describe('a question asked in a thread', () => {
  it('gets the mentor’s thread reply in that thread, naming the mentor, with the mentions in it spelled as names', async () => {
    const asked = await say(GENERAL, `<@${h.fake.botUserId}> ${OUT_OF_DOCS}`, ACTOR, undefined, 'app_mention');
    const decline = posts(GENERAL).find((c) => c.args.thread_ts === asked.ts)!;
    expect(decline).toBeDefined();
    const declineMessage = h.fake.messagesIn(GENERAL).find((m) => m.thread_ts === asked.ts && m.bot_id)!;
    expect(buttons(decline.args)[0]!.action_id).toBe(ActionId.askMentor);

    const confirmation = await click(ACTOR, decline.args, ActionId.askMentor, {
      channel: GENERAL,
      message: declineMessage,
    });
    expect(visibleText(confirmation!)).toContain(MENTOR_ASKED_TEXT);
    expect(visibleText(confirmation!)).not.toMatch(/direct message/);

    const handoffPost = h.fake.messagesIn(MENTORS).find((m) => m.bot_id && m.text?.includes('Lisbon'))!;
    // The mentors get a link to the asker's thread (its permalink), and the asker's display name.
    const shownPost = visibleText(handoffPost);
    expect(shownPost).toContain('Jane Doe');
    expect(JSON.stringify(handoffPost.blocks)).toContain(
      `https://fake.slack.test/archives/${GENERAL}/p${asked.ts.replace('.', '')}`,
    );

    // Someone who is not a mentor chatting in the thread changes nothing.
    await say(MENTORS, 'no idea, sorry', BOB, handoffPost.ts);
    expect(posts(GENERAL).filter((c) => c.args.thread_ts === asked.ts)).toHaveLength(1);

    await say(MENTORS, `Use the Deskbird app; <@${BOB.userId}> can add you.\nDesks free up at 9.`, ANA, handoffPost.ts);
    const delivered = posts(GENERAL).filter((c) => c.args.thread_ts === asked.ts);
    expect(delivered).toHaveLength(2);
    const delivery = delivered[1]!.args as SentMessage;
    expect(visibleText(delivery)).toContain('Ana Mentor');
    // Every line of the answer is quoted (readMessage strips only the first marker).
    expect(quotes(delivery).join('\n').replace(/^>/gm, '')).toBe(
      'Use the Deskbird app; @Bob Builder can add you.\nDesks free up at 9.',
    );
    expect(JSON.stringify(delivery)).not.toMatch(/<@U|<!/);
    // The mentor alone is told it was sent and saved.
    const told = h.fake
      .calls('chat.postEphemeral')
      .filter((c) => c.args.user === ANA.userId)
      .at(-1)!;
    expect(told.args.channel).toBe(MENTORS);
    expect(buttons(told.args as SentMessage).map((b) => b.action_id)).toEqual([
      ActionId.editAnswer,
      ActionId.retireAnswer,
    ]);
    // A second reply in the thread is conversation, not a second answer.
    await say(MENTORS, 'also: bring your badge', ANA, handoffPost.ts);
    expect(posts(GENERAL).filter((c) => c.args.thread_ts === asked.ts)).toHaveLength(2);
  });
});

describe('Save as answer', () => {
  let thread: SlackStoredMessage;
  let anaReply: SlackStoredMessage;
  beforeAll(async () => {
    thread = await say(
      GENERAL,
      `<@${h.fake.botUserId}> what does a DevOps developer do`,
      ACTOR,
      undefined,
      'app_mention',
    );
    anaReply = await say(GENERAL, 'Here they also own our Terraform and the deploy pipeline.', ANA, thread.ts);
  });

  it('keeps a mentor’s own reply in a thread the bot answered, with the thread’s question, and offers Edit and Retire', async () => {
    const saved = await shortcut(ANA, GENERAL, anaReply);
    expect(visibleText(saved)).toMatch(/Saved as a mentor answer/);
    expect(visibleText(saved)).toContain('what does a DevOps developer do');
    expect(quotes(saved)).toEqual(['Here they also own our Terraform and the deploy pipeline.']);
    const id = button(saved, ActionId.editAnswer).value!;
    const answer = await h.service.mentorAnswer(id);
    expect(answer).toMatchObject({
      question: 'what does a DevOps developer do',
      text: 'Here they also own our Terraform and the deploy pipeline.',
      mentor: { id: ANA.userId, name: 'Ana Mentor' },
      state: 'live',
    });
  });

  it('edits it from the Edit button’s form, filled with the current text', async () => {
    const saved = await shortcut(ANA, GENERAL, anaReply);
    const id = button(saved, ActionId.editAnswer).value!;
    const viewsBefore = h.fake.views.length;
    const responseUrl = h.fake.responseUrl();
    await h.post(
      buttonClickBody(ANA, { action_id: ActionId.editAnswer, value: id }, responseUrl, true, {
        triggerId: h.fake.trigger(ANA.userId),
      }),
    );
    await h.idle();
    const form = h.fake.views[viewsBefore]!;
    expect(JSON.stringify(form.view)).toContain('Here they also own our Terraform');
    const res = await h.post(
      viewSubmissionBody(ANA, form, {
        [ModalInput.answer.block]: {
          [ModalInput.answer.action]: { type: 'plain_text_input', value: 'They also own Terraform here.' },
        },
      }),
    );
    const ack = JSON.parse(res.text) as { response_action: string; view: unknown };
    expect(ack.response_action).toBe('update');
    expect(JSON.stringify(ack.view)).toContain(ANSWER_EDITED_TEXT);
    expect((await h.service.mentorAnswer(id))?.text).toBe('They also own Terraform here.');
  });

  it('refuses someone else’s message, a message outside a thread, a thread without the bot, and a non-mentor', async () => {
    const asker = h.fake.messagesIn(GENERAL).find((m) => m.ts === thread.ts)!;
    expect(visibleText(await shortcut(ANA, GENERAL, { ...anaReply, user: BOB.userId }))).toContain(SAVE_OWN_ONLY_TEXT);
    const topLevel = await say(GENERAL, 'Terraform lives in the infra repo.', ANA);
    expect(visibleText(await shortcut(ANA, GENERAL, topLevel))).toContain(SAVE_IN_THREAD_ONLY_TEXT);
    const quiet = await say(GENERAL, 'lunch?', BOB);
    const inQuiet = await say(GENERAL, 'Terraform lives in the infra repo.', ANA, quiet.ts);
    expect(visibleText(await shortcut(ANA, GENERAL, inQuiet))).toContain(SAVE_IN_THREAD_ONLY_TEXT);
    const bobReply = await say(GENERAL, 'I think it is Ansible.', BOB, asker.ts);
    expect(visibleText(await shortcut(BOB, GENERAL, bobReply))).toContain(NOT_A_MENTOR_TEXT);
  });
});

describe('the Answer form', () => {
  it('stays open with the refusal under the answer when the one submitting it is not a mentor, and sends nothing', async () => {
    const responseUrl = h.fake.responseUrl();
    const ack = await h.post(slashCommandBody(ACTOR, 'where is the parking garage badge reader', responseUrl));
    const decline = JSON.parse(ack.text) as SentMessage;
    await h.post(
      buttonClickBody(
        ACTOR,
        { action_id: ActionId.askMentor, value: button(decline, ActionId.askMentor).value },
        responseUrl,
      ),
    );
    await h.idle();
    const post = h.fake.messagesIn(MENTORS).find((m) => m.bot_id && m.text?.includes('parking garage'))!;
    const viewsBefore = h.fake.views.length;
    await click(ANA, { blocks: post.blocks }, ActionId.answerHandoff, { channel: MENTORS, message: post });
    const form = h.fake.views[viewsBefore]!;
    expect(form.user).toBe(ANA.userId);

    const sentBefore = h.fake.calls('chat.postMessage').length;
    const res = await h.post(
      viewSubmissionBody(BOB, form, {
        [ModalInput.answer.block]: {
          [ModalInput.answer.action]: { type: 'plain_text_input', value: 'Ask reception.' },
        },
      }),
    );
    const refused = JSON.parse(res.text) as { response_action: string; errors: Record<string, string> };
    expect(refused.response_action).toBe('errors');
    expect(refused.errors[ModalInput.answer.block]).toBe(NOT_A_MENTOR_TEXT);
    await h.idle();
    expect(h.fake.calls('chat.postMessage').length).toBe(sentBefore);
    expect(h.fake.calls('chat.update').filter((c) => c.args.ts === post.ts)).toEqual([]);
  });
});

describe('the mentors’ channel', () => {
  it('is never answered as a question: only mentors’ replies to hand-offs count there', async () => {
    const before = posts(MENTORS).length;
    const question = await say(MENTORS, 'what does a DevOps developer do?', BOB);
    await say(MENTORS, 'and what do they use?', BOB, question.ts);
    expect(posts(MENTORS)).toHaveLength(before);
  });
});

describe('who the mentors are', () => {
  it('asks Slack at most once per cache period, however many mentor actions come in', async () => {
    const thread = await say(
      GENERAL,
      `<@${h.fake.botUserId}> what does a DevOps developer do`,
      ACTOR,
      undefined,
      'app_mention',
    );
    const reply = await say(GENERAL, 'One more thing about DevOps here.', ANA, thread.ts);
    const before = h.fake.calls('usergroups.users.list').length;
    await shortcut(ANA, GENERAL, reply);
    await shortcut(ANA, GENERAL, reply);
    expect(h.fake.calls('usergroups.users.list').length - before).toBeLessThanOrEqual(1);
    expect(MENTOR_GROUP_CACHE_MS).toBeLessThanOrEqual(60_000);
  });
});

describe('the re-post', () => {
  it('goes in the post’s own thread, broadcast to the channel with the ping, so a reply there still answers', async () => {
    const responseUrl = h.fake.responseUrl();
    const ack = await h.post(slashCommandBody(ACTOR, 'who signs off my laptop order', responseUrl));
    const decline = JSON.parse(ack.text) as SentMessage;
    await h.post(
      buttonClickBody(
        ACTOR,
        { action_id: ActionId.askMentor, value: button(decline, ActionId.askMentor).value },
        responseUrl,
        true,
      ),
    );
    await h.idle();
    const first = h.fake.messagesIn(MENTORS).find((m) => m.bot_id && m.text?.includes('laptop order'))!;

    // Every hand-off still open in this workspace is due an hour later, this one among them.
    expect(await h.repostDue(new Date(Date.now() + 61 * 60_000))).toBeGreaterThanOrEqual(1);
    const repost = h.fake
      .messagesIn(MENTORS)
      .find((m) => m.subtype === 'thread_broadcast' && m.thread_ts === first.ts)!;
    expect(repost).toBeDefined();
    expect(repost.text).toContain(`<!subteam^${GROUP}>`);
    expect(visibleText(repost)).toContain('Still waiting for a mentor');
    // Once only.
    expect(await h.repostDue(new Date(Date.now() + 240 * 60_000))).toBe(0);

    await say(MENTORS, 'Your team lead signs it off in the IT portal.', ANA, first.ts);
    const dm = posts(`D${ACTOR.userId.slice(1)}`).at(-1)!;
    expect(quotes(dm.args as SentMessage).join('\n')).toContain('Your team lead signs it off in the IT portal.');
  });
});

describe('when Slack cannot say who the mentors are', () => {
  let broken: SlackHarness;
  beforeAll(async () => {
    // SLACK_MENTOR_GROUP names a group Slack does not know (a typo, or a deleted group).
    broken = await startSlackHarness({ mentors: { channel: MENTORS, group: 'S0TYPO' } });
  });
  afterAll(async () => {
    await broken?.close();
  });

  it('refuses the mentor action politely, changes nothing, and logs what to fix (no secret in it)', async () => {
    const ts = `${++clock}.000600`;
    broken.fake.remember(GENERAL, { ts, text: 'q', user: ACTOR.userId });
    const reply = { ts: `${++clock}.000600`, text: 'An answer.', user: ANA.userId, thread_ts: ts };
    broken.fake.remember(GENERAL, reply);
    const responseUrl = broken.fake.responseUrl();
    await broken.post(
      messageShortcutBody(ANA, SAVE_ANSWER_CALLBACK_ID, reply.text, responseUrl, { channel: GENERAL, message: reply }),
    );
    const shown = await broken.fake.waitFor(() => broken.fake.responsesTo(responseUrl)[0]?.body);
    expect(visibleText(shown)).toContain(MENTOR_CHECK_FAILED_TEXT);
    expect(broken.logs.join('\n')).toMatch(/no_such_subteam.*SLACK_MENTOR_GROUP/);
    expect(broken.logs.join('\n')).not.toContain('xoxb-');
  });
});
