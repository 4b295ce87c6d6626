import type { CorpusDocument, Passage } from '../corpus/types.js';
import type { MentorAnswer } from './types.js';

/** Mentor answers live under this prefix of document ids and of the docs pages: `/docs/mentor-answers/<id>`. */
export const MENTOR_ANSWER_DOC_PREFIX = 'mentor-answers/';

/** The document id of a mentor answer; passage ids follow as `<docId>#<position>` like any other. */
export const mentorAnswerDocId = (id: string) => `${MENTOR_ANSWER_DOC_PREFIX}${id}`;

/** "Answer by Ana Lima, 2026-11-28": the title every platform shows in the citation. */
export function mentorAnswerTitle(answer: Pick<MentorAnswer, 'mentor' | 'date'>): string {
  return `Answer by ${answer.mentor.name}, ${answer.date.slice(0, 10)}`;
}

const foldSpace = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * A live mentor answer as a synthetic corpus document: its question is the one heading (ranked like a corpus
 * heading), each paragraph of the answer a passage quoted verbatim (whitespace folded, as corpus passages are).
 */
export function mentorAnswerDocument(answer: MentorAnswer): { document: CorpusDocument; passages: Passage[] } {
  const id = mentorAnswerDocId(answer.id);
  const question = foldSpace(answer.question);
  // No anchor: the citation links to the answer's own page, `/docs/mentor-answers/<id>`.
  const sectionSlug = '';
  const document: CorpusDocument = {
    id,
    file: `${id}.md`,
    meta: {
      // The title names the mentor and the date already; an author too would say the name twice.
      title: mentorAnswerTitle(answer),
      source: `mentor answer ${answer.id}`,
    },
    sections: [{ slug: sectionSlug, path: [question], depth: 2 }],
    body: `## ${question}\n\n${answer.text}`,
  };
  const paragraphs = answer.text
    .split(/\n\s*\n/)
    .map(foldSpace)
    .filter((p) => p !== '');
  const passages = paragraphs.map((text, position) => ({
    id: `${id}#${position}`,
    docId: id,
    sectionSlug,
    sectionPath: [question],
    text,
    position,
  }));
  return { document, passages };
}
