import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSentencePiece } from '../../src/search/sentence-piece.cjs';

const require = createRequire(import.meta.url);
// The tokenizer the encoder was fitted with, as TensorFlow.js's Universal Sentence Encoder ran it.
const { EmbeddingsModel } = require('@energetic-ai/embeddings') as {
  EmbeddingsModel: new (data: {
    model: null;
    vocabulary: unknown;
  }) => { tokenizer: { encode(text: string): number[] } };
};
const vocabulary = JSON.parse(readFileSync(path.resolve('data/sentence-encoder/vocab.json'), 'utf8'));
const pieces = createSentencePiece(vocabulary);
const original = new EmbeddingsModel({ model: null, vocabulary }).tokenizer;

describe("the sentence encoder's tokenizer", () => {
  it('gives the pieces the original gives for every line of the seed articles', () => {
    const dir = path.resolve('test/fixtures/seed-knowledge');
    const lines = readdirSync(dir)
      .filter((name) => name.endsWith('.md'))
      .flatMap((name) => readFileSync(path.join(dir, name), 'utf8').split('\n'));
    expect(lines.length).toBeGreaterThan(100);
    for (const line of lines) expect(pieces(line)).toEqual(original.encode(line));
  });

  it('gives the same pieces for empty, spaced, non-Latin, emoji and unknown text', () => {
    for (const text of [
      '',
      ' ',
      'x',
      '  two  spaces ',
      '個別化学習の研究',
      'Привет, мир',
      'emoji 😀 𝔘𝔫𝔦',
      'ﬁ №5 ½',
      '\u0000\t\n',
    ])
      expect(pieces(text)).toEqual(original.encode(text));
  });

  it('gives the same pieces for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        expect(pieces(text)).toEqual(original.encode(text));
      }),
      { numRuns: 500 },
    );
  });
});
