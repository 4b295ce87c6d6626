import type { SearchIndex } from './buildIndex.js';
import { everydayWords, zipf } from './englishFrequency.js';
import { createSpeller, editDistance, isNeighbourSwap, typoPenalty } from './spelling.js';
import { STOP_WORDS } from './stopWords.js';
import { CANONICAL_WORDS, SYNONYM_GROUPS } from './synonyms.js';
import { canonicalWord, normalizeText, processTerm, terms, tokenize } from './text.js';

/** Longest question text used for retrieval; a pasted essay is cut here rather than slowing everyone down. */
export const MAX_QUERY_CHARS = 500;
/** At most this many distinct words of a question are searched. */
export const MAX_QUERY_TERMS = 24;
/** Weight of a synonym relative to the word the user typed. */
export const SYNONYM_WEIGHT = 0.45;
/**
 * Informativeness of a word the corpus lacks, from how common it is in spoken English (its Zipf value): at or
 * above ZIPF_COMMON it weighs nothing ("actually", "still"); at or below ZIPF_RARE it weighs as much as the
 * corpus's rarest word ("VPN", "runbook"); in between, in proportion.
 */
export const ZIPF_COMMON = 5.6;
export const ZIPF_RARE = 2.5;
/**
 * The least a word the corpus has weighs, however common it is there: "backend" is in every passage of a corpus
 * about backends, yet "what does a backend developer do" is still about it (tuned: 0.2 of the rarest word's ~5).
 */
export const MIN_KNOWN_WEIGHT = 0.2;
/** A word the corpus has weighs its rarity in the corpus, less this share when it is common English ("work", "good"). */
export const COMMON_WORD_DISCOUNT = 0.8;
/**
 * Weight, in units of the rarest corpus word, of a question that speaks of "our" things ("our VPN", "what CI do we
 * use", "my manager"): a public article cannot know them, so such a question needs stronger matches to be answered.
 */
export const INTERNAL_CUE_WEIGHT = 0.7;

/**
 * A long message ("first week here, my lead keeps saying… what does that even involve?") carries its question in
 * one or two sentences; words of the other sentences weigh this share of their weight. The context names the topic
 * often enough that weighing it at a tenth lost rambling tune questions; at 0.3 the tune halves are within one
 * question of full weight, and the question still outweighs the context around it.
 */
export const CONTEXT_SENTENCE_WEIGHT = 0.3;
/**
 * Spellings rarer than this in English (Zipf; 1.5 is about two in 51 million words) are corrected when a corpus
 * word is close. Measured on the tune questions: a higher bar corrects real words ("login" to "logic").
 */
export const TYPO_ZIPF = 1.5;
/** Share of its weight a one- or two-digit number keeps. */
export const NUMBER_WEIGHT = 0.25;
/** Messages at least this long are read for their question sentences; a shorter one ("Docker? what is it") is one thought. */
export const LONG_MESSAGE_CHARS = 80;

/** The parts of query understanding that can be switched off, to measure what each adds (`npm run eval -- --ablate`). */
export const QUERY_FEATURES = [
  'englishWeights',
  'spelling',
  'synonyms',
  'internalCues',
  'howToCues',
  'questionSentences',
] as const;
export type QueryFeature = (typeof QUERY_FEATURES)[number];

/** How a question word relates to the corpus. */
export type ConceptKind =
  /** An index term. */
  | 'known'
  /** An index term the question had misspelt. */
  | 'corrected'
  /** An English word the corpus lacks: weighs by how rare it is in English. */
  | 'foreign';

/** One idea in the question: the word as typed (processed) and the other ways the corpus may say it. */
export interface QueryConcept {
  term: string;
  kind: ConceptKind;
  /** How much the idea says about what is asked: what the decline and the coverage of a passage weigh. */
  weight: number;
  /**
   * 1 for a word of the question itself; less for a word of the context around it in a long message, or a number:
   * the share of its matches' score that counts.
   */
  emphasis: number;
  variants: { term: string; weight: number }[];
  /** While typing (autocomplete), the last word when no space or punctuation follows it: it may be unfinished. */
  prefix: boolean;
}

export interface ParsedQuery {
  concepts: QueryConcept[];
  /**
   * Weight the question carries that no passage can cover: cues that it asks about the asker's own company, or for
   * the steps of a procedure.
   */
  internalWeight: number;
  /**
   * For "X vs Y" and "difference between X and Y": the concepts of each side (indices into concepts), so that
   * an answer can hold a passage for each side when no single passage holds both.
   */
  sides?: [number[], number[]];
}

interface SynonymTerms {
  /** Each group member as its index terms: "continuous integration" -> ["continu", "integr"]. */
  members: readonly string[][][];
  /** Every term of each group, to tell which variants come from which group. */
  sets: readonly ReadonlySet<string>[];
  /** The groups each one-word member belongs to. */
  groupsOf: ReadonlyMap<string, number[]>;
}
let synonymTerms: SynonymTerms | undefined;

/** The synonym table as index terms, worked out on the first question rather than on every start. */
function synonymTermsOf(): SynonymTerms {
  if (synonymTerms) return synonymTerms;
  const members = SYNONYM_GROUPS.map((group) => group.map((member) => terms(member)));
  const groupsOf = new Map<string, number[]>();
  members.forEach((group, g) => {
    for (const member of group) {
      if (member.length === 1) groupsOf.set(member[0]!, [...(groupsOf.get(member[0]!) ?? []), g]);
    }
  });
  synonymTerms = { members, sets: members.map((group) => new Set(group.flat())), groupsOf };
  return synonymTerms;
}

/**
 * Question words of one synonym group are one idea said twice ("undo my last git commit", "solo or pair up"): only
 * the heaviest searches the group's other words; the rest match as typed. Otherwise a passage that names the idea
 * once covers each of them through synonyms, and one idea counts as several.
 */
function oneIdeaPerGroup(concepts: QueryConcept[]): void {
  const { groupsOf, sets } = synonymTermsOf();
  const heaviest = new Map<number, QueryConcept>();
  for (const c of concepts) {
    for (const g of groupsOf.get(c.term) ?? []) {
      const first = heaviest.get(g);
      if (!first || c.weight > first.weight) heaviest.set(g, c);
    }
  }
  for (const c of concepts) {
    for (const g of groupsOf.get(c.term) ?? []) {
      if (heaviest.get(g) !== c) c.variants = c.variants.filter((v) => !sets[g]!.has(v.term));
    }
  }
}

/** Distinct question terms whose variants are remembered. */
const VARIANT_MEMO_MAX = 10_000;
const variantMemo = new Map<string, { term: string; weight: number }[]>();

/** Other ways of saying a term, from the synonym groups it belongs to (memoized: the groups never change). */
function variantsOf(term: string): { term: string; weight: number }[] {
  const memo = variantMemo.get(term);
  if (memo) return memo;
  const out = new Map<string, number>();
  for (const group of synonymTermsOf().members) {
    if (!group.some((member) => member.length === 1 && member[0] === term)) continue;
    for (const member of group) {
      for (const t of member) {
        if (t === term) continue;
        const weight = SYNONYM_WEIGHT / member.length;
        out.set(t, Math.max(out.get(t) ?? 0, weight));
      }
    }
  }
  const variants = [...out].map(([t, weight]) => ({ term: t, weight }));
  if (variantMemo.size >= VARIANT_MEMO_MAX) variantMemo.clear();
  variantMemo.set(term, variants);
  return variants;
}

/**
 * Words that address everyone (`@everyone`, `@here`, `@channel`) are never the question. Platform mention markup
 * (`<@U123>`, `<!channel>`) never gets here: each adapter turns it into readable words before asking.
 */
const MENTIONS = /(^|\s)@(?:everyone|here|channel)\b/gi;

/** "our VPN", "do we use", "my manager": the asker's own workplace. */
const INTERNAL_CUES =
  /\b(?:our|ours|we|we're|we've|us)\b|\bmy (?:team|manager|lead|boss|mentor|laptop|account|access|badge|password|squad|org)\b|\b(?:prod|staging|intranet|internal)\b|\bthe company\b|\bon[- ]call\b|\bthis (?:week|sprint|quarter|month)\b|\b(?:today|tomorrow|tonight)\b/i;

/**
 * "how do I set up…", "how to fix…": a request for steps with a tool. Articles that describe a role rarely hold
 * procedures, so such a question needs stronger matches to be answered (a corpus of runbooks covers them anyway).
 */
const HOW_TO_CUES =
  /\bhow (?:do|can|should|would) (?:i|you|we)\b[^?]*?\b(?:set ?up|install|configure|config|fix|write|create|enable|disable|add|undo|revert|center|migrate|upgrade|downgrade|reset|rename|delete|remove|debug|run|use)\b|\bhow to (?:set ?up|install|configure|fix|write|create|enable|disable|add|undo|revert|center|migrate|upgrade|reset|rename|delete|remove|run|use)\b/i;
/** Weight, in units of the rarest corpus word, of a request for steps with a tool. */
export const HOW_TO_CUE_WEIGHT = 0.8;

/** "X vs Y", "X versus Y", "X or Y", "difference between X and Y", "compare X and/with/to Y". */
const COMPARISON =
  /\b(?:vs\.?|versus|v\.)\s|\bdiff(?:erence)?s?\b[^?]*?\b(?:between|btwn|btw)\b|\bcompare[ds]?\b|\bcompared (?:to|with)\b|\bor\b/i;
/** Words that say "compare", not what is compared. */
const COMPARING_TERMS = new Set(terms('difference different differ compare comparison better worse between which'));
/** A side of a comparison is an idea that says something: not "backend" in a corpus about backends. */
const SIDE_MIN_WEIGHT = 0.2;
const SIDE_SPLIT = /\s(?:vs\.?|versus|v\.|and|or|n|&|to|with|compared to|compared with)\s/i;

/** Per index: the inputs of query understanding that depend on the corpus (built once, on first question). */
interface Vocabulary {
  passages: number;
  maxWeight: number;
  /** The closest corpus word to a typo. */
  corpusSpeller: (word: string) => string | undefined;
  /** The closest everyday English word to a typo, built on first use (a word list of 20,000). */
  everydaySpeller?: (word: string) => string | undefined;
}
const vocabularies = new WeakMap<SearchIndex, Vocabulary>();

/**
 * Words of the synonym table, corrected to like corpus words: the table names words questions use for the corpus's
 * ideas ("huorly" is "hourly", which finds "per hour"). Four-letter ones are left out: "wifi" is not a typo of "wiki".
 */
const SYNONYM_WORDS = SYNONYM_GROUPS.flat().filter((w) => /^[a-z]{5,}$/.test(w));

function vocabularyOf(index: SearchIndex): Vocabulary {
  let v = vocabularies.get(index);
  if (!v) {
    const passages = index.corpus.passages.length;
    // Stop words are the most common words of all: a typo of one ("shoud", "wht") is read as it.
    const commonness = (word: string) => {
      const term = index.corpusWords.has(word) ? index.corpusWords.get(word) : processTerm(word);
      return term === null ? Infinity : (index.documentFrequency.get(term ?? '') ?? 0);
    };
    // Chat spellings the corpus folds ("devs", "postgres") are corrected to as well: "devvs" is "devs".
    const folded = Object.keys(CANONICAL_WORDS).filter((w) => index.documentFrequency.has(processTerm(w) ?? ''));
    v = {
      passages,
      maxWeight: corpusWeight(passages, 1),
      corpusSpeller: createSpeller([...index.corpusWords.keys(), ...folded, ...SYNONYM_WORDS], commonness),
    };
    vocabularies.set(index, v);
  }
  return v;
}

/**
 * The question with its typos corrected, and the corrected words: a word that is in neither the corpus nor
 * everyday English becomes the closest corpus word, or else the closest everyday word ("sorce" -> "source", so that
 * "open sorce" is "open source" again). Correcting the text, not the words one by one, lets the corrected words
 * form the phrases the corpus folds ("open source", "back end").
 */
function correctSpelling(
  text: string,
  index: SearchIndex,
  vocabulary: Vocabulary,
): { text: string; corrected: Set<string> } {
  const corrected = new Set<string>();
  const fixed = text.replace(/[A-Za-z]+/g, (typed) => {
    const word = typed.toLowerCase();
    const correction = isWord(word, index)
      ? slipOfCommonerWord(word, index, vocabulary)
      : closerCorrection(
          word,
          vocabulary.corpusSpeller(word),
          everydayCorrection(word, everydaySpellerOf(index, vocabulary)),
        );
    if (!correction) return typed;
    for (const token of tokenize(correction)) corrected.add(token);
    return correction;
  });
  return { text: corrected.size > 0 ? normalizeText(fixed) : text, corrected };
}

/** The corrector to everyday English, built on first use. */
function everydaySpellerOf(index: SearchIndex, vocabulary: Vocabulary): (typo: string) => string | undefined {
  // Between equally close words, one the corpus uses wins: "sorce" is "source" here, not "force".
  vocabulary.everydaySpeller ??= createSpeller(
    everydayWords(),
    (w) => zipf(w) + (index.documentFrequency.has(processTerm(w) ?? '') ? 3 : 0),
  );
  return vocabulary.everydaySpeller;
}

/**
 * The corpus's correction unless everyday English has a likelier one: fewer edits, counting a changed first letter
 * as one more (people rarely mistype the first letter) and a letter struck across the keyboard as half of one more
 * (not a slip of the finger). So "waatching" is "watching", not the corpus's "matching", and "unstructed" stays the
 * corpus's "unstructured", not "instructed".
 */
function closerCorrection(typo: string, corpus?: string, everyday?: string): string | undefined {
  if (!corpus || !everyday || corpus === everyday) return corpus ?? everyday;
  const cost = (word: string) => {
    const edits = editDistance(typo, word, 2);
    return edits + typoPenalty(typo, word, edits);
  };
  return cost(everyday) < cost(corpus) ? everyday : corpus;
}

/**
 * Shortest unknown word read as any typo of an everyday English word the corpus lacks. A short one ("wifi", "jira")
 * is as likely a word newer than the word list as a typo ("wife"), and what the corpus lacks is what the decline
 * weighs; a corpus word one letter away still corrects it ("lern" -> "learn").
 */
const EVERYDAY_CORRECTED_MIN_LENGTH = 5;
/** Shortest word read as a typo of an everyday word when it is a slip of the finger ("hmoe", "soow", "podt"). */
const EVERYDAY_SLIP_MIN_LENGTH = 4;

/** The everyday word a typo is, if the typo is long enough, or a slip of the finger that keeps the first letter. */
function everydayCorrection(typo: string, speller: (typo: string) => string | undefined): string | undefined {
  if (typo.length < EVERYDAY_SLIP_MIN_LENGTH) return undefined;
  const word = speller(typo);
  if (!word || typo.length >= EVERYDAY_CORRECTED_MIN_LENGTH) return word;
  return editDistance(typo, word, 1) === 1 && typoPenalty(typo, word, 1) === 0 ? word : undefined;
}

/** Endings of English inflections: "logins" is "login" plus one, not a typo of "loins". */
const INFLECTION = /(?:s|es|ed|ing)$/;

/** The forms an inflected word may come from: "logins" -> login, "copes" -> cope. */
function baseForms(word: string): string[] {
  const base = word.replace(INFLECTION, '');
  return base.length >= 3 && base !== word ? [base, `${base}e`] : [];
}

/** How common a word is in English (Zipf), or the word it inflects when that is more common. */
function englishZipf(word: string): number {
  return Math.max(zipf(word), ...baseForms(word).map(zipf));
}

/** A word spelt right: one the corpus, the folding table or everyday English knows, or an inflection of one. */
function isWord(word: string, index: SearchIndex): boolean {
  if (STOP_WORDS.has(word) || index.corpusWords.has(word) || word in CANONICAL_WORDS) return true;
  if (zipf(word) < ZIPF_RARE && word.length >= 4 && nearFunctionWord(word)) return false;
  if (swappedFunctionWord(word)) return false;
  return (
    zipf(word) >= TYPO_ZIPF || baseForms(word).some((base) => index.corpusWords.has(base) || zipf(base) >= TYPO_ZIPF)
  );
}

/** A rare word one letter from a far more common function word is that word mistyped ("wich", "thier"). */
function nearFunctionWord(word: string): boolean {
  const own = zipf(word) + FUNCTION_WORD_MARGIN;
  for (const stop of functionWords()) {
    if (stop.zipf < own) return false;
    if (stop.word.length >= 4 && editDistance(word, stop.word, 1) === 1) return true;
  }
  return false;
}
/**
 * A real word that is a far more common function word with two neighbouring letters swapped is that word mistyped
 * ("dose" for "does" in "what dose a security developer do"): the swap is the commonest slip of fast typing.
 */
function swappedFunctionWord(word: string): boolean {
  const own = zipf(word) + SWAPPED_WORD_MARGIN;
  for (const stop of functionWords()) {
    if (stop.zipf < own) return false;
    if (stop.word.length === word.length && isNeighbourSwap(word, stop.word)) return true;
  }
  return false;
}
/**
 * A rare word one slip of the finger from a word a hundred times commoner (SWAPPED_WORD_MARGIN) is that word
 * mistyped: "pock" for "pick" ("which db should I pock"). Commoner counts in the corpus's own world too: a word of
 * the corpus weighs as if it were that common in English (domainZipf), so "backed" is "backend" and "sills" is
 * "skills" here, while "prod" stays itself (no corpus word is a slip away).
 */
function slipOfCommonerWord(word: string, index: SearchIndex, vocabulary: Vocabulary): string | undefined {
  const own = zipf(word);
  if (word.length < MIN_SLIP_LENGTH || index.corpusWords.has(word)) return undefined;
  const slip = (near: string | undefined): near is string =>
    near !== undefined && editDistance(word, near, 1) === 1 && typoPenalty(word, near, 1) === 0;
  const corpusNear = vocabulary.corpusSpeller(word);
  const domainSlip = own < DOMAIN_SLIP_ZIPF_MAX && slip(corpusNear);
  if (domainSlip && domainZipf(corpusNear, index, vocabulary) >= own + SWAPPED_WORD_MARGIN) return corpusNear;
  if (own >= ZIPF_RARE) return undefined;
  const near = closerCorrection(word, corpusNear, everydayCorrection(word, everydaySpellerOf(index, vocabulary)));
  return slip(near) && zipf(near) >= own + SWAPPED_WORD_MARGIN ? near : undefined;
}

/**
 * How common a corpus word is in the corpus's own world, on the Zipf scale: DOMAIN_ZIPF for a word of every
 * passage, one less for a word of a tenth of them.
 */
function domainZipf(word: string, index: SearchIndex, vocabulary: Vocabulary): number {
  const term = index.corpusWords.get(word);
  const df = term ? (index.documentFrequency.get(term) ?? 0) : 0;
  return df > 0 ? DOMAIN_ZIPF + Math.log10(df / vocabulary.passages) : 0;
}
/**
 * Tuned: 5 and 6 read the same typos; 7 read "staging" as the corpus's "staying" and answered "the staging
 * server url".
 */
const DOMAIN_ZIPF = 6;
/** Real words at least this common are never read as a slip of a corpus word ("backed" and "guided" are below it). */
const DOMAIN_SLIP_ZIPF_MAX = 4;

/** Shortest rare real word read as a slip: three-letter ones are as often acronyms ("sre", "pto"). */
const MIN_SLIP_LENGTH = 4;

/** How much more common (Zipf: a factor of 100) the function word must be for a swap of it to be read as it. */
const SWAPPED_WORD_MARGIN = 2;

/** How much more common (Zipf: a factor of 1,000) the function word must be for the rare word to be its typo. */
const FUNCTION_WORD_MARGIN = 3;
let functionWordsByZipf: { word: string; zipf: number }[] | undefined;

/**
 * Function words of three letters or more with their Zipf values, commonest first: looked up once, on first use
 * (the frequency list loads then), not per word of every question.
 */
function functionWords(): { word: string; zipf: number }[] {
  functionWordsByZipf ??= [...STOP_WORDS]
    .filter((w) => /^[a-z]{3,}$/.test(w))
    .map((word) => ({ word, zipf: zipf(word) }))
    .sort((a, b) => b.zipf - a.zipf);
  return functionWordsByZipf;
}

/** BM25's idf: how rare a term is among the passages. */
export function corpusWeight(passages: number, documentFrequency: number): number {
  return Math.log(1 + (passages - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/** 0 for everyday English, 1 for a rare or unknown word, in proportion between. */
function englishRarity(word: string, zipfOfWord = zipf(word)): number {
  return Math.min(1, Math.max(0, (ZIPF_COMMON - zipfOfWord) / (ZIPF_COMMON - ZIPF_RARE)));
}

/**
 * Turns a question into the ideas to search for, each weighed by how much it says; question phrasing, mentions,
 * chat filler and stop words drop out here. Without an index, words are taken as typed with equal weight.
 */
export function parseQuery(
  question: string,
  index?: SearchIndex,
  without: readonly QueryFeature[] = [],
  typing = false,
): ParsedQuery {
  const asked = question.slice(0, MAX_QUERY_CHARS).replace(MENTIONS, ' ');
  const on = (feature: QueryFeature) => !without.includes(feature);
  const vocabulary = index ? vocabularyOf(index) : undefined;
  const { text, corrected } =
    index && vocabulary && on('spelling')
      ? correctSpelling(asked, index, vocabulary)
      : { text: asked, corrected: new Set<string>() };
  const { tokens, factors, asking } = on('questionSentences')
    ? weighSentences(text)
    : { tokens: tokenize(text), factors: undefined, asking: text };
  const typingLastWord = typing && /[a-z0-9]$/i.test(asked.trimEnd()) && asked === asked.trimEnd();
  const concepts: QueryConcept[] = [];
  /** Concepts named in an asking sentence (all of them in a short question). */
  const askedConcepts = new Set<QueryConcept>();
  tokens.forEach((token, i) => {
    const typed = processTerm(token);
    if (!typed || concepts.length >= MAX_QUERY_TERMS) return;
    const term = typed;
    const word = canonicalWord(token.replace(/'s$/, '').replace(/'/g, ''));
    let weight = 1;
    let kind: ConceptKind = 'known';
    if (index && !index.documentFrequency.has(term)) kind = 'foreign';
    else if (corrected.has(token)) kind = 'corrected';
    if (index && vocabulary) {
      const known = index.documentFrequency.get(term);
      if (known !== undefined) {
        weight = Math.max(corpusWeight(vocabulary.passages, known), MIN_KNOWN_WEIGHT);
        if (on('englishWeights')) weight *= 1 - COMMON_WORD_DISCOUNT * (1 - englishRarity(word));
      } else {
        weight = vocabulary.maxWeight * (on('englishWeights') ? englishRarity(word, englishZipf(word)) : 1);
      }
    }
    // A small number in chat ("in 5 yrs", "each one") rarely names the topic, and headings are numbered ("#5 - …");
    // a year or a figure ("2024", "401") is as specific as any word.
    const emphasis = (factors?.[i] ?? 1) * (/^\d{1,2}$/.test(term) ? NUMBER_WEIGHT : 1);
    weight *= emphasis;
    const earlier = concepts.find((c) => c.term === term);
    if (earlier && (factors?.[i] ?? 1) === 1) askedConcepts.add(earlier);
    if (earlier) {
      earlier.weight = Math.max(earlier.weight, weight);
      earlier.emphasis = Math.max(earlier.emphasis, emphasis);
      return;
    }
    const variants = on('synonyms') ? variantsOf(term) : [];
    // A word the corpus lacks but whose synonym it has ("paid" for "salary") is that synonym's idea.
    if (index && vocabulary && kind === 'foreign') {
      for (const v of variants) {
        const df = index.documentFrequency.get(v.term);
        if (df !== undefined) weight = Math.max(weight, emphasis * corpusWeight(vocabulary.passages, df));
      }
    }
    const concept: QueryConcept = {
      term,
      kind,
      weight,
      emphasis,
      variants,
      prefix: typingLastWord && i === tokens.length - 1 && term.length >= 3,
    };
    concepts.push(concept);
    if ((factors?.[i] ?? 1) === 1) askedConcepts.add(concept);
  });
  if (on('synonyms')) oneIdeaPerGroup(concepts);
  boundContextWeight(concepts, askedConcepts);
  const cue = (feature: QueryFeature, pattern: RegExp, weight: number) =>
    vocabulary && on(feature) && pattern.test(askingClause(asking)) ? weight * vocabulary.maxWeight : 0;
  const internalWeight =
    cue('internalCues', INTERNAL_CUES, INTERNAL_CUE_WEIGHT) + cue('howToCues', HOW_TO_CUES, HOW_TO_CUE_WEIGHT);
  return { concepts, internalWeight, ...comparisonSides(text, concepts) };
}

/**
 * The context around a long message's question weighs at most this share of the question's own words, however
 * long it runs: twenty words of small talk must not outweigh the two words asked about.
 */
export const CONTEXT_SHARE_MAX = 0.25;

function boundContextWeight(concepts: QueryConcept[], asked: ReadonlySet<QueryConcept>): void {
  const isContext = (c: QueryConcept) => !asked.has(c);
  const askedWeight = concepts.filter((c) => !isContext(c)).reduce((sum, c) => sum + c.weight, 0);
  const context = concepts.filter(isContext).reduce((sum, c) => sum + c.weight, 0);
  if (context <= CONTEXT_SHARE_MAX * askedWeight) return;
  const scale = (CONTEXT_SHARE_MAX * askedWeight) / context;
  for (const c of concepts) if (isContext(c)) c.weight *= scale;
}

/**
 * The clause that asks, and what follows it: "first week here, my lead keeps saying I 'own the API layer', what does
 * that even involve" asks about the API layer, not about the lead. A sentence with no asking clause is all asking.
 */
function askingClause(sentence: string): string {
  const clauses = sentence.split(/\s*(?:[,;:]|\s[-–—]\s)\s*/);
  const at = clauses.findIndex((clause, i) => i > 0 && ASKING_OPENING.test(clause));
  return at > 0 ? clauses.slice(at).join(', ') : sentence;
}

/** A pronoun that points back to what was said before ("what is it used for?", "is that normal?"). */
const REFERS_BACK = /\b(?:it|this|that|they|them|these|those)\b/i;

/** "what", "how", "can I", "is it": a sentence opening that asks. */
const ASKING_OPENING =
  /^\W*(?:so |and |but |ok |okay |also |like )?(?:what|what's|whats|how|why|who|which|when|where|is|are|do|does|did|can|could|should|would|will|any|anyone|tell|explain)\b/i;

/**
 * Tokens of a message with the weight each carries: in a long message, the sentences that ask (a question mark, an
 * asking opening, or a clause that turns to ask: "anyway, what does…"; failing all, the last one) weigh fully and
 * the rest, the context around the question, weigh CONTEXT_SENTENCE_WEIGHT.
 */
function weighSentences(text: string): { tokens: string[]; factors?: number[]; asking: string } {
  if (text.length < LONG_MESSAGE_CHARS) return { tokens: tokenize(text), asking: text };
  const sentences = text.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim());
  const asks = sentences.map((s) => /\?/.test(s) || ASKING_OPENING.test(s) || askingClause(s) !== s);
  // Chat puts the question last: after a few sentences of context, a bare "hourly rate for backend devs" asks.
  if (asks.length > 0 && !asks.includes(true)) asks[asks.length - 1] = true;
  if (!asks.includes(true) || asks.every(Boolean)) return { tokens: tokenize(text), asking: text };
  // "…Kubernetes… what is it actually used for?": a question that points back asks about its context.
  if (sentences.some((s, i) => asks[i] && REFERS_BACK.test(askingClause(s))))
    return { tokens: tokenize(text), asking: text };
  const tokens: string[] = [];
  const factors: number[] = [];
  // The asking sentences first, so that the cap on words searched never cuts the question off.
  for (const asking of [true, false]) {
    sentences.forEach((sentence, i) => {
      if (asks[i] !== asking) return;
      for (const token of tokenize(sentence)) {
        tokens.push(token);
        factors.push(asking ? 1 : CONTEXT_SENTENCE_WEIGHT);
      }
    });
  }
  return { tokens, factors, asking: sentences.filter((_, i) => asks[i]).join(' ') };
}

/**
 * The two sides of a comparison, as concept indices, when the question compares: the idea nearest the "vs" (or
 * "and", "or") on each side ("python vs node for backend" compares python and node, not backend).
 */
function comparisonSides(text: string, concepts: QueryConcept[]): { sides?: [number[], number[]] } {
  if (concepts.length < 2 || !COMPARISON.test(text)) return {};
  const split = SIDE_SPLIT.exec(text);
  if (!split) return {};
  const sideOf = (words: string[]) => {
    for (const term of words) {
      const at = concepts.findIndex(
        (c) => c.term === term && !COMPARING_TERMS.has(term) && c.weight >= SIDE_MIN_WEIGHT,
      );
      if (at >= 0) return at;
    }
    return -1;
  };
  const left = sideOf(terms(text.slice(0, split.index)).reverse());
  const right = sideOf(terms(text.slice(split.index + split[0].length)));
  return left >= 0 && right >= 0 && left !== right ? { sides: [[left], [right]] } : {};
}
