import type { Platform } from '../service/platform.js';

/** A reader's vote on one passage of an answer. */
export interface FeedbackVote {
  platform: Platform;
  question: string;
  passageId: string;
  helpful: boolean;
  /** Stored only when STORE_USER_IDS=true; adapters pass it, the store decides. */
  userId?: string;
}

/** A question the bot declined: the corpus maintainers' to-do list. */
export interface DeclinedQuestion {
  platform: Platform;
  question: string;
  userId?: string;
}

export interface InsightsReport {
  topDeclined: { question: string; count: number; lastAsked: string }[];
  mostNotHelpful: { passageId: string; notHelpful: number; helpful: number }[];
  perDay: { day: string; declined: number; helpful: number; notHelpful: number }[];
}

/** Durable record of feedback and declined questions. */
export interface FeedbackStore {
  recordVote(vote: FeedbackVote): void;
  recordDeclined(entry: DeclinedQuestion): void;
  insights(limit?: number): InsightsReport;
  close(): void;
}
