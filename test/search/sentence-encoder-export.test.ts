import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cosine, createSentenceEncoder, type SentenceEncoder } from '../../src/search/sentence-encoder.js';

// data/sentence-encoder/ holds the model twice: the TensorFlow.js graph that fine_tune.py fits and
// writes, and model.onnx, which scripts/encoder/export_onnx.py writes from it and the bot runs.
const dir = path.resolve('data/sentence-encoder');
const require = createRequire(import.meta.url);
const encoder = createSentenceEncoder(dir) as SentenceEncoder;
afterAll(() => encoder.close());

interface GraphEmbedder {
  embed(texts: string[]): Promise<number[][]>;
}

/** The graph as TensorFlow.js runs it (its WebAssembly backend), the way the bot ran it before. */
async function graphEmbedder(): Promise<GraphEmbedder> {
  const core = require('@energetic-ai/core') as {
    ready(): Promise<void>;
    loadGraphModel(url: string): Promise<unknown>;
  };
  const { EmbeddingsModel } = require('@energetic-ai/embeddings') as {
    EmbeddingsModel: new (data: { model: unknown; vocabulary: unknown }) => GraphEmbedder;
  };
  await core.ready();
  const model = await core.loadGraphModel(`file://${path.join(dir, 'model.json')}`);
  return new EmbeddingsModel({ model, vocabulary: require(path.join(dir, 'vocab.json')) });
}

describe('the ONNX sentence encoder', () => {
  it('gives the vectors of the graph it was exported from, for short, long and non-English texts', async () => {
    const texts = [
      'Who paid for the research?',
      'The study was commissioned by the Bill and Melinda Gates Foundation.',
      'Los profesores dijeron que planificar llevaba más tiempo.',
      '個別化学習の研究はどこが資金を出したのか',
      'x',
      'Students in personalized learning schools made greater gains. '.repeat(20),
    ];
    const expected = await (await graphEmbedder()).embed(texts);
    const actual = encoder.embed(texts) as Float32Array[];
    expected.forEach((vector, at) => {
      expect(cosine(Float32Array.from(vector), actual[at] as Float32Array)).toBeCloseTo(1, 5);
    });
  }, 60_000);
});
