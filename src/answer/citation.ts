import type { CorpusDocument, Passage } from '../corpus/types.js';
import type { Citation } from './types.js';

/** The page that shows a passage in context: `/docs/<doc>#<section>`, on the public origin. */
export function passageLink(publicUrl: string, docId: string, sectionSlug: string): string {
  // Segment by segment: a mentor answer's id (`mentor-answers/<id>`) is a path; corpus ids have no slash.
  const path = docId.split('/').map(encodeURIComponent).join('/');
  const base = `${publicUrl.replace(/\/+$/, '')}/docs/${path}`;
  return sectionSlug ? `${base}#${encodeURIComponent(sectionSlug)}` : base;
}

/** Everything a reader needs to find a passage again: document, section, who wrote it, when, and a link. */
export function citePassage(passage: Passage, document: CorpusDocument, publicUrl: string): Citation {
  const { meta } = document;
  return {
    docId: document.id,
    title: meta.title,
    section: passage.sectionPath.at(-1) ?? '',
    sectionPath: passage.sectionPath,
    sectionSlug: passage.sectionSlug,
    ...(meta.author ? { author: meta.author } : {}),
    ...(meta.publisher ? { publisher: meta.publisher } : {}),
    ...(meta.date ? { date: meta.date } : {}),
    source: meta.source,
    link: passageLink(publicUrl, document.id, passage.sectionSlug),
    ...(meta.url ? { url: meta.url } : {}),
  };
}
