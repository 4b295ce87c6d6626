import type { Handoff, HandoffButton, HandoffMessage, MentorAnswerDelivery } from './types.js';

/** What the mentors see when the asker gave no display name. */
export const UNNAMED_ASKER = 'Someone';

function stateLine(handoff: Handoff): string {
  if (handoff.state === 'answered') return `Answered by ${handoff.answer?.mentor.name ?? 'a mentor'}.`;
  if (handoff.state === 'taken') return `Taken by ${handoff.takenBy?.name ?? 'a mentor'}.`;
  return 'Nobody has taken this yet.';
}

function buttons(handoff: Handoff): HandoffButton[] {
  if (handoff.state === 'open') return ['take', 'answer'];
  if (handoff.state === 'taken') return ['answer'];
  return [];
}

function heading(handoff: Handoff): string {
  if (handoff.state === 'answered') return 'A new hire’s question, answered';
  return handoff.repostedAt ? 'Still waiting for a mentor' : 'A new hire needs a mentor';
}

/**
 * The mentors'-channel message for a hand-off in its current state. `ping`: a new post (the first, or the one
 * re-post), which mentions the mentors; an update in place does not.
 */
export function handoffMessage(handoff: Handoff, options: { ping: boolean }): HandoffMessage {
  return {
    handoffId: handoff.id,
    heading: heading(handoff),
    question: handoff.question,
    askerName: handoff.origin.userName?.trim() || UNNAMED_ASKER,
    ...(handoff.origin.link ? { link: handoff.origin.link } : {}),
    passagesTried: handoff.passagesTried,
    stateLine: stateLine(handoff),
    state: handoff.state,
    buttons: buttons(handoff),
    ...(handoff.answer ? { answer: { text: handoff.answer.text, mentorName: handoff.answer.mentor.name } } : {}),
    ping: options.ping,
  };
}

/** The answer on its way back to the asker, naming the mentor who gave it. */
export function mentorAnswerDelivery(handoff: Handoff): MentorAnswerDelivery | undefined {
  if (!handoff.answer) return undefined;
  const { mentor, text } = handoff.answer;
  return {
    origin: handoff.origin,
    intro: `${mentor.name} (a mentor) answered your question:`,
    question: handoff.question,
    answer: text,
    mentor,
  };
}
