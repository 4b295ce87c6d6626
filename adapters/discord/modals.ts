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
/** Longest description under a label. */
export const LABEL_DESCRIPTION_MAX = 100;
/** Most a text input holds, and the longest value it can be pre-filled with. */
export const TEXT_INPUT_MAX = 4000;

/** custom_ids of the inputs inside the modals, read back from the submit. */
export const INPUT_IDS = { reasonText: 'reason_text', answerText: 'answer_text' } as const;

/**
 * Not helpful, "Other": the reader's own words, optional, at most `noteMax` characters (the core's limit). Undefined
 * when its custom_id cannot hold the passage id; the vote then stands with its reason alone.
 */
export function reasonModal(passageId: string, noteMax: number): APIModalInteractionResponseCallbackData | undefined {
  const customId = encodeForm({ kind: 'reason', passageId });
  if (customId === undefined) return undefined;
  const note: APILabelComponent = {
    type: ComponentType.Label,
    label: 'What was wrong with it?',
    description: 'What were you looking for? The people who keep the docs read this.',
    component: {
      type: ComponentType.TextInput,
      custom_id: INPUT_IDS.reasonText,
      style: TextInputStyle.Paragraph,
      required: false,
      max_length: Math.min(noteMax, TEXT_INPUT_MAX),
    },
  };
  return { custom_id: customId, title: 'Not helpful: tell us more', components: [note] };
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
