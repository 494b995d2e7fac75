import { type AnswerModel, CANDIDATE_FEATURES, CONFIDENCE_FEATURES } from '../../src/search/answer-model.js';
import type { SentenceEncoder } from '../../src/search/sentence-encoder.js';

/** A sentence encoder whose vector for each text is the one `vectorOf` gives. */
export function fakeEncoder(vectorOf: (text: string) => readonly number[]): SentenceEncoder {
  return {
    embed: (texts) => texts.map((text) => Float32Array.from(vectorOf(text))),
    prepare() {},
    prefetch: async () => 0,
    close() {},
  };
}

/**
 * An answer model ordering the candidates by one feature alone (none: the first stage's order
 * stands), its confidence the logistic of `bias` whatever the candidates.
 */
export function answerModelWith(settings: {
  orderBy?: (typeof CANDIDATE_FEATURES)[number];
  bias: number;
  sure: number;
  close: number;
}): AnswerModel {
  return {
    candidates: 10,
    deeper: 0,
    depth: 50,
    rank: CANDIDATE_FEATURES.map((name) => (name === settings.orderBy ? 10 : 0)),
    confidence: CONFIDENCE_FEATURES.map(() => 0),
    bias: settings.bias,
    sure: settings.sure,
    close: settings.close,
    focusShare: 0.5,
    titleShare: null,
  };
}
