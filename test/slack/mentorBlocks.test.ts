import type { InputBlock, ModalView, RadioButtons, PlainTextInput } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { decodeMentorAskRef } from '../../adapters/slack/actionValue.js';
import {
  ACTION_VALUE_MAX,
  PRIVATE_ANSWER_BUTTONS,
  toSlackMessage,
  withAskMentor,
} from '../../adapters/slack/blocks.js';
import { ActionId } from '../../adapters/slack/ids.js';
import {
  answerModal,
  decodeVoteRef,
  deliveryToSlackMessage,
  editAnswerModal,
  encodeVoteRef,
  handoffToSlackMessage,
  mentorAnswerToSlackMessage,
  MODAL_TITLE_MAX,
  ModalInput,
  notHelpfulModal,
  PASSAGES_TRIED_MAX,
  PRIVATE_METADATA_MAX,
} from '../../adapters/slack/mentorBlocks.js';
import type {
  Handoff,
  HandoffMessage,
  MentorAnswer,
  MentorAnswerDelivery,
  PassageTried,
} from '../../src/mentors/types.js';
import { MAX_MENTOR_ANSWER_CHARS } from '../../src/mentors/types.js';
import { MAX_REASON_TEXT_CHARS, VOTE_REASONS } from '../../src/mentors/voteReasons.js';
import { decodeEntities } from '../../src/shared/entities.js';
import { SLACK_LIMITS, slackMessageProblems, slackViewProblems } from '../support/fakeSlack.js';
import { devopsAnswer } from './answerFixtures.js';
import { buttons, displayed, textObjects, visibleText } from './readMessage.js';

const GROUP = 'S0MENTORS';
/** Everything a person could type to ping, link or format in Slack. */
const LOUD = '<!channel> <!here> @everyone <@U0BOSS> <!subteam^S0OTHER> <https://evil.example|click> & *bold*';

const tried: PassageTried[] = [
  {
    passageId: 'what-does-a-back-end-developer-do#21',
    title: 'What does a back-end developer do?',
    section: 'DevOps Developer',
    link: 'https://bot.example.com/docs/what-does-a-back-end-developer-do#devops-developer',
  },
];

function handoffMessage(overrides: Partial<HandoffMessage> = {}): HandoffMessage {
  return {
    handoffId: 'h-1',
    heading: 'A new hire needs a mentor',
    question: 'how do we deploy on Fridays?',
    askerName: 'Jane Doe',
    link: 'https://fake.slack.test/archives/C0GENERAL/p1700000000000100',
    passagesTried: tried,
    stateLine: 'Nobody has taken this yet.',
    state: 'open',
    buttons: ['take', 'answer'],
    ping: true,
    ...overrides,
  };
}

/** Every `<!…>` / `<@…>` token in the message: what Slack would turn into a ping. */
function pingTokens(message: { text?: unknown; blocks?: unknown }): string[] {
  const all = [String(message.text ?? ''), ...textObjects(message).map((t) => t.text)].join('\n');
  return all.match(/<[!@][^>]*>/g) ?? [];
}

describe('handoffToSlackMessage', () => {
  it('posts the question, who asked and where, what the bot tried, the state and both buttons', () => {
    const message = handoffToSlackMessage(handoffMessage(), GROUP);
    const shown = visibleText(message);
    expect(shown).toContain('A new hire needs a mentor');
    expect(shown).toContain('how do we deploy on Fridays?');
    expect(shown).toContain('Asked by Jane Doe');
    expect(shown).toContain('where they asked');
    expect(shown).toContain('What does a back-end developer do?');
    expect(shown).toContain('DevOps Developer');
    expect(shown).toContain('Nobody has taken this yet.');
    expect(JSON.stringify(message)).toContain('<https://fake.slack.test/archives/C0GENERAL/p1700000000000100|');
    expect(buttons(message).map((b) => [b.action_id, b.value])).toEqual([
      [ActionId.takeHandoff, 'h-1'],
      [ActionId.answerHandoff, 'h-1'],
    ]);
    expect(slackMessageProblems(message as unknown as Record<string, unknown>)).toEqual([]);
  });

  it('mentions the mentor group, and nothing else can ping, whatever the asker and question say', () => {
    const message = handoffToSlackMessage(
      handoffMessage({ question: LOUD, askerName: '<!everyone> Jane', stateLine: 'Taken by <@U0X>' }),
      GROUP,
    );
    expect(new Set(pingTokens(message))).toEqual(new Set([`<!subteam^${GROUP}>`]));
    // The notification text pings too (Slack notifies from it), so the group is named there and in the post.
    expect(message.text.startsWith(`<!subteam^${GROUP}>`)).toBe(true);
    expect(displayed(textObjects(message)[0]!.text)).toContain('<!channel> <!here> @everyone <@U0BOSS>');
    for (const t of textObjects(message)) if (t.type === 'mrkdwn') expect(t.verbatim).toBe(true);
  });

  it('pings nobody when re-rendered in place (taken), and keeps only Answer', () => {
    const message = handoffToSlackMessage(
      handoffMessage({ ping: false, state: 'taken', stateLine: 'Taken by Ana.', buttons: ['answer'] }),
      GROUP,
    );
    expect(pingTokens(message)).toEqual([]);
    expect(visibleText(message)).toContain('Taken by Ana.');
    expect(buttons(message).map((b) => b.action_id)).toEqual([ActionId.answerHandoff]);
  });

  it('shows the answer, quoted and escaped, and no buttons once answered', () => {
    const message = handoffToSlackMessage(
      handoffMessage({
        ping: false,
        state: 'answered',
        stateLine: 'Answered by Ana.',
        buttons: [],
        answer: { text: `Ask the platform team.\n${LOUD}`, mentorName: 'Ana' },
      }),
      GROUP,
    );
    expect(buttons(message)).toEqual([]);
    expect(pingTokens(message)).toEqual([]);
    expect(visibleText(message)).toContain('Answer by Ana:');
    expect(visibleText(message)).toContain('Ask the platform team.');
  });

  it(`lists at most ${PASSAGES_TRIED_MAX} passages tried, and says so when there were none`, () => {
    const many = Array.from({ length: PASSAGES_TRIED_MAX + 3 }, (_, i) => ({ ...tried[0]!, title: `Doc ${i}` }));
    const shown = visibleText(handoffToSlackMessage(handoffMessage({ passagesTried: many }), GROUP));
    expect(shown).toContain(`Doc ${PASSAGES_TRIED_MAX - 1}`);
    expect(shown).not.toContain(`Doc ${PASSAGES_TRIED_MAX}`);
    expect(visibleText(handoffToSlackMessage(handoffMessage({ passagesTried: [] }), GROUP))).toMatch(/nothing/);
  });

  it('stays within the limits for a 5,000-character question, name and answer full of entities', () => {
    const huge = '<&> '.repeat(1250);
    const message = handoffToSlackMessage(
      handoffMessage({ question: huge, askerName: huge, answer: { text: huge, mentorName: huge } }),
      GROUP,
    );
    expect(slackMessageProblems(message as unknown as Record<string, unknown>)).toEqual([]);
    expect(JSON.stringify(message)).not.toMatch(/&(a|am|l|g)?"/);
  });
});

describe('deliveryToSlackMessage', () => {
  const delivery: MentorAnswerDelivery = {
    origin: { platform: 'slack', userId: 'U0ASKER', reply: '{"dm":"U0ASKER"}' },
    intro: 'Ana (a mentor) answered your question:',
    question: 'how do we deploy on Fridays?',
    answer: `We don't.\nAsk <!channel> in #deploys first. ${LOUD}`,
    mentor: { id: 'U0ANA', name: 'Ana' },
  };

  it('names the mentor, echoes the question and quotes the answer line by line, as written', () => {
    const message = deliveryToSlackMessage(delivery);
    const shown = visibleText(message);
    expect(shown).toContain('Ana (a mentor) answered your question:');
    expect(shown).toContain('how do we deploy on Fridays?');
    const quote = textObjects(message).find((t) => t.text.startsWith('>'))!.text;
    expect(quote.split('\n').every((line) => line.startsWith('>'))).toBe(true);
    expect(decodeEntities(quote.replace(/^>/gm, ''))).toBe(delivery.answer);
  });

  it('never pings, whatever the mentor wrote', () => {
    expect(pingTokens(deliveryToSlackMessage(delivery))).toEqual([]);
  });

  it(`fits a ${MAX_MENTOR_ANSWER_CHARS}-character answer of entities within a section`, () => {
    const message = deliveryToSlackMessage({ ...delivery, answer: '&'.repeat(MAX_MENTOR_ANSWER_CHARS) });
    expect(slackMessageProblems(message as unknown as Record<string, unknown>)).toEqual([]);
  });
});

const mentorAnswer: MentorAnswer = {
  id: 'ma-1',
  question: 'how do we deploy on Fridays?',
  text: 'We do not deploy on Fridays.',
  mentor: { id: 'U0ANA', name: 'Ana' },
  date: '2026-11-28T17:00:00.000Z',
  state: 'live',
};

describe('mentorAnswerToSlackMessage', () => {
  it('shows how the answer will be cited, with Edit and Retire while it is live', () => {
    const message = mentorAnswerToSlackMessage(mentorAnswer, 'Saved.');
    expect(visibleText(message)).toContain('Answer by Ana, 28 Nov 2026');
    expect(buttons(message).map((b) => [b.action_id, b.value])).toEqual([
      [ActionId.editAnswer, 'ma-1'],
      [ActionId.retireAnswer, 'ma-1'],
    ]);
    expect(buttons(mentorAnswerToSlackMessage({ ...mentorAnswer, state: 'retired' }, 'Retired.'))).toEqual([]);
  });
});

function inputs(view: ModalView): InputBlock[] {
  return view.blocks.filter((b): b is InputBlock => b.type === 'input');
}

describe('the modals', () => {
  const handoff: Handoff = {
    id: 'h-1',
    platform: 'slack',
    question: LOUD,
    origin: { platform: 'slack', userId: 'U0ASKER', userName: 'Jane', reply: '{"dm":"U0ASKER"}' },
    passagesTried: tried,
    state: 'open',
    createdAt: '2026-11-28T17:00:00.000Z',
  };

  it('are all views Slack takes: titles and buttons within 24 characters, metadata within 3,000', () => {
    const views = [
      answerModal(handoff),
      editAnswerModal(mentorAnswer),
      notHelpfulModal({ question: 'q', passageId: 'p' }),
    ];
    for (const view of views) {
      expect(slackViewProblems(view as unknown as Record<string, unknown>)).toEqual([]);
      for (const label of [view.title, view.submit, view.close]) {
        expect(label!.text.length).toBeLessThanOrEqual(Math.min(MODAL_TITLE_MAX, SLACK_LIMITS.modalTitle));
      }
    }
  });

  it('asks for an answer of at most the length the core keeps, carrying the hand-off id', () => {
    const view = answerModal(handoff);
    expect(view.private_metadata).toBe('h-1');
    const [input] = inputs(view);
    expect(input!.block_id).toBe(ModalInput.answer.block);
    const element = input!.element as PlainTextInput;
    expect(element.action_id).toBe(ModalInput.answer.action);
    expect(element.max_length).toBe(MAX_MENTOR_ANSWER_CHARS);
    expect(pingTokens({ blocks: view.blocks })).toEqual([]);
  });

  it('fills the Edit form with the current text', () => {
    const element = inputs(editAnswerModal(mentorAnswer))[0]!.element as PlainTextInput;
    expect(element.initial_value).toBe(mentorAnswer.text);
  });

  it(`offers every reason as a radio button, and words of the reader's own up to ${MAX_REASON_TEXT_CHARS} characters`, () => {
    const [reason, words] = inputs(notHelpfulModal({ question: 'q', passageId: 'p' }));
    expect((reason!.element as RadioButtons).options.map((o) => o.value)).toEqual([...VOTE_REASONS]);
    expect(reason!.optional).not.toBe(true);
    expect(words!.optional).toBe(true);
    expect((words!.element as PlainTextInput).max_length).toBe(MAX_REASON_TEXT_CHARS);
  });

  it('keeps what the vote was about within private_metadata, even for a 5,000-character question of quotes', () => {
    const question = '"\\'.repeat(2500);
    const encoded = encodeVoteRef({ question, passageId: 'doc#1' });
    expect(encoded.length).toBeLessThanOrEqual(PRIVATE_METADATA_MAX);
    const back = decodeVoteRef(encoded)!;
    expect(back.passageId).toBe('doc#1');
    expect(question.startsWith(back.question)).toBe(true);
    expect(decodeVoteRef('{"q":"x"}')).toBeUndefined();
    expect(decodeVoteRef('not json')).toBeUndefined();
  });
});

describe('the Ask a mentor button', () => {
  it('goes under an answer, carrying the question and the passages shown', () => {
    const answer = devopsAnswer();
    const message = toSlackMessage(answer, { buttons: withAskMentor(PRIVATE_ANSWER_BUTTONS, true) });
    const ask = buttons(message).find((b) => b.action_id === ActionId.askMentor)!;
    expect(ask).toBeDefined();
    expect(decodeMentorAskRef(ask.value)).toEqual({
      question: answer.question,
      passageIds: answer.passages.map((p) => p.passageId),
    });
  });

  it('is the main (primary) action of a decline', () => {
    const message = toSlackMessage(devopsAnswer({ declined: true, passages: [] }), {
      buttons: withAskMentor(PRIVATE_ANSWER_BUTTONS, true),
    });
    const ask = buttons(message).find((b) => b.action_id === ActionId.askMentor)!;
    expect(ask.style).toBe('primary');
    expect(buttons(message)[0]).toBe(ask);
  });

  it('is not there when the mentor loop is off', () => {
    const message = toSlackMessage(devopsAnswer(), { buttons: withAskMentor(PRIVATE_ANSWER_BUTTONS, false) });
    expect(buttons(message).some((b) => b.action_id === ActionId.askMentor)).toBe(false);
  });

  it(`fits its value into ${ACTION_VALUE_MAX} characters for a 5,000-character question of quotes`, () => {
    const answer = devopsAnswer({ question: '"'.repeat(5000) });
    const message = toSlackMessage(answer, { buttons: withAskMentor(PRIVATE_ANSWER_BUTTONS, true) });
    const ask = buttons(message).find((b) => b.action_id === ActionId.askMentor)!;
    expect(ask.value!.length).toBeLessThanOrEqual(ACTION_VALUE_MAX);
    // The question comes first (it is what the mentors read); the core looks the passages up again.
    const back = decodeMentorAskRef(ask.value)!;
    expect(answer.question.startsWith(back.question)).toBe(true);
    expect(back.question.length).toBeGreaterThan(ACTION_VALUE_MAX / 2 - 20);
  });
});
