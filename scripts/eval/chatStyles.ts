/**
 * Questions worded like the articles (dev.jsonl, extra.jsonl), rewritten the way people write in chat: stripped to
 * keywords, wrapped in greetings and filler, or buried after a sentence or two of context. Seeded, so a run is
 * repeatable. The words of each question are kept: what changes is only what surrounds them, so a drop here is
 * the cost of the chat style itself.
 */
import { STOP_WORDS } from '../../src/search/stopWords.js';
import type { Gold } from './gold.js';
import { seeded } from './seeded.js';

const OPENINGS = ['hey', 'quick q:', 'sorry if this is a dumb question but', 'ok so', 'hi all,', 'random question -'];
const ENDINGS = ['?', '??', ' tho', ' lol', ' thx', ' 🙏', ' anyone?', ''];
const CONTEXT = [
  'I just joined the team last week and am still finding my way around.',
  'my manager asked me to read up on a few things before our 1:1.',
  'we had a long standup today and I zoned out a bit.',
  "I'm coming from a frontend background so bear with me.",
  'been reading docs all morning and my brain is fried.',
  'someone mentioned this in the retro and I nodded along.',
];
const TURNS = ['anyway,', 'so', 'question:', ''];

const bare = (q: string) => q.toLowerCase().replace(/[?.!]+$/, '');

export const CHAT_STYLES = {
  keywords: (q: string) =>
    bare(q)
      .replace(/[?.!,]/g, '')
      .split(/\s+/)
      .filter((w) => !STOP_WORDS.has(w))
      .join(' '),
  casual: (q: string, pick: <T>(items: T[]) => T) => `${pick(OPENINGS)} ${bare(q)}${pick(ENDINGS)}`,
  rambling: (q: string, pick: <T>(items: T[]) => T) =>
    `${pick(CONTEXT)} ${pick(CONTEXT)} ${pick(TURNS)} ${bare(q)}`.replace(/\s+/g, ' '),
} as const;

export type ChatStyle = keyof typeof CHAT_STYLES;

/** The answerable questions of a set, each rewritten in one chat style. */
export function inChatStyle(gold: readonly Gold[], style: ChatStyle, seed = 1): Gold[] {
  const random = seeded(seed);
  const pick = <T>(items: T[]): T => items[random(items.length)]!;
  return gold.filter((g) => g.expect).map((g) => ({ ...g, q: CHAT_STYLES[style](g.q, pick) }));
}
