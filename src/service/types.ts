import type { Answer } from '../answer/types.js';
import type { ChannelAnswerOptions } from '../channels/answerInChannel.js';
import type { CorpusDocument } from '../corpus/types.js';
import type { FeedbackVote } from '../store/types.js';
import type { Platform } from './platform.js';

export interface AskRequest {
  platform: Platform;
  /**
   * Identifies the asker for rate limiting only (e.g. `slack:T123:U456`). Never logged or stored
   * unless STORE_USER_IDS=true.
   */
  userKey: string;
  question: string;
  /** For "More results": the offset of the page to show. */
  offset?: number;
  /**
   * Asked in a channel or thread: the channel's corpus scope, its confidence bar for unprompted answers, and the
   * thread's first question for a thin follow-up. Such answers have one page (no offset).
   */
  channel?: Omit<ChannelAnswerOptions, 'publicUrl'>;
}

/**
 * Something the bot tells the user instead of an answer. `text` is plain text, safe to show as is
 * (each renderer still escapes it for its own syntax).
 */
export interface Notice {
  code: 'RATE_LIMITED' | 'BUSY' | 'INTERNAL' | 'STORE_UNAVAILABLE';
  text: string;
  /** With RATE_LIMITED: seconds until the asker may ask again (HTTP's Retry-After). */
  retryAfterSeconds?: number;
}

export type AskOutcome = { kind: 'answer'; answer: Answer } | { kind: 'notice'; notice: Notice };

/** Whether something the user asked to keep (a vote) was saved; if not, the notice says to try again. */
export type SaveOutcome = { ok: true } | { ok: false; notice: Notice };

/** What `/backend` alone or `/backend help` shows. */
export interface HelpContent {
  intro: string;
  examples: string[];
  topics: string[];
  /** How the bot behaves in the channel help was asked in (Q&A channel, mentions only, off). */
  here?: string;
}

/**
 * The one door adapters use into the core: ask, suggest (autocomplete), help, and feedback.
 * Rate limits, concurrency caps, metrics and the declined-question log live behind it, so every
 * platform gets them the same way.
 */
export interface BotService {
  ask(request: AskRequest): Promise<AskOutcome>;
  /**
   * Questions or topics the corpus answers well that match what the user has typed so far; none longer than
   * `maxLength`, the platform's limit on one suggestion.
   */
  suggest(prefix: string, limit: number, maxLength?: number): string[];
  help(): HelpContent;
  recordVote(vote: FeedbackVote): Promise<SaveOutcome>;
  /** Whether a passage id (`<docId>#<position>`) names a passage of the current index: votes on others are refused. */
  hasPassage(passageId: string): boolean;
  /**
   * What the bot would post unasked in a Q&A channel's thread for this question (the channels' default confidence,
   * the whole corpus), for the playground's preview. Records nothing and takes no rate-limit token: the playground
   * asks it only after an ordinary ask.
   */
  previewInThread(question: string): Answer;
  /** The documents currently indexed (changes on corpus reload): for the docs pages. */
  documents(): readonly CorpusDocument[];
}

/** Per-user admission for questions; implemented at the edge (clock), decided here. */
export interface RateLimiter {
  /** Takes one token for `key`; when none is left, says how long until the next. */
  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number };
}

/** Bounds the work in flight across all platforms; `run` rejects with BusyError when full. */
export interface WorkGate {
  run<T>(work: () => Promise<T>): Promise<T>;
}

/** What the service reports about each question; implemented with prom-client at the edge. */
export interface ServiceObserver {
  answered(event: {
    platform: Platform;
    outcome: 'answered' | 'declined' | 'rate_limited' | 'busy' | 'error';
    seconds: number;
    passages: number;
  }): void;
  voted(event: { platform: Platform; helpful: boolean }): void;
}
