import type { CorpusDocument } from '../corpus/types.js';
import type { CorpusScope } from './channelSettings.js';

/**
 * Whether a document is inside a channel's corpus scope: under one of its folders (paths relative to the corpus
 * folder) or carrying one of its front-matter tags (compared without case).
 */
export function inScope(document: CorpusDocument, scope: CorpusScope): boolean {
  const file = document.file.replace(/\\/g, '/');
  if (scope.folders.some((folder) => file.startsWith(`${folder}/`))) return true;
  const tags = new Set((document.meta.tags ?? []).map((t) => t.toLowerCase()));
  return scope.tags.some((t) => tags.has(t.toLowerCase()));
}
