/**
 * Builds data/word-neighbours.bin from data/word-vectors.bin: for each of the commonest English
 * words, the words closest to it in meaning (cosine of the shipped GloVe vectors), so that a
 * question word finds the sources' other words for it ("obstacles" → challenges) with one table
 * lookup instead of a scan of every word at question time. Stop words and words sharing the
 * word's Porter stem are left out (they match already).
 *
 *   npx tsx scripts/build-word-neighbours.ts [words=30000] [targets=50000] [neighbours=16] [least=0.5]
 *
 * Format (little-endian): "RBN1", uint32 word count, uint32 neighbours per word, uint32 number of
 * words in the list, uint32 byte length of the list, the list (the commonest words joined by "\n",
 * frequency order: the table's words come first, then the other neighbours), then per table word
 * that many uint16 list indexes of neighbouring words, closest first (65535: none), then as many
 * uint8 similarities (cosine × 250). Takes about two minutes on two cores.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStopWord, stemWord } from '../src/search/text.js';
import { DATA_DIR, WordVectors } from '../src/search/word-vectors.js';

interface Job {
  from: number;
  to: number;
  targets: number;
  neighbours: number;
  least: number;
}

const NONE = 0xffff;

function unitVectors(vectors: WordVectors, count: number): Float32Array {
  const out = new Float32Array(count * vectors.dimensions);
  const raw = vectors.components;
  for (let word = 0; word < count; word++) {
    let sum = 0;
    for (let d = 0; d < vectors.dimensions; d++) sum += (raw[word * vectors.dimensions + d] as number) ** 2;
    const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
    for (let d = 0; d < vectors.dimensions; d++)
      out[word * vectors.dimensions + d] = (raw[word * vectors.dimensions + d] as number) * scale;
  }
  return out;
}

/**
 * Each word's closest words among the first `targets`, for words [from, to). Blocks of words
 * are compared with blocks of targets small enough to stay in the processor's cache.
 */
function neighboursOf(vectors: WordVectors, job: Job): { ranks: Uint16Array; similarities: Uint8Array } {
  const { from, to, targets, neighbours: k, least } = job;
  const dims = vectors.dimensions;
  const unit = unitVectors(vectors, Math.max(to, targets));
  const words = vectors.vocabulary();
  const usable = new Uint8Array(targets);
  const stems: string[] = [];
  for (let t = 0; t < targets; t++) {
    const word = words[t] as string;
    stems.push(stemWord(word));
    usable[t] = isStopWord(word) ? 0 : 1;
  }
  const count = to - from;
  const bestRank = new Int32Array(count * k).fill(-1);
  const bestSim = new Float32Array(count * k).fill(least);
  const ownStems = Array.from({ length: count }, (_, i) => stemWord(words[from + i] as string));
  const QUERY_BLOCK = 32;
  const TARGET_BLOCK = 1024;
  for (let q0 = from; q0 < to; q0 += QUERY_BLOCK) {
    const q1 = Math.min(to, q0 + QUERY_BLOCK);
    for (let t0 = 0; t0 < targets; t0 += TARGET_BLOCK) {
      const t1 = Math.min(targets, t0 + TARGET_BLOCK);
      for (let q = q0; q < q1; q++) {
        const slot = (q - from) * k;
        const base = q * dims;
        let floor = bestSim[slot + k - 1] as number;
        const query = unit.subarray(base, base + dims);
        for (let t = t0; t < t1; t++) {
          let a = 0;
          let b = 0;
          let c = 0;
          let e = 0;
          let d = 0;
          for (let j = t * dims; d + 3 < dims; d += 4, j += 4) {
            a += (query[d] as number) * (unit[j] as number);
            b += (query[d + 1] as number) * (unit[j + 1] as number);
            c += (query[d + 2] as number) * (unit[j + 2] as number);
            e += (query[d + 3] as number) * (unit[j + 3] as number);
          }
          for (let j = t * dims + d; d < dims; d++, j++) a += (query[d] as number) * (unit[j] as number);
          const dot = a + b + c + e;
          if (dot < floor || t === q || usable[t] === 0 || stems[t] === ownStems[q - from]) continue;
          let at = k - 1;
          while (at > 0 && dot > (bestSim[slot + at - 1] as number)) {
            bestSim[slot + at] = bestSim[slot + at - 1] as number;
            bestRank[slot + at] = bestRank[slot + at - 1] as number;
            at--;
          }
          bestSim[slot + at] = dot;
          bestRank[slot + at] = t;
          floor = bestSim[slot + k - 1] as number;
        }
      }
    }
  }
  const ranks = new Uint16Array(count * k).fill(NONE);
  const similarities = new Uint8Array(count * k);
  for (let i = 0; i < count * k; i++) {
    if ((bestRank[i] as number) < 0) continue;
    ranks[i] = bestRank[i] as number;
    similarities[i] = Math.round((bestSim[i] as number) * 250);
  }
  return { ranks, similarities };
}

function loadVectors(): WordVectors {
  return WordVectors.fromBuffer(readFileSync(path.join(DATA_DIR, 'word-vectors.bin')));
}

if (process.argv[2] === '--part') {
  // One process's share of the words (the main process starts one per core).
  const [from, to, targets, neighbours, least, out] = process.argv.slice(3);
  const job: Job = {
    from: Number(from),
    to: Number(to),
    targets: Number(targets),
    neighbours: Number(neighbours),
    least: Number(least),
  };
  const result = neighboursOf(loadVectors(), job);
  writeFileSync(out as string, Buffer.concat([Buffer.from(result.ranks.buffer), Buffer.from(result.similarities.buffer)]));
} else {
  const count = Number(process.argv[2] ?? 30_000);
  const targets = Math.min(Number(process.argv[3] ?? 50_000), NONE);
  const k = Number(process.argv[4] ?? 16);
  const least = Number(process.argv[5] ?? 0.5);
  const started = Date.now();
  const threads = Math.max(1, availableParallelism());
  const chunk = Math.ceil(count / threads);
  const scratch = mkdtempSync(path.join(tmpdir(), 'word-neighbours-'));
  const parts = await Promise.all(
    Array.from({ length: threads }, async (_, i) => {
      const from = i * chunk;
      const to = Math.min(count, (i + 1) * chunk);
      const out = path.join(scratch, `part-${i}`);
      const args = ['--import', 'tsx', fileURLToPath(import.meta.url), '--part'];
      await new Promise<void>((resolve, reject) =>
        execFile(process.execPath, [...args, ...[from, to, targets, k, least].map(String), out], (error) =>
          error ? reject(error) : resolve(),
        ),
      );
      const bytes = readFileSync(out);
      const words = (to - from) * k;
      return {
        ranks: new Uint16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + words * 2)),
        similarities: new Uint8Array(bytes.buffer.slice(bytes.byteOffset + words * 2, bytes.byteOffset + words * 3)),
      };
    }),
  );
  rmSync(scratch, { recursive: true, force: true });
  const list = Buffer.from(loadVectors().vocabulary().slice(0, Math.max(count, targets)).join('\n'), 'utf8');
  const header = Buffer.alloc(20);
  header.write('RBN1', 0, 'ascii');
  header.writeUInt32LE(count, 4);
  header.writeUInt32LE(k, 8);
  header.writeUInt32LE(Math.max(count, targets), 12);
  header.writeUInt32LE(list.byteLength, 16);
  const ranks = Buffer.concat(parts.map((part) => Buffer.from(part.ranks.buffer)));
  const similarities = Buffer.concat(parts.map((part) => Buffer.from(part.similarities.buffer)));
  const file = path.join(DATA_DIR, 'word-neighbours.bin');
  writeFileSync(file, Buffer.concat([header, list, ranks, similarities]));
  process.stdout.write(
    `wrote ${file}: ${count} words × ${k} neighbours (cosine ≥ ${least}) among the ${targets} commonest, in ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
  );
}
