/**
 * The mentor loop's neutral types: a question handed to a person (a hand-off), the person's answer kept as a source
 * (a mentor answer), and the messages every platform renders for them. The core never calls Slack or Discord: an
 * adapter checks who is a mentor, posts, and tells the core where it posted.
 */
import type { Platform } from '../service/platform.js';

/** A person the ADAPTER has already checked to be a mentor (group member on Slack, role holder on Discord). */
export interface MentorRef {
  /** The platform's user id. */
  id: string;
  /** Display name, shown in citations ("Answer by <name>, <date>") and to the asker. */
  name: string;
}

/** Where a hand-off's answer goes back to: the asker, and how the adapter reaches them there. */
export interface AskerOrigin {
  platform: Platform;
  userId: string;
  /** Display name, shown to mentors (never as a live mention). */
  userName?: string;
  /** A link to the message or thread where the question was asked, for mentors to read the context. */
  link?: string;
  /**
   * Adapter-owned and opaque to the core (e.g. JSON with a channel and thread ts, a DM, or "ephemeral in channel C"):
   * stored and handed back untouched with the delivery.
   */
  reply: string;
}

/** A passage the bot offered (or would have) before the asker turned to a mentor. */
export interface PassageTried {
  passageId: string;
  title: string;
  section: string;
  link: string;
}

/** `open`: nobody has it yet. `taken`: a mentor said "I'll take it". `answered`: an answer went to the asker. */
export type HandoffState = 'open' | 'taken' | 'answered';

/** A mentor's answer to a hand-off, as delivered to the asker. */
export interface HandoffAnswer {
  text: string;
  mentor: MentorRef;
  /** ISO-8601 timestamp. */
  at: string;
  /** The mentor answer it was saved as (a source for later questions). */
  mentorAnswerId?: string;
}

/** A question handed to the mentors, with its state. */
export interface Handoff {
  id: string;
  platform: Platform;
  question: string;
  origin: AskerOrigin;
  passagesTried: PassageTried[];
  state: HandoffState;
  takenBy?: MentorRef;
  /** ISO-8601 timestamp of "I'll take it". */
  takenAt?: string;
  answer?: HandoffAnswer;
  /** ISO-8601 timestamp. */
  createdAt: string;
  /** ISO-8601 timestamp of the one re-post, once claimed. */
  repostedAt?: string;
  /** The adapter's id of the mentors'-channel message (the latest post, after a re-post). */
  post?: { reference: string };
}

/** Whether a mentor answer may still be cited. A retired one never is, and stays only for the record. */
export type MentorAnswerState = 'live' | 'retired';

/** A mentor's answer kept as a source: indexed beside the corpus and cited "Answer by <mentor>, <date>". */
export interface MentorAnswer {
  id: string;
  /** The question it answers (its title in citations and on its page). */
  question: string;
  /** The answer text, verbatim as the mentor wrote it (capped at MAX_MENTOR_ANSWER_CHARS). */
  text: string;
  mentor: MentorRef;
  /** ISO-8601 timestamp of when it was saved (the date cited). */
  date: string;
  /** ISO-8601 timestamp of the last edit, when edited. */
  editedAt?: string;
  state: MentorAnswerState;
  /** The hand-off it answered, when it came from one. */
  handoffId?: string;
}

/** Longest mentor answer kept: a long answer still fits one chat message on every platform once quoted. */
export const MAX_MENTOR_ANSWER_CHARS = 1500;

/** What a button on a hand-off post does. */
export type HandoffButton = 'take' | 'answer';

/**
 * The neutral message every platform renders into the mentors' channel (and re-renders in place as its state
 * changes). All text is plain and from people: each renderer escapes it for its own syntax.
 */
export interface HandoffMessage {
  handoffId: string;
  /** "A new hire needs a mentor" / "Still waiting for a mentor" (the re-post). */
  heading: string;
  question: string;
  /** Who asked, by display name: never a live mention. */
  askerName: string;
  /** Where they asked, when the adapter gave a link. */
  link?: string;
  passagesTried: PassageTried[];
  /** "Nobody has taken this yet." / "Taken by Ana." / "Answered by Ana." */
  stateLine: string;
  state: HandoffState;
  /** The controls to show for this state: `take` and `answer` while open, `answer` while taken, none once answered. */
  buttons: HandoffButton[];
  /** The answer, once given, shown under the question. */
  answer?: { text: string; mentorName: string };
  /**
   * Whether this rendering mentions the mentors (the group on Slack, the role on Discord): true for the first post
   * and the re-post, false for in-place updates. It is the one live mention the bot ever makes.
   */
  ping: boolean;
}

/** The answer on its way to the asker, naming the mentor. Plain text: the adapter escapes it. */
export interface MentorAnswerDelivery {
  /** Handed back untouched from the hand-off: the adapter decodes where to send it. */
  origin: AskerOrigin;
  /** "Ana (a mentor) answered your question:" */
  intro: string;
  question: string;
  answer: string;
  mentor: MentorRef;
}
