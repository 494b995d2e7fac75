import { indexDocuments } from '../answer/index-documents.js';
import type { KnowledgeDocument } from '../knowledge/types.js';
import { lemmasOf } from '../search/lemmas.js';
import { TermDictionary } from '../search/term-dictionary.js';
import { stemWord } from '../search/text.js';

/** A sentence as stored: where it sits, its content-word count, its stems with their counts. */
export interface SentenceRow {
  passage: number;
  position: number;
  start: number;
  end: number;
  length: number;
  /** A `tsvector` literal of the sentence's stems; each stem's positions count its occurrences. */
  terms: string;
}

/** A quotable paragraph as stored. */
export interface PassageRow {
  position: number;
  readerNumber: number;
  start: number;
  end: number;
  length: number;
  /** The body from `start` to `end`, exactly (what its quotes are cut from). */
  text: string;
  /** Its sentences' offsets in the body, in order (as their rows hold them). */
  sentenceStarts: number[];
  sentenceEnds: number[];
}

/** One source's share of the library's term statistics. */
export interface SourceStatistics {
  /** Per stem: sentences and passages holding it, and 1 when the source's description does. */
  terms: Map<string, { sentences: number; passages: number; described: number }>;
  /** The source's surface words, in order of first occurrence, and each one's stem. */
  words: string[];
  wordStems: string[];
  sentences: number;
  passages: number;
  sentenceLength: number;
  passageLength: number;
}

/** What one source adds to the database: its rows and its share of the statistics. */
export interface SourceRows {
  /** A `tsvector` literal of the distinct stems of the source's sentences. */
  terms: string;
  passages: PassageRow[];
  sentences: SentenceRow[];
  statistics: SourceStatistics;
}

/**
 * The rows of one document, made by the folder engine's own indexing (`indexDocuments` on the
 * document alone), so stems, lengths and counts are exactly what the folder engine computes.
 */
export function sourceRows(document: KnowledgeDocument): SourceRows {
  const { index, passages } = indexDocuments([document], {
    dictionary: new TermDictionary(),
    get: () => undefined,
    set: () => undefined,
  });
  const data = index.toData();
  const stems = data.dictionary.stems;
  const perSentence: Array<Array<[string, number]>> = Array.from({ length: index.sentenceCount }, () => []);
  const terms: SourceStatistics['terms'] = new Map();
  for (let term = 0; term < data.termLimit; term++) {
    const start = data.termStart[term] as number;
    const end = data.termStart[term + 1] as number;
    if (end === start) continue;
    const stem = stems[term] as string;
    for (let at = start; at < end; at++)
      perSentence[data.postingSentences[at] as number]?.push([stem, data.postingCounts[at] as number]);
    terms.set(stem, { sentences: end - start, passages: data.termPassages[term] as number, described: 0 });
  }
  for (const term of data.groupDescribedTerms) {
    const stem = stems[term] as string;
    const known = terms.get(stem);
    if (known) known.described = 1;
    else terms.set(stem, { sentences: 0, passages: 0, described: 1 });
  }
  const passageRows: PassageRow[] = [];
  const sentenceRows: SentenceRow[] = [];
  let sentenceLength = 0;
  let passageLength = 0;
  passages.forEach((passage, position) => {
    const length = data.passageLength[position] as number;
    passageLength += length;
    const first = passage.sentences[0];
    const last = passage.sentences[passage.sentences.length - 1];
    passageRows.push({
      position,
      readerNumber: passage.readerNumber,
      start: first?.start ?? passage.paragraph.start,
      end: last?.end ?? passage.paragraph.end,
      length,
      text: document.body.slice(first?.start ?? passage.paragraph.start, last?.end ?? passage.paragraph.end),
      sentenceStarts: passage.sentences.map((sentence) => sentence.start),
      sentenceEnds: passage.sentences.map((sentence) => sentence.end),
    });
    passage.sentences.forEach((sentence, at) => {
      const id = passage.firstSentence + at;
      const sentenceWords = data.sentenceLength[id] as number;
      sentenceLength += sentenceWords;
      sentenceRows.push({
        passage: position,
        position: at,
        start: sentence.start,
        end: sentence.end,
        length: sentenceWords,
        terms: tsvectorLiteral(perSentence[id] ?? []),
      });
    });
  });
  const words = Array.from(data.groupWords, (word) => data.dictionary.words[word] as string);
  const wordStems = Array.from(data.groupWords, (word) => stems[data.dictionary.termOfWord(word)] as string);
  return {
    terms: [...terms]
      .filter(([, counts]) => counts.sentences > 0)
      .map(([stem]) => quoteLexeme(stem))
      .join(' '),
    passages: passageRows,
    sentences: sentenceRows,
    statistics: {
      terms,
      words,
      wordStems,
      sentences: sentenceRows.length,
      passages: passageRows.length,
      sentenceLength,
      passageLength,
    },
  };
}

/** Lemma keys already worked out (a bulk import meets the same words in every batch). */
const knownLemmaKeys = new Map<string, string[]>();
/** Most words whose lemma keys are remembered (about 100 bytes each). */
const LEMMA_KEYS_REMEMBERED = 200_000;

/** The stems of a word's other lemmas (what `LemmaVariants` files the word under). */
export function lemmaKeys(word: string): string[] {
  const known = knownLemmaKeys.get(word);
  if (known) return known;
  if (knownLemmaKeys.size >= LEMMA_KEYS_REMEMBERED) knownLemmaKeys.clear();
  const keys = lemmaKeysOf(word);
  knownLemmaKeys.set(word, keys);
  return keys;
}

function lemmaKeysOf(word: string): string[] {
  const stem = stemWord(word);
  const keys = new Set<string>();
  for (const lemma of lemmasOf(word)) {
    const key = stemWord(lemma);
    if (key === stem && lemma === word) continue;
    keys.add(key);
  }
  return [...keys];
}

/** `'stem':1,2 'other':1`: positions 1…count, so a stem's position count is its count in the sentence. */
export function tsvectorLiteral(terms: ReadonlyArray<[string, number]>): string {
  return terms
    .map(([stem, count]) => {
      const positions = Array.from({ length: Math.max(1, Math.min(count, 255)) }, (_, at) => at + 1);
      return `${quoteLexeme(stem)}:${positions.join(',')}`;
    })
    .join(' ');
}

/** A lexeme quoted for a `tsvector` or `tsquery` literal (taken as it is, never normalised again). */
export function quoteLexeme(stem: string): string {
  return `'${stem.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
