import {
  ComponentType,
  TextInputStyle,
  type APILabelComponent,
  type APIModalInteractionResponseCallbackData,
} from 'discord-api-types/v10';
import { encodeForm, type ModalForm } from './customIds.js';
import { clip } from './markdown.js';

/** Longest modal title. */
export const MODAL_TITLE_MAX = 45;
/** Longest label above a modal input. */
export const LABEL_MAX = 45;
/** Longest description under a label. */
export const LABEL_DESCRIPTION_MAX = 100;
/** Most a text input holds, and the longest value it can be pre-filled with. */
export const TEXT_INPUT_MAX = 4000;
/** Longest select option label (and value). */
export const SELECT_OPTION_MAX = 100;

/** custom_ids of the inputs inside the modals, read back from the submit. */
export const INPUT_IDS = { reason: 'reason', reasonText: 'reason_text', answerText: 'answer_text' } as const;

/** One choice of the Not helpful form: the core's reason code and what the person reads. */
export interface ReasonChoice {
  value: string;
  label: string;
}

/**
 * The Not helpful form: a required choice of reason and an optional note of at most `noteMax` characters (the
 * core's limit). Undefined when its custom_id cannot hold the passage id; the vote then stands without a reason.
 */
export function reasonModal(
  passageId: string,
  choices: readonly ReasonChoice[],
  noteMax: number,
): APIModalInteractionResponseCallbackData | undefined {
  const customId = encodeForm({ kind: 'reason', passageId });
  if (customId === undefined) return undefined;
  const select: APILabelComponent = {
    type: ComponentType.Label,
    label: 'What was wrong with it?',
    component: {
      type: ComponentType.StringSelect,
      custom_id: INPUT_IDS.reason,
      min_values: 1,
      max_values: 1,
      required: true,
      options: choices.map((c) => ({ value: c.value, label: clip(c.label, SELECT_OPTION_MAX) })),
    },
  };
  const note: APILabelComponent = {
    type: ComponentType.Label,
    label: 'Anything to add? (optional)',
    description: 'What were you looking for? The people who keep the docs read this.',
    component: {
      type: ComponentType.TextInput,
      custom_id: INPUT_IDS.reasonText,
      style: TextInputStyle.Paragraph,
      required: false,
      max_length: Math.min(noteMax, TEXT_INPUT_MAX),
    },
  };
  return { custom_id: customId, title: 'Not helpful: tell us why', components: [select, note] };
}

/**
 * The form a mentor writes an answer in: for a hand-off (the question shown above the box) or to edit a saved answer
 * (the box pre-filled). Undefined when the custom_id would not fit.
 */
export function mentorAnswerModal(
  form: Extract<ModalForm, { kind: 'answerForm' | 'editForm' }>,
  question: string,
  options: { textMax: number; current?: string },
): APIModalInteractionResponseCallbackData | undefined {
  const customId = encodeForm(form);
  if (customId === undefined) return undefined;
  const max = Math.min(options.textMax, TEXT_INPUT_MAX);
  const flat = question.replace(/\s+/g, ' ').trim();
  return {
    custom_id: customId,
    title: form.kind === 'answerForm' ? 'Answer the new hire' : 'Edit your saved answer',
    components: [
      {
        type: ComponentType.Label,
        label: 'Your answer',
        // Descriptions are plain text: no mention or markdown is live there.
        ...(flat ? { description: clip(`Q: ${flat}`, LABEL_DESCRIPTION_MAX) } : {}),
        component: {
          type: ComponentType.TextInput,
          custom_id: INPUT_IDS.answerText,
          style: TextInputStyle.Paragraph,
          required: true,
          min_length: 1,
          max_length: max,
          ...(options.current ? { value: options.current.slice(0, max) } : {}),
        },
      },
    ],
  };
}
