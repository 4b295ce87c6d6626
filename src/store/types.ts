import type { Gap } from '../mentors/gaps.js';
import type { Handoff, HandoffAnswer, MentorAnswer, MentorRef } from '../mentors/types.js';
import type { VoteReason } from '../mentors/voteReasons.js';
import type { Platform } from '../service/platform.js';

/** A reader's vote on one passage of an answer. */
export interface FeedbackVote {
  platform: Platform;
  question: string;
  passageId: string;
  helpful: boolean;
  /**
   * Who voted, when the platform says: a second vote by the same person on the same passage and question replaces
   * the first. The store keeps it as such only when STORE_USER_IDS=true; otherwise only a one-way hash of it
   * together with the passage and question, which cannot link two votes of one person.
   */
  userId?: string;
  /** Why it was not helpful (only with `helpful: false`). */
  reason?: VoteReason;
  /** The reader's own words with the reason, at most MAX_REASON_TEXT_CHARS (longer is cut). */
  reasonText?: string;
}

/** A question the bot declined: the corpus maintainers' to-do list. */
export interface DeclinedQuestion {
  platform: Platform;
  question: string;
  /** Kept only when STORE_USER_IDS=true. */
  userId?: string;
}

export interface InsightsReport {
  topDeclined: { question: string; count: number; lastAsked: string }[];
  mostNotHelpful: { passageId: string; notHelpful: number; helpful: number }[];
  /** Why readers found those passages not helpful (passages of `mostNotHelpful` with a reason given), same order. */
  notHelpfulReasons: {
    passageId: string;
    /** How many "Not helpful" votes gave each reason. */
    reasons: Partial<Record<VoteReason, number>>;
    /** The readers' own words with their reasons, newest first (a few). */
    comments: string[];
  }[];
  perDay: { day: string; declined: number; helpful: number; notHelpful: number }[];
  /**
   * Declined and voted-down questions grouped by shared topic, the most-asked first, each with the mentor answer that
   * now covers it (if any): where the docs fall short, and which gaps the mentors have filled.
   */
  gaps: Gap[];
  /** Every mentor answer, live and retired, newest first (for editing and retiring from /insights). */
  mentorAnswers: MentorAnswer[];
  /** Hand-offs still waiting for an answer, oldest first. */
  openHandoffs: {
    id: string;
    platform: Platform;
    question: string;
    state: 'open' | 'taken';
    takenBy?: string;
    createdAt: string;
  }[];
  /** Recently answered hand-offs, newest first, with how long the asker waited. */
  answeredHandoffs: {
    id: string;
    question: string;
    mentorName: string;
    createdAt: string;
    answeredAt: string;
    minutesToAnswer: number;
  }[];
}

/** Votes on passages; a repeat vote by one person on one passage and question replaces the earlier one. */
export interface VoteRepository {
  record(vote: FeedbackVote): Promise<void>;
}

/** Questions the corpus could not answer. */
export interface DeclinedQuestionRepository {
  record(entry: DeclinedQuestion): Promise<void>;
}

/** A hand-off as stored, with the key that folds one asker's repeats of one question together. */
export interface NewHandoff extends Omit<Handoff, 'state' | 'takenBy' | 'takenAt' | 'answer' | 'repostedAt' | 'post'> {
  askerKey: string;
}

/**
 * Questions handed to mentors. Every change of state is one conditional update, so two mentors pressing at once,
 * or two replicas, cannot both win: the loser reads back the state the winner left.
 */
export interface HandoffRepository {
  create(handoff: NewHandoff): Promise<Handoff>;
  get(id: string): Promise<Handoff | undefined>;
  /** The hand-off whose latest mentors'-channel post is `reference`. */
  byPost(reference: string): Promise<Handoff | undefined>;
  /** This asker's hand-off of this question that is not answered yet, if any. */
  unansweredFor(askerKey: string): Promise<Handoff | undefined>;
  /** Records where the adapter posted it; false when there is no such hand-off. */
  setPost(id: string, reference: string): Promise<boolean>;
  /** open -> taken by `mentor`; returns the hand-off as it stands after (taken by whoever won, or answered). */
  take(id: string, mentor: MentorRef, at: string): Promise<Handoff | undefined>;
  /** Marks it answered unless it already was; `won` says whether this call did it. */
  answer(id: string, answer: HandoffAnswer): Promise<{ won: boolean; handoff: Handoff } | undefined>;
  /** Claims every open hand-off of `platform` created at or before `cutoff` and never re-posted, marking it re-posted at `now`. */
  claimReposts(platform: string, cutoff: string, now: string): Promise<Handoff[]>;
}

/** Mentor answers: the live ones are indexed beside the corpus. */
export interface MentorAnswerRepository {
  create(answer: MentorAnswer): Promise<void>;
  get(id: string): Promise<MentorAnswer | undefined>;
  /** Every live answer, oldest first (the index's order). */
  live(): Promise<MentorAnswer[]>;
  /** Every answer, live and retired, newest first (for /insights and export). */
  all(): Promise<MentorAnswer[]>;
  /** Replaces the text of a live answer; undefined when there is none or it is retired. */
  edit(id: string, text: string, at: string): Promise<MentorAnswer | undefined>;
  /** Retires a live answer; undefined when there is none or it already was. */
  retire(id: string, at: string): Promise<MentorAnswer | undefined>;
}

/** Read side for maintainers: `/insights` and `npm run insights`. */
export interface InsightsRepository {
  report(limit?: number): Promise<InsightsReport>;
}

/** Which database holds the state. */
export type StoreKind = 'sqlite' | 'postgres';

/**
 * `ready`: reads and writes go through. `unavailable`: the database cannot be reached (or its schema could not be
 * brought up to date); every call fails fast with StoreUnavailableError while the store retries in the background.
 */
export type StoreStatus = 'ready' | 'unavailable';

/**
 * Everything the bot keeps beyond a process: one typed repository per kind of state, the same for SQLite and
 * PostgreSQL (both pass test/store/contract.ts). A new kind of state (hand-offs, mentor answers, channel
 * settings) is a new repository here plus a migration in migrations/, not a generic key-value bag. Every method
 * either does its job or rejects with StoreUnavailableError (code STORE_UNAVAILABLE); none loses data silently.
 */
export interface Store {
  readonly kind: StoreKind;
  readonly votes: VoteRepository;
  readonly declined: DeclinedQuestionRepository;
  readonly insights: InsightsRepository;
  readonly handoffs: HandoffRepository;
  readonly mentorAnswers: MentorAnswerRepository;
  status(): StoreStatus;
  close(): Promise<void>;
}
