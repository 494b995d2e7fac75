import type { KnowledgeDocument } from '../knowledge/types.js';

/**
 * The platform-neutral answer the core returns. Slack and Discord adapters only render it;
 * they never change its quotes.
 */

/** Where a quoted excerpt comes from: a knowledge document's citation fields. */
export interface SourceRef {
  /** Stable document id from front matter (e.g. `the74-rand-2017`). */
  id: string;
  /**
   * Title to show in a citation. Never empty: when a document has no title, this is a
   * readable stand-in ("Untitled article, The Hechinger Report") and `untitled` is true.
   */
  title: string;
  /** True when the document has no title of its own and `title` is a stand-in. */
  untitled: boolean;
  /** Publisher or site name; empty string when unknown. */
  publisher: string;
  /** Author; `null` when the source does not say. */
  author: string | null;
  /** Publication date (ISO `YYYY-MM-DD`); `null` when the source does not say. */
  date: string | null;
  /** Canonical URL; `null` when unknown (never guessed). */
  url: string | null;
}

/** Where in its source document a quote sits. */
export interface ExcerptLocation {
  /**
   * 1-based paragraph number as a reader of the article counts it: the position of the quote's
   * paragraph among the document's quotable paragraphs (`Paragraph.readerNumber`), so headlines
   * of other stories, credits and sign-up lines kept in the stored copy are not counted.
   */
  paragraph: number;
  /**
   * The reader's number of the quote's last paragraph, when the quote runs on over consecutive
   * paragraphs (two passages side by side are quoted as one); absent for a quote within one.
   */
  lastParagraph?: number;
  /** Character offset of the quote's first character in the document body. */
  start: number;
  /** Character offset just past the quote's last character in the document body. */
  end: number;
  /**
   * 1-based page of a paged source (a PDF added with `npm run add`); absent for sources without
   * pages. Citations name it ("p. 12") instead of the paragraph.
   */
  page?: number;
}

/** One verbatim quote with its citation. */
export interface Excerpt {
  /** Exactly `body.slice(location.start, location.end)` of the source; never rewritten. */
  quote: string;
  /**
   * True when the quote starts inside a sentence (a sentence over the length limit was cut):
   * render a leading "…". Quotes that start at a sentence boundary need none.
   */
  cutBefore: boolean;
  /** True when the quote ends inside a sentence: render a trailing "…". */
  cutAfter: boolean;
  source: SourceRef;
  location: ExcerptLocation;
  /**
   * Relevance in [0, 1]: the share of the question found around the quote, scaled by how its
   * ranking score compares with the best excerpt's. Comparable within one answer only.
   */
  score: number;
}

/**
 * - `answered`: excerpts hold the evidence.
 * - `uncertain`: the best passages come close but may not answer it; `excerpts` hold them, marked
 *   as such (`answered` is false).
 * - `not_covered`: the sources do not answer it; `message` says what they do cover.
 * - `needs_question`: empty, stop-words-only or unusable input; `message` holds usage help.
 * - `unavailable`: the knowledge base could not be read (its database is unreachable); `message`
 *   says to try again shortly. Nothing was searched.
 */
export type AnswerStatus = 'answered' | 'uncertain' | 'not_covered' | 'needs_question' | 'unavailable';

export interface Answer {
  /** The question as answered (trimmed; cut to the length limit when it was too long). */
  question: string;
  /** True iff `status === 'answered'` and there is at least one excerpt. */
  answered: boolean;
  status: AnswerStatus;
  /** One human-readable sentence or two: a summary, the abstention reason, or usage help. */
  message: string;
  /** Present when the question was changed before answering (e.g. cut to 1,000 characters). */
  note?: string;
  /** Best first; empty unless answered or uncertain. */
  excerpts: Excerpt[];
  /**
   * When not answered: short descriptions of what the sources do cover, closest first.
   * Adapters may list them under the abstention message.
   */
  suggestions: string[];
}

/** Restrictions on one answer, e.g. from `from:` / `since:` filters or a channel's source set. */
export interface AnswerOptions {
  /**
   * Answer only from the documents with these ids (and suggest only them when not covered).
   * Undefined: every source. An empty set leaves nothing to quote: the answer is "not covered".
   */
  sources?: ReadonlySet<string>;
}

/** Anything that turns a question into an Answer: the engine, or a reloadable holder of it. */
export interface QuestionAnswerer {
  /** Synchronous for the folder engine; a promise where the knowledge is read from a database. */
  answer(question: string, options?: AnswerOptions): Answer | Promise<Answer>;
  /**
   * The documents answers come from, for source filters, the sources list and citations.
   * Absent on answerers that cannot say (those features then find no sources).
   */
  readonly documents?: readonly KnowledgeDocument[];
}
