import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cosine,
  createSentenceEncoder,
  MAX_EMBEDDED_CHARS,
  type SentenceEncoder,
} from '../../src/search/sentence-encoder.js';

// The shipped model (data/sentence-encoder), run in its worker thread.
const encoder = createSentenceEncoder() as SentenceEncoder;
afterAll(() => encoder.close());

describe('sentence encoder', () => {
  it('places a paraphrase nearer the question than a sentence sharing its words', () => {
    const [question, paraphrase, sharesWords] = encoder.embed([
      'Who is in charge of the school district?',
      'The superintendent leads the district and its schools.',
      'The district court fined the school bus company.',
    ]) as Float32Array[];
    expect(cosine(question as Float32Array, paraphrase as Float32Array)).toBeGreaterThan(
      cosine(question as Float32Array, sharesWords as Float32Array),
    );
  }, 60_000);

  it('gives unit vectors of 512 numbers, the same whether prepared in a batch or made one at a time', () => {
    const texts = ['Reading scores rose.', 'Teachers found planning took longer.'];
    const single = encoder.embed([texts[0] as string]) as Float32Array[];
    encoder.prepare(texts, 10);
    const prepared = encoder.embed(texts) as Float32Array[];
    expect(prepared).toHaveLength(2);
    expect(prepared[0]).toHaveLength(512);
    expect(cosine(prepared[0] as Float32Array, prepared[0] as Float32Array)).toBeCloseTo(1, 5);
    expect(cosine(single[0] as Float32Array, prepared[0] as Float32Array)).toBeCloseTo(1, 4);
  }, 60_000);

  it('embeds a text longer than its limit from its start, so a run-on sentence cannot stall it', () => {
    const start = 'Reading scores rose in the second year. '.repeat(40).slice(0, MAX_EMBEDDED_CHARS);
    const runOn = `${start}${' and then the teachers planned more lessons'.repeat(2000)}`;
    const [whole, cut] = encoder.embed([runOn, start]) as Float32Array[];
    expect(cosine(whole as Float32Array, cut as Float32Array)).toBeCloseTo(1, 4);
  }, 60_000);

  it('prefetches texts in the background once, giving the vectors a direct call gives', async () => {
    const texts = ['Math scores rose in the first year.', 'The district hired more coaches.'];
    const direct = encoder.embed(texts) as Float32Array[];
    const fresh = createSentenceEncoder() as SentenceEncoder;
    try {
      expect(await fresh.prefetch(texts)).toBe(2);
      expect(await fresh.prefetch([texts[1] as string, texts[0] as string])).toBe(0);
      const kept = fresh.embed(texts) as Float32Array[];
      expect(cosine(kept[0] as Float32Array, direct[0] as Float32Array)).toBeCloseTo(1, 4);
      expect(cosine(kept[1] as Float32Array, direct[1] as Float32Array)).toBeCloseTo(1, 4);
    } finally {
      fresh.close();
    }
  }, 60_000);

  it('answers a question while a prefetch is under way', async () => {
    const sentences = Array.from(
      { length: 8 },
      (_, n) => `Teachers in school ${n} planned lessons together.`,
    );
    const prefetching = encoder.prefetch(sentences);
    const [question] = encoder.embed(['Did teachers plan lessons together?']) as Float32Array[];
    expect(question).toHaveLength(512);
    expect(await prefetching).toBe(8);
  }, 60_000);

  it('ends a prefetch quietly when closed', async () => {
    const warnings: string[] = [];
    const closing = createSentenceEncoder(undefined, (message) => warnings.push(message)) as SentenceEncoder;
    const prefetching = closing.prefetch(Array.from({ length: 40 }, (_, n) => `Sentence number ${n}.`));
    closing.close();
    expect(await prefetching).toBeLessThan(40);
    expect(closing.embed(['after close'])).toBeNull();
    expect(warnings).toEqual([]);
  }, 60_000);

  it('is null, with a warning naming the folder, when the model files are missing', () => {
    const warnings: string[] = [];
    const dir = mkdtempSync(path.join(tmpdir(), 'no-encoder-'));
    expect(createSentenceEncoder(dir, (message) => warnings.push(message))).toBeNull();
    expect(warnings[0]).toContain(dir);
  });

  it('turns itself off with one warning when the model cannot be read', () => {
    const warnings: string[] = [];
    const broken = createSentenceEncoder(path.resolve('test/fixtures/broken-encoder'), (message) =>
      warnings.push(message),
    ) as SentenceEncoder;
    expect(broken.embed(['anything'])).toBeNull();
    expect(broken.embed(['again'])).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/sentence encoder unavailable/);
  }, 60_000);
});

describe('sentence encoder privacy', () => {
  it('keeps onnxruntime from writing a telemetry device id or cache, so nothing is sent', () => {
    const home = mkdtempSync(path.join(tmpdir(), 'encoder-home-'));
    const script = path.join(mkdtempSync(path.join(tmpdir(), 'encoder-run-')), 'embed.mts');
    writeFileSync(
      script,
      `import { createSentenceEncoder } from ${JSON.stringify(path.resolve('src/search/sentence-encoder.ts'))};
const encoder = createSentenceEncoder();
const vectors = encoder?.embed(['Who paid for the research?']);
encoder?.close();
if (!vectors) process.exit(3);
`,
    );
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CACHE_HOME: path.join(home, '.cache') };
    delete env.ORT_DISABLE_TELEMETRY;
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(home, { recursive: true })).toEqual([]);
  }, 60_000);
});
