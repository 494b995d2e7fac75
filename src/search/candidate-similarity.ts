import { cosine, PREFETCH_LIMIT, type SentenceEncoder } from './sentence-encoder.js';

/** The encoder's cosines for a question's candidate sentences, and what it has at hand. */
export interface CandidateSimilarity {
  /**
   * Cosines of each text (a question, and what is left of it without its story's words) with
   * candidate sentences, by sentence id; null when the encoder is unavailable.
   */
  cosines(texts: readonly string[], sentences: readonly number[]): Map<number, number>[] | null;
  /** True when the sentence's vector is at hand (embedded ahead, or for an earlier question). */
  known(sentence: number): boolean;
}

/**
 * The sentence encoder's cosines between a question and candidate sentences. One call embeds the
 * question texts and every sentence not seen before (sentences embedded ahead by `prefetch` cost
 * nothing); a sentence's vector is kept for later questions.
 */
export function createCandidateSimilarity(
  encoder: SentenceEncoder,
  sentenceText: (sentence: number) => string,
): CandidateSimilarity {
  const vectors = new Map<number, Float32Array>();
  const known = (sentence: number) =>
    vectors.has(sentence) || encoder.isPrepared?.(sentenceText(sentence)) === true;
  const cosines = (texts: readonly string[], sentences: readonly number[]) => {
    const unseen = [...new Set(sentences)].filter((sentence) => !vectors.has(sentence));
    const embedded = encoder.embed([...texts, ...unseen.map(sentenceText)]);
    if (!embedded) return null;
    unseen.forEach((sentence, at) => {
      // As many kept as the encoder embeds ahead (2 KB each).
      if (vectors.size >= PREFETCH_LIMIT) vectors.clear();
      vectors.set(sentence, embedded[texts.length + at] as Float32Array);
    });
    return texts.map(
      (_, at) =>
        new Map(
          sentences.map((sentence) => [
            sentence,
            cosine(embedded[at] as Float32Array, vectors.get(sentence) as Float32Array),
          ]),
        ),
    );
  };
  return { cosines, known };
}
