import { stringify } from 'yaml';
import { documentIdFromPath } from '../corpus/slug.js';
import type { MentorAnswer } from './types.js';

/** Longest file-name stem taken from the question; the answer's id keeps names unique. */
export const EXPORT_NAME_MAX = 60;

/**
 * A mentor answer as a Markdown file ready to be reviewed into the corpus: front matter (title, author, date,
 * question) the corpus loader reads, the question as the heading, the answer verbatim below it. The name is the
 * question's slug plus the answer's id, so exporting again overwrites the same file.
 */
export function mentorAnswerMarkdown(answer: MentorAnswer): { file: string; text: string } {
  const stem = documentIdFromPath(answer.question).slice(0, EXPORT_NAME_MAX).replace(/-+$/, '');
  const frontMatter = stringify({
    title: answer.question,
    author: answer.mentor.name,
    date: answer.date.slice(0, 10),
    question: answer.question,
    source: `mentor answer ${answer.id}`,
  });
  const heading = answer.question.replace(/\s+/g, ' ').trim();
  return {
    file: `${stem || 'answer'}-${answer.id}.md`,
    text: `---\n${frontMatter}---\n\n# ${heading}\n\n${answer.text.trim()}\n`,
  };
}
