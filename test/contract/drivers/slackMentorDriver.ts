import { textToSlackMessage } from '../../../adapters/slack/blocks.js';
import { ActionId, SLASH_COMMAND } from '../../../adapters/slack/ids.js';
import { ModalInput } from '../../../adapters/slack/mentorBlocks.js';
import {
  buttonClickBody,
  eventCallbackBody,
  slashCommandBody,
  viewSubmissionBody,
  type SlackActor,
  type SlackStoredMessage,
} from '../../support/fakeSlack.js';
import type { Button } from '@slack/types';
import { buttons, type SentMessage } from '../../slack/readMessage.js';
import { ACTOR, startSlackHarness } from '../../slack/slackHarness.js';
import type { MentorButtonKind, MentorDriver, MentorLoop, MentorShown, Person } from '../mentorContract.js';
import { read } from './slackDriver.js';

export const MENTORS_CHANNEL = 'C0MENTORS';
export const MENTOR_GROUP = 'S0MENTORS';

const KIND_OF: Record<string, MentorButtonKind> = {
  [ActionId.askMentor]: 'askMentor',
  [ActionId.takeHandoff]: 'take',
  [ActionId.answerHandoff]: 'answer',
  [ActionId.helpful]: 'helpful',
  [ActionId.notHelpful]: 'notHelpful',
  [ActionId.editAnswer]: 'edit',
  [ActionId.retireAnswer]: 'retire',
};

/** A shown message and where it sits, so a button on it can be pressed the way Slack would send the click. */
interface Where {
  body: SentMessage;
  /** Set for a message in a channel (a hand-off post); absent for an ephemeral one (only its reader sees it). */
  post?: SlackStoredMessage;
}

function shown(body: SentMessage, post?: SlackStoredMessage): MentorShown {
  const base = read(body);
  const kinds = buttons(body)
    .map((b) => (b.action_id ? KIND_OF[b.action_id] : undefined))
    .filter((k): k is MentorButtonKind => k !== undefined);
  const where: Where = { body, ...(post ? { post } : {}) };
  return { ...base, buttons: kinds, raw: where };
}

const nothing = (): MentorShown => shown({});

/**
 * A hand-off button the post no longer shows (I'll take it, once taken): pressed as it still stands on an older
 * copy of the post (the re-post, a client that has not refreshed). Both carry the hand-off id.
 */
function staleCopy(where: Where, kind: MentorButtonKind): Button | undefined {
  const actionId = kind === 'take' ? ActionId.takeHandoff : kind === 'answer' ? ActionId.answerHandoff : undefined;
  const sibling = buttons(where.body).find(
    (b) => b.action_id === ActionId.takeHandoff || b.action_id === ActionId.answerHandoff,
  );
  return actionId && sibling ? { ...sibling, action_id: actionId } : undefined;
}

/**
 * Slack: the real Bolt app over HTTP against the stand-in, with SLACK_MENTOR_CHANNEL and SLACK_MENTOR_GROUP set.
 * People ask with `/backend` (so answers come back as DMs), press buttons as Slack posts clicks, fill modals as
 * `view_submission`s, and reply in the hand-off's thread as message events.
 */
export const slackMentorDriver: MentorDriver = {
  name: 'Slack',
  mentorPing: `<!subteam^${MENTOR_GROUP}>`,
  loudMentions: '<!channel> <!here> <!everyone> <@U0BOSS> <!subteam^S0OTHERS|@devs> @channel @here',
  async start(): Promise<MentorLoop> {
    const h = await startSlackHarness({ mentors: { channel: MENTORS_CHANNEL, group: MENTOR_GROUP } });
    const people = {
      asker: { id: 'U0ASKER', name: 'Jane Doe' },
      secondAsker: { id: 'U0NEWHIRE', name: 'Sam Lee' },
      mentor: { id: 'U0ANA', name: 'Ana Mentor' },
      nonMentor: { id: 'U0BOB', name: 'Bob Builder' },
    };
    h.fake.addUsers(
      ...Object.values(people).map((p) => ({
        id: p.id,
        name: p.name.toLowerCase().replace(' ', '.'),
        displayName: p.name,
      })),
    );
    h.fake.setUsergroup(MENTOR_GROUP, [people.mentor.id]);
    const actor = (person: Person): SlackActor => ({
      teamId: ACTOR.teamId,
      userId: person.id,
      userName: person.name.toLowerCase().replace(' ', '.'),
    });
    let minutesAhead = 0;
    let clock = 1_700_300_000;

    /** What the bot told `person` privately after API call number `since`: ephemeral messages and DMs. */
    const toldSince = (person: Person, since: number): MentorShown[] =>
      h.fake.apiCalls
        .slice(since)
        .filter(
          (c) =>
            (c.method === 'chat.postEphemeral' && c.args.user === person.id) ||
            (c.method === 'chat.postMessage' && c.args.channel === `D${person.id.slice(1)}`),
        )
        .map((c) => shown(c.args as SentMessage));

    /** Presses `kind` on `on` as `person`; what they were shown in return (a response_url message, else a private one). */
    const press = async (person: Person, on: MentorShown, kind: MentorButtonKind): Promise<MentorShown> => {
      const where = on.raw as Where;
      const button =
        buttons(where.body).find((b) => b.action_id && KIND_OF[b.action_id] === kind) ?? staleCopy(where, kind);
      if (!button?.action_id) throw new Error(`no ${kind} button`);
      const responseUrl = h.fake.responseUrl();
      const since = h.fake.apiCalls.length;
      const res = await h.post(
        buttonClickBody(
          actor(person),
          { action_id: button.action_id, value: button.value },
          responseUrl,
          where.post === undefined,
          {
            triggerId: h.fake.trigger(person.id),
            ...(where.post ? { channel: MENTORS_CHANNEL, message: where.post } : {}),
          },
        ),
      );
      if (res.status !== 200) throw new Error(`Slack refused the click: ${res.status}`);
      await h.idle();
      const response = h.fake.responsesTo(responseUrl)[0];
      if (response) return shown(response.body);
      return toldSince(person, since)[0] ?? nothing();
    };

    /** Submits the modal last opened for `person` with `values`; the form's own error, if it stayed open. */
    const submit = async (
      person: Person,
      viewsBefore: number,
      values: Parameters<typeof viewSubmissionBody>[2],
    ): Promise<MentorShown | undefined> => {
      const view = h.fake.views.slice(viewsBefore).find((v) => v.user === person.id);
      if (!view) throw new Error('no form was opened');
      const res = await h.post(viewSubmissionBody(actor(person), view, values));
      if (res.status !== 200) throw new Error(`Slack refused the submission: ${res.status}`);
      await h.idle();
      const ack = res.text === '' ? {} : (JSON.parse(res.text) as { response_action?: string; errors?: object });
      if (ack.response_action === 'errors')
        return shown({ ...textToSlackMessage(Object.values(ack.errors ?? {}).join('\n')) });
      return undefined;
    };

    return {
      core: h.core,
      people,
      async ask(person, question) {
        const res = await h.post(slashCommandBody(actor(person), question, h.fake.responseUrl(), SLASH_COMMAND));
        if (res.status !== 200) throw new Error(`Slack refused the command: ${res.status}`);
        return shown(JSON.parse(res.text) as SentMessage);
      },
      press,
      async mentorPosts() {
        return h.fake
          .messagesIn(MENTORS_CHANNEL)
          .filter((m) => m.bot_id !== undefined && (m.thread_ts === undefined || m.subtype === 'thread_broadcast'))
          .map((m) => shown({ text: m.text, blocks: m.blocks }, m));
      },
      async answerWithForm(person, post, text) {
        const viewsBefore = h.fake.views.length;
        const since = h.fake.apiCalls.length;
        const refused = await press(person, post, 'answer');
        if (h.fake.views.length === viewsBefore) return refused;
        const formError = await submit(person, viewsBefore, {
          [ModalInput.answer.block]: { [ModalInput.answer.action]: { type: 'plain_text_input', value: text } },
        });
        return formError ?? toldSince(person, since).at(-1) ?? nothing();
      },
      async replyInThread(person, post, text) {
        const root = (post.raw as Where).post;
        if (!root) throw new Error('not a post in the mentors’ channel');
        const ts = `${++clock}.000400`;
        h.fake.remember(MENTORS_CHANNEL, { ts, text, user: person.id, thread_ts: root.thread_ts ?? root.ts });
        const event = {
          type: 'message',
          channel: MENTORS_CHANNEL,
          channel_type: 'channel',
          user: person.id,
          text,
          ts,
          event_ts: ts,
          thread_ts: root.thread_ts ?? root.ts,
        };
        const res = await h.post(eventCallbackBody(ACTOR.teamId, event));
        if (res.status !== 200) throw new Error(`Slack refused the event: ${res.status}`);
        await h.idle();
      },
      async delivered(person) {
        return toldSince(person, 0);
      },
      async notHelpful(person, on, reason, text) {
        const viewsBefore = h.fake.views.length;
        const thanks = await press(person, on, 'notHelpful');
        const formError = await submit(person, viewsBefore, {
          [ModalInput.reason.block]: {
            [ModalInput.reason.action]: { type: 'radio_buttons', selected_option: { value: reason } },
          },
          [ModalInput.reasonText.block]: {
            [ModalInput.reasonText.action]: { type: 'plain_text_input', value: text ?? null },
          },
        });
        return formError ?? thanks;
      },
      async advanceClock(minutes) {
        minutesAhead += minutes;
        await h.repostDue(new Date(Date.now() + minutesAhead * 60_000));
        await h.idle();
      },
      close: () => h.close(),
    };
  },
};
