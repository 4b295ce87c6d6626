import { describe, expect, it } from 'vitest';
import { decodeAction } from '../../adapters/discord/customIds.js';
import {
  AUTOCOMPLETE_CHOICES_MAX,
  BUTTON_LABELS,
  BUTTON_LABEL_MAX,
  CHOICE_MAX,
  CONTENT_MAX,
  CUSTOM_ID_MAX,
  EMBEDS_TOTAL_MAX,
  EMBED_AUTHOR_NAME_MAX,
  EMBED_DESCRIPTION_MAX,
  EMBED_FIELDS_MAX,
  EMBED_FIELD_NAME_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_FOOTER_MAX,
  EMBED_TITLE_MAX,
  embedsLength,
  helpToDiscordMessage,
  noticeToDiscordMessage,
  questionFromEmbeds,
  toAutocompleteChoices,
  toDiscordMessage,
  type DiscordMessage,
} from '../../adapters/discord/embeds.js';
import { answer, passage, plainSnippet } from './fixtures.js';

const privately = { ephemeral: true, showActions: true } as const;

/** Every piece of text a person sees in a message. */
function visibleTexts(message: DiscordMessage): string[] {
  return [
    message.content ?? '',
    ...message.embeds.flatMap((e) => [
      e.title ?? '',
      e.description ?? '',
      e.author?.name ?? '',
      e.footer?.text ?? '',
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ]),
  ];
}

/** Asserts every Discord limit on a rendered message. */
function expectWithinLimits(message: DiscordMessage): void {
  expect(message.content?.length ?? 0).toBeLessThanOrEqual(CONTENT_MAX);
  for (const e of message.embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(EMBED_TITLE_MAX);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX);
    expect(e.author?.name.length ?? 0).toBeLessThanOrEqual(EMBED_AUTHOR_NAME_MAX);
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(EMBED_FOOTER_MAX);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(EMBED_FIELDS_MAX);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(EMBED_FIELD_NAME_MAX);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(EMBED_FIELD_VALUE_MAX);
    }
  }
  expect(embedsLength(message.embeds)).toBeLessThanOrEqual(EMBEDS_TOTAL_MAX);
  for (const row of message.components) {
    for (const button of row.components) {
      expect(button.custom_id.length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
      expect(button.label?.length ?? 0).toBeLessThanOrEqual(BUTTON_LABEL_MAX);
    }
  }
  expect(message.allowed_mentions).toEqual({ parse: [] });
}

describe('toDiscordMessage', () => {
  it('renders the best passage as a cited embed, the others as fields, and the four buttons', () => {
    expect(toDiscordMessage(answer(), privately)).toEqual({
      embeds: [
        {
          author: { name: 'what does a devops developer do' },
          title: 'Section 1',
          url: 'https://answers.example.org/docs/guide#section-1',
          description: '> A **DevOps** developer automates deployment, passage 1.',
          color: expect.any(Number),
          fields: [
            {
              name: 'Section 2 — The Backend Guide',
              value:
                '> A **DevOps** developer automates deployment, passage 2.\n' +
                '[Source](https://answers.example.org/docs/guide#section-2) · Ada Lovelace · 2024-06-14',
            },
            {
              name: 'Section 3 — The Backend Guide',
              value:
                '> A **DevOps** developer automates deployment, passage 3.\n' +
                '[Source](https://answers.example.org/docs/guide#section-3) · Ada Lovelace · 2024-06-14',
            },
          ],
          footer: { text: 'The Backend Guide · Ada Lovelace · Analytical Press · 2024-06-14' },
        },
      ],
      components: [
        {
          type: 1,
          components: [
            { type: 2, style: 1, label: 'Share in channel', custom_id: 'backend:share:0' },
            { type: 2, style: 3, label: 'Helpful', custom_id: 'backend:vote:up:guide#1', emoji: { name: '👍' } },
            { type: 2, style: 2, label: 'Not helpful', custom_id: 'backend:vote:down:guide#1', emoji: { name: '👎' } },
            { type: 2, style: 2, label: 'More results', custom_id: 'backend:more:3' },
          ],
        },
      ],
      allowed_mentions: { parse: [] },
      flags: 64,
    });
  });

  it('offers More results only when there is a further page, and pages on from the current offset', () => {
    const last = toDiscordMessage(answer({ hasMore: false }), privately);
    expect(last.components[0]!.components.map((b) => b.label)).not.toContain(BUTTON_LABELS.more);
    const second = toDiscordMessage(answer({ offset: 3 }), privately);
    const ids = second.components[0]!.components.map((b) => decodeAction(b.custom_id));
    expect(ids).toContainEqual({ kind: 'more', offset: 6 });
    expect(ids).toContainEqual({ kind: 'share', offset: 3 });
  });

  it('shows an ellipsis where the core clipped the snippet', () => {
    const clipped = passage(1);
    clipped.snippet = { ...clipped.snippet, clippedStart: true, clippedEnd: true };
    const description = toDiscordMessage(answer({ passages: [clipped] }), privately).embeds[0]!.description!;
    expect(description).toBe('> …A **DevOps** developer automates deployment, passage 1.…');
  });

  it('escapes Markdown in the quoted text so only the marks are bold', () => {
    const tricky = passage(1, {}, [
      { text: '*not bold* _nor italic_ `code` ||spoiler|| ~~strike~~ [link](https://evil.example) \\ ', marked: false },
      { text: 'marked', marked: true },
      { text: '\n# heading', marked: false },
    ]);
    const description = toDiscordMessage(answer({ passages: [tricky] }), privately).embeds[0]!.description!;
    expect(description).toBe(
      '> \\*not bold\\* \\_nor italic\\_ \\`code\\` \\|\\|spoiler\\|\\| \\~\\~strike\\~\\~ \\[link\\](https://evil.example) \\\\ **marked** \\# heading',
    );
  });

  it('keeps spaces outside the bold markers, where Discord needs them', () => {
    const spaced = passage(1, {}, [
      { text: 'a', marked: false },
      { text: ' DevOps ', marked: true },
      { text: 'b', marked: false },
    ]);
    expect(toDiscordMessage(answer({ passages: [spaced] }), privately).embeds[0]!.description).toBe('> a **DevOps** b');
  });

  it('names the sharer in plain text, posts publicly, and drops the buttons', () => {
    const shared = toDiscordMessage(answer(), { ephemeral: false, showActions: false, sharedBy: 'Ada (mentor)' });
    expect(shared.content).toBe('**Ada (mentor)** shared an answer from the trusted docs:');
    expect(shared.flags).toBeUndefined();
    expect(shared.components).toEqual([]);
    expect(shared.allowed_mentions).toEqual({ parse: [] });
  });

  it('never shows a live mention, whoever asked or shared', () => {
    const loud =
      '@everyone @here <@123456789012345678> <@!123456789012345678> <@&223456789012345678> <#323456789012345678>';
    const p = passage(1, {}, plainSnippet(`quoted ${loud}`));
    p.citation = { ...p.citation, section: loud, title: loud, author: loud };
    const message = toDiscordMessage(answer({ question: loud, passages: [p, passage(2)], suggestions: [loud] }), {
      ephemeral: false,
      showActions: true,
      sharedBy: '@everyone',
    });
    const declined = toDiscordMessage(
      answer({ question: loud, passages: [], declined: true, suggestions: [loud] }),
      privately,
    );
    for (const text of [...visibleTexts(message), ...visibleTexts(declined)]) {
      expect(text).not.toMatch(/@(everyone|here)/);
      expect(text).not.toMatch(/<[@#]/);
    }
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(declined.allowed_mentions).toEqual({ parse: [] });
  });

  it('declines kindly, with the suggested topics and no passage or buttons', () => {
    const declined = toDiscordMessage(
      answer({
        question: 'what is the capital of Peru',
        passages: [],
        declined: true,
        hasMore: false,
        suggestions: ['APIs', 'Databases'],
      }),
      privately,
    );
    const embed = declined.embeds[0]!;
    expect(embed.author?.name).toBe('what is the capital of Peru');
    expect(embed.title).toMatch(/couldn't find/i);
    expect(embed.description).toContain('• APIs\n• Databases');
    expect(embed.url).toBeUndefined();
    expect(embed.fields).toBeUndefined();
    expect(declined.components).toEqual([]);
  });

  it('points to help when a declined answer has no suggestions', () => {
    const declined = toDiscordMessage(answer({ passages: [], declined: true, suggestions: [] }), privately);
    expect(declined.embeds[0]!.description).toContain('/backend on its own');
  });

  it('leaves out links Discord would refuse (no top-level domain), falling back to the original article', () => {
    const local = passage(1);
    local.citation = { ...local.citation, link: 'http://localhost:3000/docs/guide#section-1' };
    const withOriginal = passage(2);
    withOriginal.citation = {
      ...withOriginal.citation,
      link: 'http://bot:3000/docs/guide#section-2',
      url: 'https://blog.example.com/guide',
    };
    const embed = toDiscordMessage(answer({ passages: [local, withOriginal] }), privately).embeds[0]!;
    expect(embed.url).toBeUndefined();
    expect(embed.footer!.text).toContain('The Backend Guide');
    expect(embed.fields![0]!.value).toContain('[Source](https://blog.example.com/guide)');
    expect(JSON.stringify(embed)).not.toMatch(/localhost|bot:3000/);
  });

  it('carries the question so a button can recover it from the message', () => {
    const question = 'how do I page @everyone about <@&1234567> deploys';
    const message = toDiscordMessage(answer({ question }), privately);
    expect(questionFromEmbeds(message.embeds)).toBe(question);
    expect(questionFromEmbeds([])).toBeUndefined();
  });
});

describe('Discord limits at their boundaries', () => {
  const single = (text: string, marked = false) => answer({ passages: [passage(1, {}, plainSnippet(text, marked))] });

  it(`keeps a description of exactly EMBED_DESCRIPTION_MAX (${EMBED_DESCRIPTION_MAX}) and clips one more`, () => {
    const fits = 'x'.repeat(EMBED_DESCRIPTION_MAX - 2); // "> " takes two
    expect(toDiscordMessage(single(fits), privately).embeds[0]!.description).toBe(`> ${fits}`);
    const over = toDiscordMessage(single(`${fits}y`), privately).embeds[0]!.description!;
    expect(over).toHaveLength(EMBED_DESCRIPTION_MAX);
    expect(over.endsWith('…')).toBe(true);
  });

  it('clips escaped text on a whole character, never leaving half an escape or half a bold', () => {
    const stars = toDiscordMessage(single('*'.repeat(5000)), privately).embeds[0]!.description!;
    expect(stars.length).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX);
    expect(stars).toMatch(/^> (\\\*)+…$/);
    const bold = toDiscordMessage(single('word '.repeat(1000), true), privately).embeds[0]!.description!;
    expect(bold.length).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX);
    expect(bold).toMatch(/^> \*\*(word )*word\*\*…$/);
  });

  it(`keeps a title of exactly EMBED_TITLE_MAX (${EMBED_TITLE_MAX}) and clips one more`, () => {
    const titled = (section: string) => {
      const p = passage(1);
      p.citation = { ...p.citation, section };
      return toDiscordMessage(answer({ passages: [p] }), privately).embeds[0]!.title!;
    };
    expect(titled('t'.repeat(EMBED_TITLE_MAX))).toBe('t'.repeat(EMBED_TITLE_MAX));
    expect(titled('t'.repeat(EMBED_TITLE_MAX + 1))).toBe(`${'t'.repeat(EMBED_TITLE_MAX - 1)}…`);
  });

  it(`keeps a question of exactly EMBED_AUTHOR_NAME_MAX (${EMBED_AUTHOR_NAME_MAX}) and clips one more`, () => {
    const author = (question: string) => toDiscordMessage(answer({ question }), privately).embeds[0]!.author!.name;
    expect(author('q'.repeat(EMBED_AUTHOR_NAME_MAX))).toBe('q'.repeat(EMBED_AUTHOR_NAME_MAX));
    expect(author('q'.repeat(EMBED_AUTHOR_NAME_MAX + 1))).toBe(`${'q'.repeat(EMBED_AUTHOR_NAME_MAX - 1)}…`);
  });

  it(`keeps a footer within EMBED_FOOTER_MAX (${EMBED_FOOTER_MAX})`, () => {
    const p = passage(1);
    p.citation = { ...p.citation, title: 'T'.repeat(EMBED_FOOTER_MAX) };
    const footer = toDiscordMessage(answer({ passages: [p] }), privately).embeds[0]!.footer!.text;
    expect(footer).toHaveLength(EMBED_FOOTER_MAX);
    expect(footer.endsWith('…')).toBe(true);
  });

  it(`keeps field values within EMBED_FIELD_VALUE_MAX (${EMBED_FIELD_VALUE_MAX}) and all embeds within EMBEDS_TOTAL_MAX (${EMBEDS_TOTAL_MAX})`, () => {
    const huge = (n: number) => {
      const p = passage(n, {}, plainSnippet(`${'long passage text '.repeat(400)}`));
      p.citation = { ...p.citation, section: 'S'.repeat(400), title: 'T'.repeat(400), author: 'A'.repeat(300) };
      return p;
    };
    const message = toDiscordMessage(
      answer({ question: 'Q'.repeat(5000), passages: [huge(1), huge(2), huge(3)] }),
      privately,
    );
    expectWithinLimits(message);
    expect(message.embeds[0]!.fields).toHaveLength(2);
    expect(message.embeds[0]!.description!.length).toBeGreaterThan(1000);
  });

  it(`stays within EMBED_FIELDS_MAX (${EMBED_FIELDS_MAX}) and the total with more passages than fields`, () => {
    const many = Array.from({ length: 30 }, (_, i) => passage(i + 1, {}, plainSnippet('text '.repeat(100))));
    const message = toDiscordMessage(answer({ passages: many }), privately);
    expectWithinLimits(message);
    expect(message.embeds[0]!.fields).toHaveLength(EMBED_FIELDS_MAX);
  });

  it(`keeps content of exactly CONTENT_MAX (${CONTENT_MAX}) and clips one more`, () => {
    expect(noticeToDiscordMessage({ code: 'INTERNAL', text: 'n'.repeat(CONTENT_MAX) }).content).toBe(
      'n'.repeat(CONTENT_MAX),
    );
    const over = noticeToDiscordMessage({ code: 'INTERNAL', text: 'n'.repeat(CONTENT_MAX + 1) }).content!;
    expect(over).toHaveLength(CONTENT_MAX);
    expect(over.endsWith('…')).toBe(true);
  });

  it(`keeps a vote button whose custom_id is exactly CUSTOM_ID_MAX (${CUSTOM_ID_MAX}) and drops it at one more`, () => {
    const prefix = 'backend:vote:down:';
    const withId = (passageId: string) =>
      toDiscordMessage(answer({ passages: [passage(1, { passageId })] }), privately).components[0]!.components.map(
        (b) => b.label,
      );
    expect(withId('p'.repeat(CUSTOM_ID_MAX - prefix.length))).toEqual([
      BUTTON_LABELS.share,
      BUTTON_LABELS.helpful,
      BUTTON_LABELS.notHelpful,
      BUTTON_LABELS.more,
    ]);
    expect(withId('p'.repeat(CUSTOM_ID_MAX - prefix.length + 1))).toEqual([
      BUTTON_LABELS.share,
      BUTTON_LABELS.helpful,
      BUTTON_LABELS.more,
    ]);
    expect(withId('p'.repeat(CUSTOM_ID_MAX))).toEqual([BUTTON_LABELS.share, BUTTON_LABELS.more]);
  });

  it(`labels every button within BUTTON_LABEL_MAX (${BUTTON_LABEL_MAX})`, () => {
    for (const label of Object.values(BUTTON_LABELS)) expect(label.length).toBeLessThanOrEqual(BUTTON_LABEL_MAX);
  });

  it('keeps help within every limit however large the help content is', () => {
    const help = helpToDiscordMessage({
      intro: 'I'.repeat(10_000),
      examples: Array.from({ length: 100 }, (_, i) => `example question ${i} @everyone`),
      topics: Array.from({ length: 500 }, (_, i) => `topic ${i}`),
    });
    expectWithinLimits(help);
    expect(help.flags).toBe(64);
  });
});

describe('helpToDiscordMessage', () => {
  it('explains how to ask, with examples, topics and the context menu', () => {
    const help = helpToDiscordMessage({
      intro: 'Ask in plain words.',
      examples: ['what does a devops developer do', 'how do APIs work'],
      topics: ['APIs', 'Databases'],
    });
    const embed = help.embeds[0]!;
    expect(embed.description).toContain('Ask in plain words.');
    expect(embed.description).toContain('Find an answer');
    expect(embed.fields).toEqual([
      {
        name: 'Try asking',
        value: '• /backend question: what does a devops developer do\n• /backend question: how do APIs work',
      },
      { name: 'Topics', value: 'APIs · Databases' },
    ]);
    expect(help).toMatchObject({ components: [], allowed_mentions: { parse: [] }, flags: 64 });
  });
});

describe('noticeToDiscordMessage', () => {
  it('is one private line, escaped', () => {
    expect(noticeToDiscordMessage({ code: 'RATE_LIMITED', text: 'Please wait 3 seconds *then* try again.' })).toEqual({
      content: 'Please wait 3 seconds \\*then\\* try again.',
      embeds: [],
      components: [],
      allowed_mentions: { parse: [] },
      flags: 64,
    });
  });
});

describe('toAutocompleteChoices', () => {
  it(`offers at most AUTOCOMPLETE_CHOICES_MAX (${AUTOCOMPLETE_CHOICES_MAX}) choices`, () => {
    const suggestions = (n: number) => Array.from({ length: n }, (_, i) => `topic ${i}`);
    expect(toAutocompleteChoices(suggestions(AUTOCOMPLETE_CHOICES_MAX))).toHaveLength(AUTOCOMPLETE_CHOICES_MAX);
    expect(toAutocompleteChoices(suggestions(AUTOCOMPLETE_CHOICES_MAX + 1))).toHaveLength(AUTOCOMPLETE_CHOICES_MAX);
  });

  it(`keeps a suggestion of exactly CHOICE_MAX (${CHOICE_MAX}) and cuts a longer one at a word`, () => {
    const exact = `${'word '.repeat(19)}wordy`;
    expect(exact).toHaveLength(CHOICE_MAX);
    expect(toAutocompleteChoices([exact])).toEqual([{ name: exact, value: exact }]);
    const [long] = toAutocompleteChoices([`${exact}s`]);
    expect(long!.name).toHaveLength(CHOICE_MAX);
    expect(long!.name.endsWith('…')).toBe(true);
    expect(long!.value).toBe('word '.repeat(19).trim());
  });

  it('drops blank and duplicate suggestions', () => {
    expect(toAutocompleteChoices(['  ', 'APIs', 'APIs', ' APIs '])).toEqual([{ name: 'APIs', value: 'APIs' }]);
  });
});
