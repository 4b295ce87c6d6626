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
  perDay: { day: string; declined: number; helpful: number; notHelpful: number }[];
}

/** Votes on passages; a repeat vote by one person on one passage and question replaces the earlier one. */
export interface VoteRepository {
  record(vote: FeedbackVote): Promise<void>;
}

/** Questions the corpus could not answer. */
export interface DeclinedQuestionRepository {
  record(entry: DeclinedQuestion): Promise<void>;
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
  status(): StoreStatus;
  close(): Promise<void>;
}
