/** Metadata a corpus document carries, from its front matter or inferred from its text. */
export interface DocumentMeta {
  title: string;
  author?: string | undefined;
  publisher?: string | undefined;
  /** ISO date (YYYY-MM-DD). */
  date?: string | undefined;
  /** The file the document came from, relative to the corpus folder (or the seed name it was made from). */
  source: string;
  /** Where the original lives on the web, when known. */
  url?: string | undefined;
  /** Front-matter `tags`, for per-channel corpus scopes. */
  tags?: string[] | undefined;
}

/** A heading in a document; its slug is the anchor that citations link to. */
export interface Section {
  /** Unique within the document; stable for the same headings. */
  slug: string;
  /** Heading texts from the top of the document down to this one. */
  path: string[];
  /** 1–6 for Markdown headings; 0 for the implicit section before any heading. */
  depth: number;
}

/** One corpus file, parsed. */
export interface CorpusDocument {
  /** URL-safe id derived from the file name: `/docs/<id>`. */
  id: string;
  /** Path relative to the corpus folder. */
  file: string;
  meta: DocumentMeta;
  sections: Section[];
  /** The Markdown body without front matter, for rendering the document page. */
  body: string;
}

/** A quotable unit of a document: a paragraph, or a list item with its heading as context. */
export interface Passage {
  /** `<docId>#<position>`. */
  id: string;
  docId: string;
  sectionSlug: string;
  sectionPath: string[];
  /** Verbatim source text (Markdown inline syntax stripped, whitespace folded). */
  text: string;
  /** Order within the document, from 0. */
  position: number;
}

/** A file that was skipped, and why; the rest of the corpus still loads. */
export interface CorpusWarning {
  file: string;
  code: 'UNREADABLE' | 'NOT_TEXT' | 'EMPTY' | 'BAD_FRONT_MATTER' | 'NO_PASSAGES' | 'LINK_SKIPPED';
  message: string;
}

/** Everything the index is built from. */
export interface Corpus {
  documents: CorpusDocument[];
  passages: Passage[];
  warnings: CorpusWarning[];
}
