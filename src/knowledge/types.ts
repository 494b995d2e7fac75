/** Citation fields read from a knowledge file's front matter. */
export interface DocumentMeta {
  /** Unique, stable id: lowercase letters, digits and dashes. */
  id: string;
  /** Headline; `null` when the source has none (citations then use a stand-in, see `citationTitle`). */
  title: string | null;
  /** Publisher or site; empty string when unknown. */
  publisher: string;
  author: string | null;
  /** ISO date `YYYY-MM-DD`, or `null` when unknown. */
  date: string | null;
  /** Canonical address, or `null` when unknown. Never guessed. */
  url: string | null;
  /** One line on what the source covers; used in "not covered" answers. Empty when not given. */
  about: string;
  /**
   * Who added the source from the chat and when (front matter `added_by`, `added_at`): the
   * curator as `platform:user id`, and an ISO time. Absent for sources added any other way.
   */
  added?: { by: string; at: string };
}

/**
 * Per-document corrections for what the generic boilerplate rules miss or over-match.
 * Each entry is a 1-based paragraph number in the file (`Paragraph.number`: every paragraph
 * counts, boilerplate included) or a text that the paragraph starts with.
 */
export interface BoilerplateOverride {
  /** Paragraphs to treat as boilerplate even though the rules kept them. */
  drop: Array<number | string>;
  /** Paragraphs to keep as content even though the rules dropped them. */
  keep: Array<number | string>;
}

/** A sentence (or a line of a multi-line paragraph), by offsets into the document body. */
export interface Sentence {
  start: number;
  end: number;
  /** True when the sentence itself is boilerplate (e.g. a sign-up line inside an article paragraph). */
  boilerplate: boolean;
}

/**
 * A paragraph has two numbers. `number` counts every paragraph of the stored body (what
 * boilerplate overrides in front matter and `check-knowledge` refer to); `readerNumber` counts
 * only the article's own paragraphs, the ones a reader of the article sees and the ones the bot
 * may quote, so a citation's "paragraph 6" is the 6th paragraph of the article as read, however
 * many headlines of other stories or sign-up lines the stored copy kept.
 */
export interface Paragraph {
  /** 1-based position among all paragraphs of the body, boilerplate included. */
  number: number;
  /**
   * 1-based position among the quotable paragraphs of the body (not boilerplate, with at least
   * one sentence that is not boilerplate), in order: the number citations give. `null` for a
   * paragraph that is never quoted. A boilerplate sentence inside a quotable paragraph does not
   * change it.
   */
  readerNumber: number | null;
  start: number;
  end: number;
  sentences: Sentence[];
  /** Why the paragraph is boilerplate (never quoted), or `null` for content. */
  boilerplate: string | null;
}

/** A paragraph as segmentBody makes it, before boilerplate is marked and readers' numbers given. */
export type SegmentedParagraph = Omit<Paragraph, 'boilerplate' | 'readerNumber'>;

/**
 * How a body was made, from front matter `format`: `html` and `pdf` bodies were extracted by
 * `npm run add` (page structure already removed, so only the sentence rules apply to them);
 * `null` for text copied by hand, where every boilerplate rule applies.
 */
export type SourceFormat = 'html' | 'pdf' | null;

export interface KnowledgeDocument {
  meta: DocumentMeta;
  format: SourceFormat;
  /**
   * For a paged source (a PDF, or any body with form feeds between its pages): the body offset
   * where each page starts, page 1 first. `null` for a source without pages.
   */
  pageStarts: number[] | null;
  /** File name inside the knowledge folder, for messages. */
  file: string;
  /** The body exactly as stored in the file: every quote is a slice of it. */
  body: string;
  paragraphs: Paragraph[];
}

/** A knowledge file that could not be loaded, and why. The rest still load. */
export interface KnowledgeProblem {
  file: string;
  reason: string;
}

/** What a file was when it was read: its content hash, size and modification time. */
export interface FileStamp {
  /** SHA-256 of the bytes, hex. */
  hash: string;
  size: number;
  mtimeMs: number;
  /**
   * True when the file had not been modified for a while when it was read, so an unchanged
   * size and time later mean unchanged content (see `loadKnowledge`).
   */
  settled: boolean;
}

export interface KnowledgeLoad {
  documents: KnowledgeDocument[];
  problems: KnowledgeProblem[];
  /** Stamp of every file that was read (loaded or not), by file name. */
  stamps: Map<string, FileStamp>;
}
