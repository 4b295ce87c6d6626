import { describe, expect, it } from 'vitest';
import { passageLink } from '../../src/answer/citation.js';
import { handoffMessage, mentorAnswerDelivery, UNNAMED_ASKER } from '../../src/mentors/handoffMessage.js';
import { mentorAnswerDocument, mentorAnswerTitle } from '../../src/mentors/mentorDocuments.js';
import { repostCutoff } from '../../src/mentors/repost.js';
import type { Handoff } from '../../src/mentors/types.js';

const open: Handoff = {
  id: 'h1',
  platform: 'slack',
  question: 'how do I get access to the staging VPN',
  origin: { platform: 'slack', userId: 'U1', userName: 'Nia', link: 'https://x.slack.com/archives/C1/p1', reply: '{}' },
  passagesTried: [{ passageId: 'roles#3', title: 'Roles', section: 'DevOps', link: 'http://bot/docs/roles' }],
  state: 'open',
  createdAt: '2026-11-28T09:00:00.000Z',
};
const ana = { id: 'U9', name: 'Ana' };

describe('the hand-off message', () => {
  it('asks for a mentor with the question, the asker by name, where, what was tried, and both buttons', () => {
    expect(handoffMessage(open, { ping: true })).toEqual({
      handoffId: 'h1',
      heading: 'A new hire needs a mentor',
      question: open.question,
      askerName: 'Nia',
      link: open.origin.link,
      passagesTried: open.passagesTried,
      stateLine: 'Nobody has taken this yet.',
      state: 'open',
      buttons: ['take', 'answer'],
      ping: true,
    });
  });

  it('follows the hand-off: taken (Answer only), answered (no buttons, the answer shown), re-posted', () => {
    const taken = { ...open, state: 'taken' as const, takenBy: ana };
    expect(handoffMessage(taken, { ping: false })).toMatchObject({ stateLine: 'Taken by Ana.', buttons: ['answer'] });
    const answered = { ...taken, state: 'answered' as const, answer: { text: 'Ask IT.', mentor: ana, at: 'x' } };
    expect(handoffMessage(answered, { ping: false })).toMatchObject({
      stateLine: 'Answered by Ana.',
      buttons: [],
      answer: { text: 'Ask IT.', mentorName: 'Ana' },
    });
    expect(handoffMessage({ ...open, repostedAt: 'x' }, { ping: true }).heading).toBe('Still waiting for a mentor');
  });

  it('names an asker without a display name "Someone", and never carries their user id', () => {
    const message = handoffMessage({ ...open, origin: { ...open.origin, userName: '  ' } }, { ping: true });
    expect(message.askerName).toBe(UNNAMED_ASKER);
    expect(JSON.stringify(message)).not.toContain('U1');
  });

  it('delivers the answer naming the mentor, with the origin handed back untouched', () => {
    expect(mentorAnswerDelivery(open)).toBeUndefined();
    const answered = { ...open, state: 'answered' as const, answer: { text: 'Ask IT.', mentor: ana, at: 'x' } };
    expect(mentorAnswerDelivery(answered)).toEqual({
      origin: open.origin,
      intro: 'Ana (a mentor) answered your question:',
      question: open.question,
      answer: 'Ask IT.',
      mentor: ana,
    });
  });

  it('re-posts what was created at or before the delay ago', () => {
    expect(repostCutoff(new Date('2026-11-28T10:00:00.000Z'), 60)).toBe('2026-11-28T09:00:00.000Z');
  });
});

describe('a mentor answer as a source', () => {
  const answer = {
    id: 'abc123',
    question: '  how do I get\naccess to the VPN ',
    text: 'Ask in #it-help.\n\n  IT sends a   WireGuard config.  ',
    mentor: ana,
    date: '2026-11-28T09:30:00.000Z',
    state: 'live' as const,
  };

  it('is a document titled "Answer by <mentor>, <date>", one passage a paragraph, under its question', () => {
    const { document, passages } = mentorAnswerDocument(answer);
    expect(document.id).toBe('mentor-answers/abc123');
    expect(document.meta.title).toBe('Answer by Ana, 2026-11-28');
    expect(mentorAnswerTitle(answer)).toBe(document.meta.title);
    expect(passages.map((p) => [p.id, p.text, p.sectionPath])).toEqual([
      ['mentor-answers/abc123#0', 'Ask in #it-help.', ['how do I get access to the VPN']],
      ['mentor-answers/abc123#1', 'IT sends a WireGuard config.', ['how do I get access to the VPN']],
    ]);
  });

  it('links to its own page under /docs/mentor-answers/, and corpus links are unchanged', () => {
    expect(passageLink('https://bot.example.com/', 'mentor-answers/abc123', '')).toBe(
      'https://bot.example.com/docs/mentor-answers/abc123',
    );
    expect(passageLink('https://bot.example.com', 'roles', 'dev ops')).toBe(
      'https://bot.example.com/docs/roles#dev%20ops',
    );
  });
});
