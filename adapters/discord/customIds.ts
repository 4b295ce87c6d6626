/**
 * What a button (or a modal's Submit) does, and the little state it needs. The question itself does not fit in a
 * custom_id (100 characters), so it travels in the rendered message (see embeds.ts) and is read back from
 * the interaction's `message`; only short, bounded values go here.
 */
export type AnswerAction =
  | { kind: 'share'; offset: number }
  | { kind: 'vote'; helpful: boolean; passageId: string }
  | { kind: 'more'; offset: number }
  /** Ask a mentor, on an answer or a decline: the question comes from the message it sits on. */
  | { kind: 'ask' }
  /** On a hand-off in the mentors' channel. */
  | { kind: 'take'; handoffId: string }
  | { kind: 'answer'; handoffId: string }
  /** On a saved mentor answer, shown to its mentor. */
  | { kind: 'edit'; answerId: string }
  | { kind: 'retire'; answerId: string };

/** The modals this bot opens; each Submit comes back with the form's custom_id. */
export type ModalForm =
  /** Not helpful: why (the question comes from the answer message the button sat on). */
  | { kind: 'reason'; passageId: string }
  /** A mentor's answer to a hand-off. */
  | { kind: 'answerForm'; handoffId: string }
  /** A mentor's edit of a saved answer. */
  | { kind: 'editForm'; answerId: string };

/** Discord's limit on a component's custom_id. */
export const CUSTOM_ID_MAX = 100;

const PREFIX = 'backend';
/** Hand-off and mentor-answer ids as the core makes them: short, URL-safe. */
const RECORD_ID = /^[\w-]{1,64}$/;

const fits = (id: string) => (id.length <= CUSTOM_ID_MAX ? id : undefined);

/**
 * The custom_id for `action`, or undefined when it would exceed CUSTOM_ID_MAX (only a very long passage id
 * can do that; the renderer then leaves that button out rather than send a payload Discord rejects).
 */
export function encodeAction(action: AnswerAction): string | undefined {
  switch (action.kind) {
    case 'vote':
      return fits(`${PREFIX}:vote:${action.helpful ? 'up' : 'down'}:${action.passageId}`);
    case 'share':
    case 'more':
      return fits(`${PREFIX}:${action.kind}:${action.offset}`);
    case 'ask':
      return `${PREFIX}:ask`;
    case 'take':
    case 'answer':
      return fits(`${PREFIX}:${action.kind}:${action.handoffId}`);
    case 'edit':
    case 'retire':
      return fits(`${PREFIX}:${action.kind}:${action.answerId}`);
  }
}

/** Parses a custom_id made by {@link encodeAction}; undefined for anything else (another app's, or stale). */
export function decodeAction(customId: string): AnswerAction | undefined {
  const [prefix, kind, first, ...rest] = customId.split(':');
  if (prefix !== PREFIX) return undefined;
  if (kind === 'ask' && first === undefined) return { kind };
  if (first === undefined) return undefined;
  if (kind === 'vote' && (first === 'up' || first === 'down') && rest.length > 0) {
    return { kind: 'vote', helpful: first === 'up', passageId: rest.join(':') };
  }
  if ((kind === 'share' || kind === 'more') && /^\d{1,6}$/.test(first) && rest.length === 0) {
    return { kind, offset: Number(first) };
  }
  if ((kind === 'take' || kind === 'answer') && RECORD_ID.test(first) && rest.length === 0) {
    return { kind, handoffId: first };
  }
  if ((kind === 'edit' || kind === 'retire') && RECORD_ID.test(first) && rest.length === 0) {
    return { kind, answerId: first };
  }
  return undefined;
}

/** The custom_id of a modal, or undefined when it would not fit (a very long passage id). */
export function encodeForm(form: ModalForm): string | undefined {
  switch (form.kind) {
    case 'reason':
      return fits(`${PREFIX}:reason:${form.passageId}`);
    case 'answerForm':
      return fits(`${PREFIX}:answerForm:${form.handoffId}`);
    case 'editForm':
      return fits(`${PREFIX}:editForm:${form.answerId}`);
  }
}

/** Parses a modal custom_id made by {@link encodeForm}; undefined for anything else. */
export function decodeForm(customId: string): ModalForm | undefined {
  const [prefix, kind, ...rest] = customId.split(':');
  const value = rest.join(':');
  if (prefix !== PREFIX || value === '') return undefined;
  if (kind === 'reason') return { kind, passageId: value };
  if ((kind === 'answerForm' || kind === 'editForm') && RECORD_ID.test(value)) {
    return kind === 'answerForm' ? { kind, handoffId: value } : { kind, answerId: value };
  }
  return undefined;
}
