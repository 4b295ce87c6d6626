import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import {
  ACTION_VALUE_MAX,
  BUTTON_TEXT_MAX,
  CONTEXT_ELEMENTS_MAX,
  FALLBACK_TEXT_MAX,
  feedbackThanksToSlackMessage,
  HEADER_TEXT_MAX,
  helpToSlackMessage,
  MAX_BLOCKS,
  NO_BUTTONS,
  noticeToSlackMessage,
  PRIVATE_ANSWER_BUTTONS,
  QUESTION_ECHO_MAX,
  SECTION_TEXT_MAX,
  SUGGESTION_BUTTONS_MAX,
  THREAD_ANSWER_BUTTONS,
  toSlackMessage,
  type SlackMessage,
} from '../../adapters/slack/blocks.js';
import { decodeAnswerRef } from '../../adapters/slack/actionValue.js';
import { ActionId } from '../../adapters/slack/ids.js';
import { answerWith, declinedAnswer, devopsAnswer, markedSnippet, passage } from './answerFixtures.js';
import { buttons, citations, quotes, textObjects } from './readMessage.js';

const privately = { buttons: PRIVATE_ANSWER_BUTTONS };

function allTexts(message: SlackMessage): string[] {
  return [message.text, ...textObjects(message).map((t) => t.text)];
}

describe('toSlackMessage', () => {
  it('renders a one-passage answer as this exact payload', () => {
    expect(toSlackMessage(answerWith(1), privately)).toEqual({
      text: 'From “Document 1”: Passage 1 says backend developers build APIs.',
      blocks: [
        {
          type: 'context',
          elements: [{ type: 'mrkdwn', text: '*Question:* what does a backend developer do', verbatim: true }],
        },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: '>Passage 1 says backend developers build *APIs*.', verbatim: true },
        },
        {
          type: 'context',
          elements: [
            {
              type: 'mrkdwn',
              text: ':page_facing_up: *<https://bot.example.com/docs/doc-1#section-1|Document 1>*  ·  Section 1  ·  by Author 1, Publisher  ·  14 Jun 2024',
              verbatim: true,
            },
          ],
        },
        {
          type: 'actions',
          block_id: 'answer_actions',
          elements: [
            {
              type: 'button',
              action_id: 'share_answer',
              text: { type: 'plain_text', text: 'Share in channel', emoji: true },
              value: '{"q":"what does a backend developer do","o":0}',
              style: 'primary',
            },
            {
              type: 'button',
              action_id: 'vote_helpful',
              text: { type: 'plain_text', text: ':+1: Helpful', emoji: true },
              value: '{"q":"what does a backend developer do","o":0,"p":"doc-1#1"}',
            },
            {
              type: 'button',
              action_id: 'vote_not_helpful',
              text: { type: 'plain_text', text: ':-1: Not helpful', emoji: true },
              value: '{"q":"what does a backend developer do","o":0,"p":"doc-1#1"}',
            },
          ],
        },
      ],
    });
  });

  it('cites the best passage in full (title link, section, author and publisher, date, original) and the others compactly', () => {
    const message = toSlackMessage(devopsAnswer(), privately);
    const [best, second, third] = citations(message);
    expect(best).toBe(
      ':page_facing_up: *<https://bot.example.com/docs/what-does-a-back-end-developer-do#2---devops-developer|What Does a Back-End Developer Do?>*' +
        '  ·  #2 - DevOps Developer:  ·  by Nikhil Khandelwal, VLink  ·  14 Jun 2024' +
        '  ·  <https://www.vlinkinfo.com/blog/what-does-a-back-end-developer-do/|original article>',
    );
    expect(second).toBe('*<https://bot.example.com/docs/doc-2#section-2|Document 2>*  ›  Section 2');
    expect(third).toBe('*<https://bot.example.com/docs/doc-3#section-3|Document 3>*  ›  Section 3');
    expect(quotes(message)[0]).toContain('You can hire DevOps developers to streamline');
    expect(message.blocks[1]).toMatchObject({ text: { text: expect.stringContaining('hire *DevOps developers* to') } });
    expect(message.blocks.filter((b) => b.type === 'divider')).toHaveLength(1);
  });

  it('puts the next offset on More results and the shown page on Share and the votes', () => {
    const message = toSlackMessage(devopsAnswer({ offset: 3 }), privately);
    expect(buttons(message).map((b) => b.action_id)).toEqual([
      ActionId.share,
      ActionId.helpful,
      ActionId.notHelpful,
      ActionId.more,
    ]);
    expect(decodeAnswerRef(buttons(message)[0]!.value)).toEqual({
      question: 'what does a DevOps developer do',
      offset: 3,
    });
    expect(decodeAnswerRef(buttons(message)[1]!.value)).toEqual({
      question: 'what does a DevOps developer do',
      offset: 3,
      passageId: 'what-does-a-back-end-developer-do#21',
    });
    expect(decodeAnswerRef(buttons(message)[3]!.value)?.offset).toBe(6);
  });

  it('leaves Share off thread replies and every button off a shared answer', () => {
    expect(buttons(toSlackMessage(devopsAnswer(), { buttons: THREAD_ANSWER_BUTTONS })).map((b) => b.action_id)).toEqual(
      [ActionId.helpful, ActionId.notHelpful, ActionId.more],
    );
    const shared = toSlackMessage(devopsAnswer(), { buttons: NO_BUTTONS, sharedBy: 'jane.doe' });
    expect(shared.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(shared.blocks[0]).toEqual({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: '*jane.doe* shared an answer to: what does a DevOps developer do', verbatim: true },
      ],
    });
  });

  it('escapes everything a person or a corpus file wrote, so nothing can ping or link', () => {
    const hostile = '<!channel> <!here> <@U123> <https://evil.example|click> & co';
    const answer = devopsAnswer({
      question: hostile,
      passages: [
        passage(1, {
          snippet: markedSnippet(`Quote with ${hostile}`, ['<!channel>']),
          citation: {
            ...passage(1).citation,
            title: 'T <!everyone>',
            section: 'S <@U9>',
            author: '<!here>',
            link: 'javascript:alert(1)',
          },
        }),
      ],
    });
    const message = toSlackMessage(answer, { buttons: PRIVATE_ANSWER_BUTTONS, sharedBy: 'mallory <!channel>' });
    for (const text of allTexts(message)) {
      expect(text).not.toMatch(/<[!@]/);
      expect(text).not.toContain('<https://evil');
      expect(text).not.toContain('javascript:');
    }
    expect(message.blocks[0]).toMatchObject({
      elements: [{ text: expect.stringContaining('&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt;') }],
    });
    expect(quotes(message)[0]).toBe('Quote with <!channel> <!here> <@U123> <https://evil.example|click> & co');
    expect(
      textObjects(message)
        .filter((t) => t.type === 'mrkdwn')
        .every((t) => t.verbatim === true),
    ).toBe(true);
  });

  it('declines kindly with close topics as buttons, and never shows a passage even if one came along', () => {
    const message = toSlackMessage(
      declinedAnswer(['DevOps and Deployment', 'APIs'], { passages: [passage(1)] }),
      privately,
    );
    expect(quotes(message)).toEqual([]);
    expect(JSON.stringify(message)).not.toContain('Passage 1');
    expect(message.text).toMatch(/couldn't find/);
    expect(buttons(message).map((b) => [b.text.text, decodeAnswerRef(b.value)?.question])).toEqual([
      ['DevOps and Deployment', 'DevOps and Deployment'],
      ['APIs', 'APIs'],
    ]);
  });

  it('lists close topics as text on a message without buttons', () => {
    const message = toSlackMessage(declinedAnswer(['DevOps <and> Deployment']), { buttons: NO_BUTTONS });
    expect(buttons(message)).toEqual([]);
    expect(textObjects(message).map((t) => t.text)).toContain(
      'These topics are covered:\n• DevOps &lt;and&gt; Deployment',
    );
  });
});

describe('Block Kit limits, at the boundary', () => {
  it(`keeps a quote of exactly ${SECTION_TEXT_MAX} characters whole and cuts one longer with "…"`, () => {
    const fits = 'a'.repeat(SECTION_TEXT_MAX - 1);
    const exact = toSlackMessage(answerWith(1, {}, fits), privately);
    expect(exact.blocks[1]).toMatchObject({ text: { text: `>${fits}` } });

    const over = toSlackMessage(answerWith(1, {}, `${fits}b`), privately);
    const text = (over.blocks[1] as { text: { text: string } }).text.text;
    expect(text).toHaveLength(SECTION_TEXT_MAX);
    expect(text.endsWith('…')).toBe(true);
  });

  it('counts escaped characters against the section limit', () => {
    const message = toSlackMessage(answerWith(1, {}, '&'.repeat(SECTION_TEXT_MAX)), privately);
    const text = (message.blocks[1] as { text: { text: string } }).text.text;
    expect(text.length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
    expect(text).toMatch(/^>(&amp;)+…$/);
  });

  it(`fills a button-less message to exactly ${MAX_BLOCKS} blocks and no further`, () => {
    // question (1) + best passage (2) + divider (1) + 23 compact passages (2 each) = 50
    const full = toSlackMessage(answerWith(24), { buttons: NO_BUTTONS });
    expect(full.blocks).toHaveLength(MAX_BLOCKS);
    expect(quotes(full)).toHaveLength(24);
    expect(toSlackMessage(answerWith(25), { buttons: NO_BUTTONS }).blocks).toHaveLength(MAX_BLOCKS);
  });

  it('keeps room for the buttons and sends the passages that did not fit to More results', () => {
    const all = toSlackMessage(answerWith(23), privately);
    expect(all.blocks).toHaveLength(MAX_BLOCKS - 1);
    expect(quotes(all)).toHaveLength(23);
    expect(buttons(all).map((b) => b.action_id)).not.toContain(ActionId.more);

    const cut = toSlackMessage(answerWith(24), privately);
    expect(cut.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    expect(quotes(cut)).toHaveLength(23);
    expect(decodeAnswerRef(buttons(cut).find((b) => b.action_id === ActionId.more)?.value)?.offset).toBe(23);
  });

  it(`keeps a ${BUTTON_TEXT_MAX}-character topic whole on its button and clips a longer one`, () => {
    const exact = 't'.repeat(BUTTON_TEXT_MAX);
    const message = toSlackMessage(declinedAnswer([exact, `${exact}u`]), privately);
    const [first, second] = buttons(message);
    expect(first!.text.text).toBe(exact);
    expect(second!.text.text).toHaveLength(BUTTON_TEXT_MAX);
    expect(second!.text.text.endsWith('…')).toBe(true);
    expect(decodeAnswerRef(second!.value)?.question).toBe(`${exact}u`);
  });

  it(`offers at most ${SUGGESTION_BUTTONS_MAX} topic buttons`, () => {
    const topics = Array.from({ length: SUGGESTION_BUTTONS_MAX + 3 }, (_, i) => `Topic ${i}`);
    expect(buttons(toSlackMessage(declinedAnswer(topics), privately))).toHaveLength(SUGGESTION_BUTTONS_MAX);
  });

  it(`fits button values into ${ACTION_VALUE_MAX} characters, even for a 5,000-character question full of quotes`, () => {
    const question = '"quoted\\" '.repeat(500);
    expect(question).toHaveLength(5000);
    const message = toSlackMessage(devopsAnswer({ question }), privately);
    for (const b of buttons(message)) {
      expect(b.value!.length).toBeLessThanOrEqual(ACTION_VALUE_MAX);
      expect(question.startsWith(decodeAnswerRef(b.value)!.question)).toBe(true);
    }
  });

  it('keeps a question whose button value is exactly at the limit whole', () => {
    const overhead = '{"q":"","o":0}'.length;
    const question = 'q'.repeat(ACTION_VALUE_MAX - overhead);
    const share = buttons(toSlackMessage(devopsAnswer({ question }), privately))[0]!;
    expect(share.value).toHaveLength(ACTION_VALUE_MAX);
    expect(decodeAnswerRef(share.value)?.question).toBe(question);
  });

  it('stays within every limit for a 5,000-character question and forty 5,000-character passages', () => {
    const question = `<!channel> ${'why & how '.repeat(499)}`;
    const long = 'Backend developers <build> & *maintain* servers_ ~carefully~. '.repeat(80).slice(0, 5000);
    const message = toSlackMessage(answerWith(40, { question, hasMore: true }, long), privately);
    expect(message.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    expect(message.text.length).toBeLessThanOrEqual(FALLBACK_TEXT_MAX);
    for (const t of textObjects(message)) expect(t.text.length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
    for (const b of buttons(message)) expect(b.value!.length).toBeLessThanOrEqual(ACTION_VALUE_MAX);
    for (const b of buttons(message)) expect(b.text.text.length).toBeLessThanOrEqual(BUTTON_TEXT_MAX);
    for (const block of message.blocks) {
      if (block.type === 'context') expect(block.elements.length).toBeLessThanOrEqual(CONTEXT_ELEMENTS_MAX);
    }
    const echo = (message.blocks[0] as Extract<KnownBlock, { type: 'context' }>).elements[0] as { text: string };
    expect(echo.text.length).toBeLessThanOrEqual('*Question:* '.length + QUESTION_ECHO_MAX);
  });
});

describe('helpToSlackMessage', () => {
  it('shows how to ask, the examples and the topics, escaped', () => {
    const message = helpToSlackMessage({
      intro: 'I quote the docs <verbatim>.',
      examples: ['what does a DevOps developer do', 'what is an <API>?', 'how do I deploy'],
      topics: ['APIs & services', 'Databases'],
    });
    const texts = textObjects(message).map((t) => t.text);
    expect(message.blocks[0]).toMatchObject({ type: 'header' });
    expect((message.blocks[0] as { text: { text: string } }).text.text.length).toBeLessThanOrEqual(HEADER_TEXT_MAX);
    expect(texts).toContain('I quote the docs &lt;verbatim&gt;.');
    expect(texts).toContain(
      '*Try one of these*\n• /backend what does a DevOps developer do\n• /backend what is an &lt;API&gt;?\n• /backend how do I deploy',
    );
    expect(texts).toContain('*Topics I can answer about*\nAPIs &amp; services  ·  Databases');
  });

  it('keeps a long topic list within a section', () => {
    const topics = Array.from({ length: 500 }, (_, i) => `Topic number ${i}`);
    const message = helpToSlackMessage({ intro: '', examples: [], topics });
    for (const t of textObjects(message)) expect(t.text.length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
    expect(textObjects(message).at(-1)!.text.endsWith('…')).toBe(true);
  });
});

describe('noticeToSlackMessage and the quiet acknowledgements', () => {
  it('says what the core says, with an emoji per kind, escaped', () => {
    expect(noticeToSlackMessage({ code: 'RATE_LIMITED', text: 'Wait 3 seconds <please>.' })).toEqual({
      text: 'Wait 3 seconds &lt;please&gt;.',
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: ':hourglass_flowing_sand: Wait 3 seconds &lt;please&gt;.', verbatim: true },
        },
      ],
    });
    expect(allTexts(noticeToSlackMessage({ code: 'BUSY', text: 'Busy.' }))[1]).toBe(':traffic_light: Busy.');
    expect(allTexts(noticeToSlackMessage({ code: 'INTERNAL', text: 'Oops.' }))[1]).toBe(':warning: Oops.');
  });

  it('thanks a voter in one small context line', () => {
    const thanks = feedbackThanksToSlackMessage(false);
    expect(thanks.blocks).toHaveLength(1);
    expect(thanks.blocks[0]!.type).toBe('context');
  });
});
