import type { Answer } from '../answer/types.js';
import type { ChannelAnswerOptions } from '../channels/answerInChannel.js';
import type { CorpusDocument } from '../corpus/types.js';
import type {
  AskerOrigin,
  Handoff,
  HandoffMessage,
  MentorAnswer,
  MentorAnswerDelivery,
  MentorRef,
} from '../mentors/types.js';
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

/** Stable codes of the mentor loop's refusals, beside the codes every notice may carry. */
export type MentorNoticeCode =
  | Notice['code']
  /** The hand-off is unknown (a button from another deployment, or a forged id). */
  | 'HANDOFF_NOT_FOUND'
  /** "I'll take it" on a hand-off another mentor has taken. */
  | 'HANDOFF_ALREADY_TAKEN'
  /** "I'll take it" or "Answer" on a hand-off already answered. */
  | 'HANDOFF_ALREADY_ANSWERED'
  /** The mentor answer is unknown. */
  | 'ANSWER_NOT_FOUND'
  /** Edit or retire on a mentor answer already retired. */
  | 'ANSWER_RETIRED'
  /** Edit or retire by a mentor who did not write the answer. */
  | 'NOT_YOUR_ANSWER'
  /** An answer or question with no text in it. */
  | 'EMPTY_TEXT'
  /** An answer longer than MAX_MENTOR_ANSWER_CHARS. */
  | 'TEXT_TOO_LONG';

/** A mentor-loop refusal: plain text, safe to show as is (each renderer still escapes it). */
export interface MentorNotice {
  code: MentorNoticeCode;
  text: string;
}

/** Handing a question to the mentors. */
export interface AskMentorRequest {
  question: string;
  origin: AskerOrigin;
  /** The passages the asker was shown (or the decline tried), when the adapter knows; else the core asks again. */
  passageIds?: string[];
}

/**
 * A hand-off after a change: the message to post (or to update in place) in the mentors' channel, and, when it was
 * answered, the delivery to the asker. `alreadyAsked`: the same person already has this question open with the
 * mentors; nothing new was posted, and the adapter tells them so instead of posting again.
 */
export type HandoffOutcome =
  | {
      ok: true;
      handoff: Handoff;
      message: HandoffMessage;
      delivery?: MentorAnswerDelivery;
      mentorAnswer?: MentorAnswer;
      alreadyAsked?: boolean;
    }
  | { ok: false; notice: MentorNotice };

export type MentorAnswerOutcome = { ok: true; answer: MentorAnswer } | { ok: false; notice: MentorNotice };

/** Who changes a mentor answer: its mentor (checked by the adapter), or a maintainer on /insights (token). */
export type MentorAnswerEditor = MentorRef | { maintainer: true };

/** A hand-off due for its one re-post, already claimed for this caller (no other replica gets it). */
export interface DueRepost {
  handoff: Handoff;
  message: HandoffMessage;
}

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

  // --- The mentor loop (issue 15). Adapters call these only when their mentors' channel is configured, and only
  // after checking against the platform that the person acting is a mentor.

  /** Hands a question to the mentors: stores the hand-off and returns the message to post (with the one ping). */
  askMentor(request: AskMentorRequest): Promise<HandoffOutcome>;
  /** The adapter posted (or re-posted) the hand-off: `reference` is its id of that message (channel + ts, message id). */
  recordHandoffPost(handoffId: string, reference: string): Promise<{ ok: true } | { ok: false; notice: MentorNotice }>;
  /** "I'll take it": open -> taken by this mentor (again by the same mentor is fine); returns the updated message. */
  takeHandoff(handoffId: string, mentor: MentorRef): Promise<HandoffOutcome>;
  /**
   * A mentor's answer (the Answer form, or a reply in the hand-off's thread): saves it as a mentor answer, marks
   * the hand-off answered, and returns the updated message and the delivery to the asker.
   */
  answerHandoff(handoffId: string, mentor: MentorRef, text: string): Promise<HandoffOutcome>;
  /** The hand-off whose mentors'-channel post is `reference` (a mentor replied in its thread), if any. */
  handoffByPost(reference: string): Promise<Handoff | undefined>;
  /** The hand-off by id, if any. */
  handoff(handoffId: string): Promise<Handoff | undefined>;
  /** "Save as answer" on a mentor's own message: keeps it as a mentor answer to `question`. */
  saveMentorAnswer(request: { question: string; text: string; mentor: MentorRef }): Promise<MentorAnswerOutcome>;
  /** Replaces the text of a live mentor answer; only its mentor (or a maintainer) may. */
  editMentorAnswer(id: string, editor: MentorAnswerEditor, text: string): Promise<MentorAnswerOutcome>;
  /** Retires a mentor answer: it is never cited again. Only its mentor (or a maintainer) may. */
  retireMentorAnswer(id: string, editor: MentorAnswerEditor): Promise<MentorAnswerOutcome>;
  /** A mentor answer by id (live or retired), if any. */
  mentorAnswer(id: string): Promise<MentorAnswer | undefined>;
  /**
   * Hand-offs of this platform open longer than MENTOR_REPOST_MINUTES and never re-posted, each claimed here so
   * that exactly one replica re-posts it. The adapter posts each `message` and calls recordHandoffPost.
   */
  dueReposts(platform: Platform, now: Date): Promise<DueRepost[]>;
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
