import type { KnowledgeDocument, Paragraph, Sentence } from '../knowledge/types.js';
import { type GroupPart, indexGroup } from '../search/group-part.js';
import { type GroupSource, SearchIndex } from '../search/search-index.js';
import { TermDictionary } from '../search/term-dictionary.js';
import { quotableSentences } from './excerpt.js';

/**
 * An indexed paragraph: its document, its number as a reader counts it (what citations give),
 * its quotable sentences and the id of the first one.
 */
export interface IndexedPassage {
  document: KnowledgeDocument;
  paragraph: Paragraph;
  readerNumber: number;
  sentences: Sentence[];
  firstSentence: number;
}

/**
 * An index whose groups may be reused, and the document each of its groups was built from
 * (undefined for a group that must not be reused). A previous engine is one; so is a snapshot.
 */
export interface IndexReuse {
  index: SearchIndex;
  documents: ReadonlyArray<KnowledgeDocument | undefined>;
}

/**
 * Documents' index parts kept between indexings, made with one dictionary: the PostgreSQL store
 * indexes the sources each question touches, and a source touched again is not read again.
 */
export interface GroupPartCache {
  dictionary: TermDictionary;
  get(document: KnowledgeDocument): GroupPart | undefined;
  set(document: KnowledgeDocument, part: GroupPart): void;
}

/**
 * Indexes the documents' article paragraphs (never boilerplate), one group per document, with
 * the title, publisher, author and year as the group's description. A document that is the very
 * object a group of `reuse` was built from keeps that group's postings without being re-read,
 * so an update costs the changed documents plus copying; the index is the same as a full build's.
 */
export function indexDocuments(
  documents: readonly KnowledgeDocument[],
  reuse?: IndexReuse | GroupPartCache,
): { index: SearchIndex; passages: IndexedPassage[]; reusedGroups: number } {
  if (reuse && !('index' in reuse)) return indexWithParts(documents, reuse);
  const previousGroup = new Map<KnowledgeDocument, number>();
  reuse?.documents.forEach((document, group) => {
    if (document) previousGroup.set(document, group);
  });
  // Reused groups must keep their order; a document moved before another one is re-indexed.
  let lastReused = -1;
  const reused = documents.map((document) => {
    const group = previousGroup.get(document);
    if (group === undefined || group <= lastReused) return undefined;
    lastReused = group;
    return group;
  });
  const reusedGroups = reused.filter((group) => group !== undefined).length;
  // A full build starts a fresh dictionary, leaving behind words that left the corpus.
  const dictionary = reuse && reusedGroups > 0 ? reuse.index.dictionary : new TermDictionary();
  const passages: IndexedPassage[] = [];
  const sources: GroupSource[] = documents.map((document, at) => {
    const first = passages.length;
    // The quotable paragraphs are exactly those with a reader's number (numberForReaders).
    addPassages(document, passages);
    const group = reused[at];
    if (group !== undefined) return { previousGroup: group };
    const texts = passages
      .slice(first)
      .map(({ sentences }) => sentences.map((sentence) => document.body.slice(sentence.start, sentence.end)));
    return indexGroup(dictionary, texts, describe(document));
  });
  const index = SearchIndex.assemble(dictionary, sources, reusedGroups > 0 ? reuse?.index : undefined);
  return { index, passages, reusedGroups };
}

/** As indexDocuments, taking each document's part from `parts` when it has one (and keeping new ones there). */
function indexWithParts(
  documents: readonly KnowledgeDocument[],
  parts: GroupPartCache,
): { index: SearchIndex; passages: IndexedPassage[]; reusedGroups: number } {
  const passages: IndexedPassage[] = [];
  let reusedGroups = 0;
  const sources = documents.map((document) => {
    const first = passages.length;
    addPassages(document, passages);
    const known = parts.get(document);
    if (known) {
      reusedGroups++;
      return known;
    }
    const texts = passages
      .slice(first)
      .map(({ sentences }) => sentences.map((sentence) => document.body.slice(sentence.start, sentence.end)));
    const part = indexGroup(parts.dictionary, texts, describe(document));
    parts.set(document, part);
    return part;
  });
  return { index: SearchIndex.assemble(parts.dictionary, sources), passages, reusedGroups };
}

/**
 * One document's index part, as `indexDocuments` makes it: its quotable paragraphs' sentences
 * and its description (the PostgreSQL store builds parts of the paragraphs it read).
 */
export function indexDocumentPart(document: KnowledgeDocument, dictionary: TermDictionary): GroupPart {
  const passages: IndexedPassage[] = [];
  addPassages(document, passages);
  const texts = passages.map(({ sentences }) =>
    sentences.map((sentence) => document.body.slice(sentence.start, sentence.end)),
  );
  return indexGroup(dictionary, texts, describe(document));
}

/** Appends the document's quotable paragraphs (those with a reader's number) to `passages`. */
function addPassages(document: KnowledgeDocument, passages: IndexedPassage[]): void {
  let sentenceCount = passages.length === 0 ? 0 : endOf(passages[passages.length - 1] as IndexedPassage);
  for (const paragraph of document.paragraphs) {
    const { readerNumber } = paragraph;
    if (readerNumber === null) continue;
    const sentences = quotableSentences(paragraph);
    if (sentences.length === 0) continue;
    passages.push({ document, paragraph, readerNumber, sentences, firstSentence: sentenceCount });
    sentenceCount += sentences.length;
  }
}

function endOf(passage: IndexedPassage): number {
  return passage.firstSentence + passage.sentences.length;
}

/** The words that describe a document as a whole: title, publisher, author, year. */
function describe({ meta }: KnowledgeDocument): string {
  return [meta.title, meta.publisher, meta.author, meta.date?.slice(0, 4)].join(' ');
}
