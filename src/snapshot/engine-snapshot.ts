import type { IndexReuse } from '../answer/index-documents.js';
import type {
  DocumentMeta,
  FileStamp,
  KnowledgeDocument,
  Paragraph,
  Sentence,
  SourceFormat,
} from '../knowledge/types.js';
import { type IndexData, SearchIndex } from '../search/search-index.js';
import { TermDictionary } from '../search/term-dictionary.js';
import { type SectionArray, SnapshotCorrupt } from './snapshot-file.js';

/** What a snapshot records of each document besides its paragraphs: enough to rebuild it from its file. */
interface SavedDocument {
  file: string;
  /** SHA-256 of the file's bytes: the document is reused only for a file with exactly these bytes. */
  hash: string;
  meta: DocumentMeta;
  format: SourceFormat;
  pageStarts: number[] | null;
}

/** A snapshot read back: the index, and per group a way to rebuild its document from the file's bytes. */
export interface RestoredState {
  index: SearchIndex;
  /** Saved documents in group order. */
  documents: SavedDocument[];
  /** The document of group `group`, rebuilt from its file's bytes (which must have the saved hash). */
  restore(group: number, bytes: Uint8Array): KnowledgeDocument;
}

const INDEX_ARRAYS = [
  'termStart',
  'postingSentences',
  'postingCounts',
  'termPassages',
  'sentencePassage',
  'passageGroup',
  'passageStart',
  'groupStart',
  'sentenceLength',
  'passageLength',
  'sentenceHasNumber',
  'countedSentences',
  'countedStart',
  'countedTerms',
  'groupWordStart',
  'groupWords',
  'wordGroups',
  'groupDescribedStart',
  'groupDescribedTerms',
] as const satisfies ReadonlyArray<keyof IndexData>;

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The arrays that save an engine's index and documents (see `restoreEngineState`). */
export function engineSections(
  index: SearchIndex,
  documents: readonly KnowledgeDocument[],
  stamps: ReadonlyMap<string, FileStamp>,
): Record<string, SectionArray> {
  const data = index.toData();
  if (documents.length !== index.groupCount) throw new Error('snapshot: one document per group expected');
  const sections: Record<string, SectionArray> = {};
  for (const name of INDEX_ARRAYS) sections[`index.${name}`] = data[name];
  sections['index.limits'] = Int32Array.of(data.termLimit, data.wordLimit);
  sections['dictionary.stems'] = utf8.encode(data.dictionary.stems.slice(0, data.termLimit).join('\n'));
  sections['dictionary.words'] = utf8.encode(data.dictionary.words.slice(0, data.wordLimit).join('\n'));
  sections['dictionary.wordTerms'] = data.dictionary.wordTerms().subarray(0, data.wordLimit);
  const order = dictionaryOrder(data.dictionary, data.termLimit, data.wordLimit);
  sections['dictionary.stemOrder'] = order.stems;
  sections['dictionary.wordOrder'] = order.words;

  const reasons = new Map<string, number>();
  const saved: SavedDocument[] = [];
  const documentParagraphs: number[] = [0];
  const paragraphs = {
    number: [] as number[],
    readerNumber: [] as number[],
    start: [] as number[],
    end: [] as number[],
    reason: [] as number[],
  };
  const paragraphSentences: number[] = [0];
  const sentences = { start: [] as number[], end: [] as number[], boilerplate: [] as number[] };
  for (const document of documents) {
    const stamp = stamps.get(document.file);
    if (!stamp) throw new Error(`snapshot: no content hash for ${document.file}`);
    saved.push({
      file: document.file,
      hash: stamp.hash,
      meta: document.meta,
      format: document.format,
      pageStarts: document.pageStarts,
    });
    for (const paragraph of document.paragraphs) {
      paragraphs.number.push(paragraph.number);
      paragraphs.readerNumber.push(paragraph.readerNumber ?? 0);
      paragraphs.start.push(paragraph.start);
      paragraphs.end.push(paragraph.end);
      let reason = -1;
      if (paragraph.boilerplate !== null) {
        reason = reasons.get(paragraph.boilerplate) ?? reasons.size;
        reasons.set(paragraph.boilerplate, reason);
      }
      paragraphs.reason.push(reason);
      for (const sentence of paragraph.sentences) {
        sentences.start.push(sentence.start);
        sentences.end.push(sentence.end);
        sentences.boilerplate.push(sentence.boilerplate ? 1 : 0);
      }
      paragraphSentences.push(sentences.start.length);
    }
    documentParagraphs.push(paragraphs.number.length);
  }
  const bodyLengths = Int32Array.from(documents, (document) => document.body.length);
  sections['documents.json'] = utf8.encode(
    JSON.stringify({ documents: saved, reasons: [...reasons.keys()] }),
  );
  sections['documents.bodyLength'] = bodyLengths;
  sections['documents.paragraphStart'] = Int32Array.from(documentParagraphs);
  sections['paragraphs.number'] = Int32Array.from(paragraphs.number);
  // 0 for a paragraph without a reader's number (never quoted).
  sections['paragraphs.readerNumber'] = Int32Array.from(paragraphs.readerNumber);
  sections['paragraphs.start'] = Int32Array.from(paragraphs.start);
  sections['paragraphs.end'] = Int32Array.from(paragraphs.end);
  sections['paragraphs.reason'] = Int32Array.from(paragraphs.reason);
  sections['paragraphs.sentenceStart'] = Int32Array.from(paragraphSentences);
  sections['sentences.start'] = Int32Array.from(sentences.start);
  sections['sentences.end'] = Int32Array.from(sentences.end);
  sections['sentences.boilerplate'] = Uint8Array.from(sentences.boilerplate);
  return sections;
}

/** Reads the arrays written by `engineSections`; throws SnapshotCorrupt when they do not fit together. */
export function restoreEngineState(sections: ReadonlyMap<string, SectionArray>): RestoredState {
  const get = <T extends SectionArray>(name: string, type: new (...args: never[]) => T): T => {
    const array = sections.get(name);
    if (!(array instanceof type)) throw new SnapshotCorrupt(`snapshot section ${name} is missing`);
    return array;
  };
  try {
    const [termLimit, wordLimit] = get('index.limits', Int32Array);
    const stems = splitLines(fromUtf8.decode(get('dictionary.stems', Uint8Array)));
    const words = splitLines(fromUtf8.decode(get('dictionary.words', Uint8Array)));
    const dictionary = TermDictionary.restore(
      stems,
      words,
      get('dictionary.wordTerms', Int32Array),
      get('dictionary.stemOrder', Int32Array),
      get('dictionary.wordOrder', Int32Array),
    );
    const data = { dictionary, termLimit, wordLimit } as IndexData;
    for (const name of INDEX_ARRAYS) {
      const array = sections.get(`index.${name}`);
      if (!array) throw new SnapshotCorrupt(`snapshot section index.${name} is missing`);
      (data as unknown as Record<string, SectionArray>)[name] = array;
    }
    const index = SearchIndex.fromData(data);
    const { documents, reasons } = JSON.parse(fromUtf8.decode(get('documents.json', Uint8Array))) as {
      documents: SavedDocument[];
      reasons: string[];
    };
    if (documents.length !== index.groupCount)
      throw new SnapshotCorrupt('snapshot: documents do not match groups');
    const bodyLength = get('documents.bodyLength', Int32Array);
    const documentParagraphs = get('documents.paragraphStart', Int32Array);
    const number = get('paragraphs.number', Int32Array);
    const readerNumber = get('paragraphs.readerNumber', Int32Array);
    const paragraphStart = get('paragraphs.start', Int32Array);
    const paragraphEnd = get('paragraphs.end', Int32Array);
    const reason = get('paragraphs.reason', Int32Array);
    const paragraphSentences = get('paragraphs.sentenceStart', Int32Array);
    const sentenceStart = get('sentences.start', Int32Array);
    const sentenceEnd = get('sentences.end', Int32Array);
    const sentenceBoilerplate = get('sentences.boilerplate', Uint8Array);
    return {
      index,
      documents,
      restore(group, bytes) {
        const saved = documents[group] as SavedDocument;
        const text = fromUtf8.decode(bytes).replace(/^\uFEFF/, '');
        // The body is the end of the file's text, after the front matter.
        const body = text.slice(text.length - (bodyLength[group] as number));
        const paragraphs: Paragraph[] = [];
        for (
          let p = documentParagraphs[group] as number;
          p < (documentParagraphs[group + 1] as number);
          p++
        ) {
          const paragraphSentenceList: Sentence[] = [];
          for (let s = paragraphSentences[p] as number; s < (paragraphSentences[p + 1] as number); s++) {
            paragraphSentenceList.push({
              start: sentenceStart[s] as number,
              end: sentenceEnd[s] as number,
              boilerplate: sentenceBoilerplate[s] === 1,
            });
          }
          const why = reason[p] as number;
          paragraphs.push({
            number: number[p] as number,
            readerNumber: (readerNumber[p] as number) > 0 ? (readerNumber[p] as number) : null,
            start: paragraphStart[p] as number,
            end: paragraphEnd[p] as number,
            sentences: paragraphSentenceList,
            boilerplate: why < 0 ? null : (reasons[why] ?? 'boilerplate'),
          });
        }
        return {
          meta: saved.meta,
          format: saved.format,
          pageStarts: saved.pageStarts,
          file: saved.file,
          body,
          paragraphs,
        };
      },
    };
  } catch (error) {
    if (error instanceof SnapshotCorrupt) throw error;
    throw new SnapshotCorrupt(`snapshot does not fit together: ${(error as Error).message}`);
  }
}

/** What `createEngine` may reuse from a restored snapshot: the groups whose documents were restored. */
export function snapshotReuse(
  state: RestoredState,
  restored: ReadonlyMap<number, KnowledgeDocument>,
): IndexReuse {
  return {
    index: state.index,
    documents: state.documents.map((_, group) => restored.get(group)),
  };
}

/**
 * The dictionary's sorted ids, limited to the stems and words this index saves (a dictionary
 * shared with newer indexes may hold more).
 */
function dictionaryOrder(
  dictionary: TermDictionary,
  termLimit: number,
  wordLimit: number,
): { stems: Int32Array; words: Int32Array } {
  const order = dictionary.sortedIds();
  return {
    stems: order.stems.filter((term) => term < termLimit),
    words: order.words.filter((word) => word < wordLimit),
  };
}

function splitLines(text: string): string[] {
  return text === '' ? [] : text.split('\n');
}
