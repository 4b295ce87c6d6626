/**
 * What a button on an answer does, and the little state it needs. The question itself does not fit in a
 * custom_id (100 characters), so it travels in the rendered message (see embeds.ts) and is read back from
 * the interaction's `message`; only short, bounded values go here.
 */
export type AnswerAction =
  | { kind: 'share'; offset: number }
  | { kind: 'vote'; helpful: boolean; passageId: string }
  | { kind: 'more'; offset: number };

/** Discord's limit on a component's custom_id. */
export const CUSTOM_ID_MAX = 100;

const PREFIX = 'backend';

/**
 * The custom_id for `action`, or undefined when it would exceed CUSTOM_ID_MAX (only a very long passage id
 * can do that; the renderer then leaves that button out rather than send a payload Discord rejects).
 */
export function encodeAction(action: AnswerAction): string | undefined {
  const id =
    action.kind === 'vote'
      ? `${PREFIX}:vote:${action.helpful ? 'up' : 'down'}:${action.passageId}`
      : `${PREFIX}:${action.kind}:${action.offset}`;
  return id.length <= CUSTOM_ID_MAX ? id : undefined;
}

/** Parses a custom_id made by {@link encodeAction}; undefined for anything else (another app's, or stale). */
export function decodeAction(customId: string): AnswerAction | undefined {
  const [prefix, kind, first, ...rest] = customId.split(':');
  if (prefix !== PREFIX || first === undefined) return undefined;
  if (kind === 'vote' && (first === 'up' || first === 'down') && rest.length > 0) {
    return { kind: 'vote', helpful: first === 'up', passageId: rest.join(':') };
  }
  if ((kind === 'share' || kind === 'more') && /^\d{1,6}$/.test(first) && rest.length === 0) {
    return { kind, offset: Number(first) };
  }
  return undefined;
}
