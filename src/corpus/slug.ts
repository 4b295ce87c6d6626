import GithubSlugger from 'github-slugger';

/**
 * Makes heading anchors the way GitHub does, so a link copied from a rendered README matches ours; repeated
 * headings in one document get -1, -2 suffixes. One slugger per document.
 */
export function createSlugger(): (heading: string) => string {
  const slugger = new GithubSlugger();
  return (heading) => slugger.slug(heading) || 'section';
}

/** A URL-safe document id from a corpus-relative file path: `team/On Call.md` -> `team-on-call`. */
export function documentIdFromPath(file: string): string {
  const withoutExt = file.replace(/\.(md|markdown|txt)$/i, '');
  const id = withoutExt
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id || 'document';
}

/** "on-call_handbook" -> "On call handbook": a readable title when a file gives none. */
export function titleFromPath(file: string): string {
  const base = file
    .split('/')
    .pop()!
    .replace(/\.(md|markdown|txt)$/i, '')
    .replace(/[-_]+/g, ' ')
    .trim();
  return base ? base.charAt(0).toUpperCase() + base.slice(1) : file;
}
