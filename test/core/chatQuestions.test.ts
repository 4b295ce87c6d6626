/**
 * Questions as people type them in chat: typos, everyday words the articles do not use, filler, long messages,
 * questions about the asker's own company. Each case names what a user would see.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.js';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { buildIndex, type SearchIndex } from '../../src/search/buildIndex.js';
import { everydayWords, zipf } from '../../src/search/englishFrequency.js';
import { parseQuery } from '../../src/search/query.js';
import { answerability } from '../../src/search/answerability.js';
import { DECLINE_FLOOR, rankPassages } from '../../src/search/rankPassages.js';
import {
  createSpeller,
  editDistance,
  isLikelySlip,
  keysTouch,
  ONE_EDIT_MAX_LENGTH,
  typoPenalty,
} from '../../src/search/spelling.js';

let index: SearchIndex;
const ask = (q: string) => answerQuestion(index, q, { publicUrl: 'https://bot.example.com' });
const topSection = (q: string) => ask(q).passages[0]?.citation.section ?? '(declined)';

beforeAll(async () => {
  index = buildIndex(await loadCorpus('corpus'));
});

describe('typos', () => {
  it('reads a misspelt word as the corpus word it is closest to', () => {
    expect(topSection('what does a DevOps develper do')).toMatch(/DevOps Developer/);
    expect(topSection('whats a databse specialist')).toMatch(/Database Specialists/);
  });

  it('corrects to everyday English when the corpus lacks the word, so phrases form again', () => {
    // "sorce" is no corpus word; read as "source", "open source" is the corpus's one term for it.
    const answer = ask('shoud i contribute to open sorce to get better at backend');
    expect(answer.declined).toBe(false);
    expect(answer.passages.map((p) => p.snippet.text).join(' ')).toMatch(/open-source/i);
  });

  it('leaves a short word alone when only an everyday word the corpus lacks is near: "wifi" is not "wife"', () => {
    const terms = (q: string) => parseQuery(q, index).concepts.map((c) => c.term);
    expect(terms('whats the office wifi password')).toContain('wifi');
    expect(terms('wich languages shoud i lern for backend')).toContain('learn');
  });

  it('reads a real word that swaps two letters of a far commoner function word as that word ("dose")', () => {
    expect(parseQuery('what dose a security developer do', index).concepts.map((c) => c.term)).not.toContain('dose');
    expect(topSection('what dose a securty developer do')).toMatch(/Security Developer/);
    // "form" is common enough in its own right to stay "form".
    expect(parseQuery('which form do I fill in', index).concepts.map((c) => c.term)).toContain('form');
  });

  it('finds the same word as reading every word of the list would, for typos of one to three edits', () => {
    const words = everydayWords().filter((w) => w.length >= 4);
    const speller = createSpeller(words, zipf);
    // The closest word within the edits allowed for the typo's length; on a tie the likelier typo, then the commoner.
    const closest = (typo: string) => {
      const max = typo.length <= ONE_EDIT_MAX_LENGTH ? 1 : 2;
      let best: string | undefined;
      let bestRank = [max + 1, 0, 0];
      for (const word of words) {
        const d = editDistance(typo, word, max);
        if (d > max || d > bestRank[0]!) continue;
        const r = [d, typoPenalty(typo, word, d), -zipf(word)];
        const better = r[0]! < bestRank[0]! || r[1]! < bestRank[1]! || (r[1] === bestRank[1] && r[2]! < bestRank[2]!);
        if (best === undefined || better) {
          best = word;
          bestRank = r;
        }
      }
      return best;
    };
    let seed = 11;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    for (let i = 0; i < 300; i++) {
      let typo = words[random(words.length)]!;
      for (let edits = 1 + random(3); edits > 0; edits--) {
        const at = random(typo.length);
        const letter = letters[random(26)]!;
        typo = [
          typo.slice(0, at) + letter + typo.slice(at),
          typo.slice(0, at) + typo.slice(at + 1),
          typo.slice(0, at) + letter + typo.slice(at + 1),
        ][random(3)]!;
      }
      if (typo.length >= 4) expect(speller(typo), typo).toBe(closest(typo));
    }
    // The reference reads all 25,000 words for each of 300 typos: seconds on a busy machine.
  }, 20_000);

  it('prefers the slip of a finger on a tie: a swap, a left-out letter, a neighbouring key', () => {
    expect(keysTouch('a', 's')).toBe(true);
    expect(keysTouch('i', 'o')).toBe(true);
    expect(keysTouch('g', 'h')).toBe(true);
    expect(keysTouch('e', 'd')).toBe(true);
    expect(keysTouch('a', 'h')).toBe(false);
    expect(keysTouch('i', 'e')).toBe(false);
    expect(isLikelySlip('taem', 'team')).toBe(true);
    expect(isLikelySlip('taem', 'them')).toBe(false);
    expect(isLikelySlip('chat', 'cgat')).toBe(true);
    expect(isLikelySlip('recruuiters', 'recruiters')).toBe(true);
    expect(isLikelySlip('devps', 'devs')).toBe(false);
    // "them" is far commoner, but "team" typed "taem" is a swap and "them" typed "taem" is a key across the board.
    expect(createSpeller(['them', 'team'], (w) => (w === 'them' ? 10 : 1))('taem')).toBe('team');
    // The first letter is rarely the one mistyped.
    expect(createSpeller(['watching', 'matching'], (w) => (w === 'matching' ? 10 : 1))('waatching')).toBe('watching');
  });

  it('reads typos of chat spellings and of short everyday words, but leaves short names alone', () => {
    const terms = (q: string) => parseQuery(q, index).concepts.map((c) => c.term);
    expect(terms('what do backend devvs do')).toEqual(terms('what do backend devs do'));
    expect(terms('how do backend devs keep the site fast when it gets soow')).toContain('slow');
    expect(terms('do backend devs work from hmoe')).toContain('home');
    // A four-letter word the corpus lacks is corrected only by a slip of the finger that keeps its first letter.
    expect(terms('whats the office wifi password')).toContain('wifi');
    expect(terms('who do I ask about okta')).toContain('okta');
    // A word of the synonym table is a target too: "hourly" is not in the corpus, but it finds "per hour".
    expect(terms('what is the huorly rate for backend devs')).toEqual(
      terms('what is the hourly rate for backend devs'),
    );
    // "unstructured" is the corpus's word two edits away; "instructed" is one, but changes the first letter.
    expect(terms('is mongodb good for unstructed data')).toEqual(terms('is mongodb good for unstructured data'));
  });

  it('reads a rare real word one slip from a far commoner word as that word ("pock"), not a name ("vite")', () => {
    const terms = (q: string) => parseQuery(q, index).concepts.map((c) => c.term);
    expect(terms('which db should I pock for a backend')).toEqual(terms('which db should I pick for a backend'));
    expect(terms('is vite a backend tool')).toContain('vite');
    // Commoner in the corpus's world counts too: "backend" is in most passages, so "backed" is its slip here.
    expect(terms('what does ci/cd have to do with backed work')).toEqual(
      terms('what does ci/cd have to do with backend work'),
    );
    expect(terms('whats the staging server url')).toContain(terms('staging')[0]);
  });

  it('corrects short words only by a swap of neighbouring letters', () => {
    const speller = createSpeller(['and', 'are', 'database'], () => 1);
    expect(speller('adn')).toBe('and');
    expect(speller('aer')).toBe('are');
    expect(speller('sre')).toBeUndefined();
  });

  it('allows one edit up to ONE_EDIT_MAX_LENGTH letters and two above', () => {
    const speller = createSpeller(['developer', 'caching', 'responsibilities'], () => 1);
    expect(speller('cachng')).toBe('caching');
    expect(speller('cchng')).toBeUndefined();
    expect('develpr'.length).toBe(ONE_EDIT_MAX_LENGTH);
    expect(speller('develpr')).toBeUndefined();
    expect(speller('develper')).toBe('developer');
    expect(speller('reponsibilites')).toBe('responsibilities');
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('kitten', 'sitting', 2)).toBe(3);
    expect(editDistance('ab', 'ba', 1)).toBe(1);
  });
});

describe('words that are spelt right', () => {
  const weightOf = (question: string, term: string) =>
    parseQuery(question, index).concepts.find((c) => c.term === term)?.weight;

  it('reads a contraction of a function word as that word, not as a rare word', () => {
    const terms = (q: string) => parseQuery(q, index).concepts.map((c) => c.term);
    expect(terms("first thing you'd do to secure a backend app")).not.toContain('youd');
    expect(terms("we'll need a database")).not.toContain('well');
    expect(terms('wats the point of api docs')).not.toContain('wat');
    expect(topSection("first thing you'd do to secure a backend app")).not.toBe('(declined)');
  });

  it('leaves an inflection of a known word alone and weighs it as that word', () => {
    // "logins" is not in the word list, "login" is: it must not become "loins".
    expect(zipf('logins')).toBe(0);
    expect(parseQuery('encrypting data if we already have logins', index).concepts.map((c) => c.term)).toContain(
      'login',
    );
    expect(weightOf('logins', 'login')).toBe(weightOf('login', 'login'));
  });

  it('reads a rare word one letter from a common function word as its typo', () => {
    expect(zipf('wich')).toBeGreaterThan(1.5);
    expect(parseQuery('wich languages', index).concepts.map((c) => c.term)).toEqual(['languag']);
  });
});

describe('everyday words and filler', () => {
  it('reads "people" and "ppl" as the generic word they are in chat, not as a topic', () => {
    expect(topSection('which databases do backend ppl use')).toMatch(/Commonly Used Databases/);
    expect(topSection('which databases do backend people use')).toMatch(/Commonly Used Databases/);
  });

  it('counts two words of one synonym group as one idea ("pair up or work solo")', () => {
    // Each word reaching every passage on collaboration through the other's synonyms drowned the passage that says it.
    expect(ask('do backend developers pair up or work solo').passages[0]?.snippet.text).toMatch(/in pairs/);
  });

  it('reads an idiom as what it means: "keep an eye on" is monitoring, not eyes', () => {
    const answer = ask("how do backend devs keep an eye on the app once it's live");
    expect(answer.passages[0]?.citation.section).not.toMatch(/Emerging Technologies/);
    expect(answer.passages.some((p) => /monitor/i.test(p.snippet.text))).toBe(true);
  });

  it('answers with the salary passage when asked how much people get paid', () => {
    expect(topSection('how much do backend devs get paid')).toMatch(/Salary/);
    expect(topSection('whats the paycheck like for senior backend people')).toMatch(/Salary/);
  });

  it('reads a job ad or job post as a job description, and a morning as the daily routine', () => {
    expect(topSection('what does a typical backend job ad ask you to do')).toMatch(/Job Description/);
    expect(topSection('what does a backend dev do first thing in the morning')).toMatch(/Day-to-Day/);
  });

  it('weighs common English words the corpus lacks at next to nothing, rare ones heavily', () => {
    const { concepts } = parseQuery('what does a devops developer actually do all day tho, vpn', index);
    const weight = (term: string) => concepts.find((c) => c.term === term)?.weight ?? 0;
    expect(zipf('actually')).toBeGreaterThan(5);
    expect(weight('vpn')).toBeGreaterThan(4 * Math.max(weight('actual'), 0.1));
    expect(ask('what does a devops dev actually do tho').declined).toBe(false);
  });

  it('declines a question that rides on one corpus word but asks about something the corpus lacks', () => {
    for (const q of [
      'how do I get VPN access',
      'where is the runbook for the payments service',
      'what database does our team use',
    ]) {
      expect(ask(q).declined, q).toBe(true);
    }
  });
});

describe('long messages', () => {
  it('finds the question inside a rambling message', () => {
    const message =
      'hey all, first week here and still getting my laptop set up, the coffee machine is great btw. my lead keeps ' +
      'mentioning the ops folks and deployment pipelines and honestly I nodded along. what does a DevOps developer do?';
    expect(topSection(message)).toMatch(/DevOps Developer/);
  });

  it('reads a sentence that turns to its question after a comma as the question, with or without a "?"', () => {
    const message =
      "I just joined the team last week and I'm still finding my way around the codebase. my manager asked me to " +
      'read up on a few things before our next catch-up. anyway, what does a devops developer do';
    const sections = ask(message).passages.map((p) => p.citation.section);
    expect(sections[0]).toMatch(/DevOps Developer/);
    // The context's "read up" no longer brings in a passage on writing documentation.
    expect(sections.every((section) => /DevOps/.test(section))).toBe(true);
    // A short message is read for its question too, when its question does not point back.
    expect(topSection('we had a long standup today and I zoned out a bit. what does a devops developer do')).toMatch(
      /DevOps Developer/,
    );
  });

  it('reads the last sentence as the question when none asks: chat puts the question last', () => {
    const answer = ask(
      'someone mentioned this in the retro and I nodded along. we had a long standup today and I zoned out a bit. ' +
        'so hourly rate for backend devs',
    );
    expect(answer.declined).toBe(false);
    expect(answer.passages[0]?.citation.section).toMatch(/cost to hire/i);
  });

  it('reads the whole message when its question points back to it ("what is it used for?")', () => {
    const answer = ask(
      'I keep hearing about Kubernetes at work from everyone on the platform team and in all the design reviews we ' +
        'have lately, honestly. what is it actually used for?',
    );
    expect(answer.declined).toBe(false);
    expect(answer.passages.some((p) => /Kubernetes/.test(p.snippet.text))).toBe(true);
  });
});

describe("questions about the asker's own workplace", () => {
  it('reads the cue in the clause that asks, not in the context said before it', () => {
    const context = "first week here, my lead keeps saying I 'own the API layer', what does that even involve";
    expect(parseQuery(context, index).internalWeight).toBe(0);
    expect(parseQuery('first week here, what does my lead expect from me', index).internalWeight).toBeGreaterThan(0);
    expect(parseQuery('what database does our team use', index).internalWeight).toBeGreaterThan(0);
  });
});

describe('comparisons', () => {
  it('names each side of a comparison and answers with a passage for each', () => {
    const ranking = rankPassages(index, 'python vs node for backend, what is each one good at');
    expect(ranking.declined).toBe(false);
    const shown = ranking.passages.slice(0, 3).map((r) => r.passage.text.toLowerCase());
    expect(shown.some((t) => t.includes('python'))).toBe(true);
    expect(shown.some((t) => t.includes('node'))).toBe(true);
  });
});

describe('confidence', () => {
  it('is how likely the first passage answers the question, and the decline follows it', () => {
    const answered = rankPassages(index, 'what does a DevOps developer do');
    const declined = rankPassages(index, 'what is the capital of Peru');
    expect(answered.confidence).toBeGreaterThan(declined.confidence);
    expect(answered.confidence).toBeLessThanOrEqual(1);
    expect(answered.confidence).toBeGreaterThanOrEqual(DECLINE_FLOOR);
    expect(declined.confidence).toBeLessThan(DECLINE_FLOOR);
    expect(declined.declined).toBe(true);
  });

  it('asks more of a short question than of a long one: half of two words is a guess, half of six is a topic', () => {
    const half = (ideas: number) => answerability({ coverage: 0.55, heaviestShare: 1 / ideas, ideas });
    expect(half(2)).toBeLessThan(DECLINE_FLOOR);
    expect(half(6)).toBeGreaterThanOrEqual(DECLINE_FLOOR);
    // More of the question covered is always more likely an answer.
    for (const ideas of [1, 3, 8]) {
      const at = (coverage: number) => answerability({ coverage, heaviestShare: 0.5, ideas });
      expect(at(0.9)).toBeGreaterThan(at(0.6));
      expect(at(0.6)).toBeGreaterThan(at(0.3));
    }
  });
});
