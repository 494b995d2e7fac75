import { stemWord } from './text.js';
import { shippedData } from './word-vectors.js';

/** A word close in meaning to another, and how close (cosine of their word vectors). */
export interface Neighbour {
  word: string;
  similarity: number;
}

const NONE = 0xffff;

/**
 * For each of the commonest English words, the words closest to it in meaning, from
 * `data/word-neighbours.bin` (written by `scripts/build-word-neighbours.ts` from the shipped word
 * vectors): "obstacles" → challenges, barriers, hurdles… A lookup is a table read, so a question
 * word's other words cost nothing at question time however large the sources are.
 */
export class WordNeighbours {
  private readonly indexOf: Map<string, number>;

  constructor(
    /** The words the table names, commonest first; the first `count` have a row. */
    private readonly words: readonly string[],
    readonly count: number,
    readonly perWord: number,
    private readonly neighbours: Uint16Array,
    private readonly similarities: Uint8Array,
  ) {
    this.indexOf = new Map();
    for (let i = 0; i < count; i++) this.indexOf.set(words[i] as string, i);
  }

  /** Reads the file written by `scripts/build-word-neighbours.ts`. */
  static fromBuffer(bytes: Uint8Array): WordNeighbours {
    const magic = new TextDecoder().decode(bytes.subarray(0, 4));
    if (magic !== 'RBN1') throw new Error('not a word-neighbour file (expected RBN1)');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const count = view.getUint32(4, true);
    const perWord = view.getUint32(8, true);
    const listed = view.getUint32(12, true);
    const listLength = view.getUint32(16, true);
    const start = 20 + listLength;
    const cells = count * perWord;
    if (bytes.byteLength < start + cells * 3) throw new Error('word-neighbour file is truncated');
    const words = new TextDecoder().decode(bytes.subarray(20, start)).split('\n');
    if (words.length !== listed || count > listed) throw new Error('word-neighbour file is inconsistent');
    const neighbours = new Uint16Array(cells);
    new Uint8Array(neighbours.buffer).set(bytes.subarray(start, start + cells * 2));
    const similarities = bytes.slice(start + cells * 2, start + cells * 3);
    return new WordNeighbours(words, count, perWord, neighbours, similarities);
  }

  /** The words closest to `word` with a cosine of at least `least`, closest first; none for a word outside the table. */
  of(word: string, least: number): Neighbour[] {
    const row = this.indexOf.get(word);
    if (row === undefined) return [];
    const found: Neighbour[] = [];
    for (let i = row * this.perWord, end = i + this.perWord; i < end; i++) {
      const neighbour = this.neighbours[i] as number;
      const similarity = (this.similarities[i] as number) / 250;
      if (neighbour === NONE || similarity < least) break;
      if (neighbour >= this.words.length) continue; // a damaged row: no such word
      found.push({ word: this.words[neighbour] as string, similarity });
    }
    return found;
  }
}

/**
 * The table shipped in `data/word-neighbours.bin`, read once per process. `null` when it is
 * missing or unreadable: question words then match only themselves, their synonyms and spellings.
 */
export const defaultWordNeighbours = shippedData('word-neighbours.bin', WordNeighbours.fromBuffer, {
  name: 'word neighbours',
  without: 'a question word matches no other word of the same meaning',
  script: 'scripts/build-word-neighbours.ts',
});

/** A stem close in meaning to a question word, and how close (the words' cosine). */
export interface NeighbourStem {
  stem: string;
  similarity: number;
}

/**
 * Stems of the word-neighbour table's words closest in meaning to `word` (cosine ≥ `least`) that
 * `has` (the index, or the library in the database), closest first, at most `limit`; never the
 * word's own stem, each stem once; none for a word outside the table.
 */
export function neighbourStems(
  word: string,
  least: number,
  limit: number,
  has: (stem: string) => boolean,
): NeighbourStem[] {
  const own = stemWord(word);
  const found: NeighbourStem[] = [];
  for (const neighbour of defaultWordNeighbours()?.of(word, least) ?? []) {
    const stem = stemWord(neighbour.word);
    if (stem === own || !has(stem) || found.some((known) => known.stem === stem)) continue;
    found.push({ stem, similarity: neighbour.similarity });
    if (found.length === limit) break;
  }
  return found;
}
