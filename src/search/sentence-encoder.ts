import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { DATA_DIR } from './word-vectors.js';

/**
 * Sentence meaning, offline: Google's Universal Sentence Encoder lite (Apache-2.0; 512-d vectors,
 * two transformer layers over SentencePiece pieces), fitted here to questions, run by onnxruntime
 * (`onnxruntime-node`, its CPU build) from `data/sentence-encoder/model.onnx`, which
 * `scripts/encoder/export_onnx.py` writes from the model's TensorFlow.js graph beside it.
 *
 * onnxruntime runs a model only asynchronously, and the engine answers synchronously, so the
 * model lives in a worker thread: `embed` posts the texts and waits on shared memory
 * (`Atomics.wait`) until the worker has written their vectors. A question and its focus take
 * about 2–3 ms on this project's 2-core machine, a long sentence about 5 ms. The worker starts
 * loading the model as soon as the encoder is made, so a program that makes it at start-up does
 * not make the first question wait.
 */
export interface SentenceEncoder {
  /** Unit-length 512-d vectors of the texts, in order; null when the encoder is unavailable. */
  embed(texts: readonly string[]): Float32Array[] | null;
  /**
   * Embeds texts ahead of use, in batches on one worker per core, and keeps up to `limit`
   * vectors (2 KB each) for later `embed` calls. For evaluations.
   */
  prepare(texts: readonly string[], limit: number): void;
  /**
   * Embeds texts in the background, a few at a time on the worker that answers, and keeps up to
   * PREFETCH_LIMIT vectors for later `embed` calls (texts not asked for again are dropped first),
   * so a question then waits only for its own vector. Resolves with how many it embedded.
   */
  prefetch(texts: readonly string[]): Promise<number>;
  /** True when the text's vector was made ahead (`prepare`, `prefetch`): embedding it costs nothing. Absent: never. */
  isPrepared?(text: string): boolean;
  /** Stops the worker (the encoder answers null afterwards). */
  close(): void;
}

export const SENTENCE_DIMENSIONS = 512;

/** How long a call may wait before the worker first answers (its model loading), and after. */
const FIRST_CALL_TIMEOUT_MS = 60_000;
const CALL_TIMEOUT_MS = 10_000;

const DEFAULT_DIR = path.join(DATA_DIR, 'sentence-encoder');
/** The model file in an encoder's folder, beside its vocabulary (vocab.json). */
const MODEL_FILE = 'model.onnx';
/** Pieces the model reads of a text: the rest are dropped, as the original graph drops them. */
const MAX_PIECES = 128;

// The worker's code, run as a CommonJS script (`eval`), so it is the same under tsx, vitest and
// the compiled dist/ alike. Packages are required by the absolute paths the main thread resolved.
// Texts become SentencePiece pieces (the model's own tokenizer, sentence-piece.cjs),
// at most MAX_PIECES each as the model reads them, padded to the batch's longest, with a mask.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const ort = require(workerData.onnxruntime);
const { createSentencePiece } = require(workerData.sentencePiece);
const errors = workerData.errors;
const loading = (async () => {
  const session = await ort.InferenceSession.create(workerData.model, {
    intraOpNumThreads: workerData.threads,
    interOpNumThreads: 1,
    // Threads that spin between runs would take the core the answering thread needs.
    extra: { session: { intra_op: { allow_spinning: '0' } } },
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  const vocabulary = JSON.parse(readFileSync(workerData.vocabulary, 'utf8'));
  const encode = createSentencePiece(vocabulary);
  const embed = async (texts) => {
    const pieces = texts.map((text) => encode(text).slice(0, ${MAX_PIECES}));
    const length = Math.max(1, ...pieces.map((list) => list.length));
    const ids = new BigInt64Array(texts.length * length);
    const mask = new Float32Array(texts.length * length);
    pieces.forEach((list, row) => list.forEach((id, at) => {
      ids[row * length + at] = BigInt(id);
      mask[row * length + at] = 1;
    }));
    const output = await session.run({
      ids: new ort.Tensor('int64', ids, [texts.length, length]),
      mask: new ort.Tensor('float32', mask, [texts.length, length]),
    });
    return output.vectors.data;
  };
  // The first run costs more than the next ones: pay it now, while the main thread is still
  // loading the knowledge, not on the first question.
  await embed(['warm up']);
  return embed;
})();
loading.catch(() => {});
parentPort.on('message', async ({ texts, signal, result }) => {
  const flag = new Int32Array(signal);
  try {
    const embed = await loading;
    new Float32Array(result).set(await embed(texts));
    Atomics.store(flag, 0, 1);
  } catch (error) {
    errors.postMessage(String((error && error.message) || error));
    Atomics.store(flag, 0, 2);
  }
  Atomics.notify(flag, 0);
});
`;

/** Most texts sent to a worker at once (sorted by length first, so little padding is computed). */
const BATCH = 32;

/**
 * Threads of the worker that answers: the asking thread waits while it runs, so a second core is
 * free. At 100k passages (nothing embedded ahead) the full answer's p95 was 28 ms with two and 45 ms
 * with one; more do not speed up the few short texts of one answer. `prepare`'s extra workers run
 * one thread each, one per spare core.
 */
const ANSWERING_THREADS = Math.max(1, Math.min(2, availableParallelism()));

/** Texts per background batch: a question arriving meanwhile waits for at most this many. */
const PREFETCH_BATCH = 2;

/** Most vectors `prefetch` keeps (2 KB each): a knowledge base of up to this many sentences. */
export const PREFETCH_LIMIT = 16_384;

/**
 * How many vectors evaluations keep when they `prepare` a knowledge base's sentences and their
 * questions (2 KB each: 100 MB at most), so preparing the questions does not drop the sentences.
 */
export const PREPARED_VECTORS_LIMIT = 50_000;

/**
 * Longest text embedded, in characters (a question's limit): a longer one is embedded from its
 * start. The model's cost grows faster than its input: a synthetic 30,000-character run-on
 * "sentence", as PDF extraction can give, took 3 s. One such sentence must not stall answers or
 * time the worker out.
 */
export const MAX_EMBEDDED_CHARS = 1000;

/** One worker thread holding the model, and the port it reports errors on. */
interface ModelWorker {
  worker: Worker;
  errors: MessagePort;
  /** True once the worker has answered: its model is loaded. */
  answered: boolean;
}

/** A batch sent to a worker, not yet read back. */
interface Pending {
  model: ModelWorker;
  texts: readonly string[];
  flag: Int32Array;
  result: SharedArrayBuffer;
}

class WorkerSentenceEncoder implements SentenceEncoder {
  /** The first answers questions; `prepare` adds one more per spare core. */
  private workers: ModelWorker[];
  private readonly prepared = new Map<string, Float32Array>();
  private failure: string | null = null;
  /** Background batches run one after another. */
  private prefetching: Promise<unknown> = Promise.resolve();
  /** Flags of background batches not yet read, woken on close. */
  private readonly waiting = new Set<Int32Array>();

  constructor(
    private readonly dir: string,
    private readonly warn: (message: string) => void,
  ) {
    this.workers = [this.startWorker(ANSWERING_THREADS)];
  }

  isPrepared(text: string): boolean {
    return this.prepared.has(text);
  }

  embed(texts: readonly string[]): Float32Array[] | null {
    if (this.prepared.size === 0) return this.run(texts);
    const missing = texts.filter((text) => !this.prepared.has(text));
    const fresh = missing.length > 0 ? this.run(missing) : [];
    if (!fresh) return null;
    const made = new Map(missing.map((text, at) => [text, fresh[at] as Float32Array]));
    return texts.map((text) => (this.prepared.get(text) ?? made.get(text)) as Float32Array);
  }

  prepare(texts: readonly string[], limit: number): void {
    if (this.failure) return;
    while (this.workers.length < Math.max(1, availableParallelism())) this.workers.push(this.startWorker(1));
    const wanted = [...new Set(texts)]
      .filter((text) => !this.prepared.has(text))
      .sort((a, b) => a.length - b.length);
    const step = BATCH * this.workers.length;
    for (let at = 0; at < wanted.length; at += step) {
      const sent = this.workers.map((model, i) =>
        this.send(model, wanted.slice(at + i * BATCH, at + (i + 1) * BATCH)),
      );
      for (const pending of sent) {
        const vectors = this.receive(pending);
        if (!vectors) return;
        pending.texts.forEach((text, i) => {
          if (this.prepared.size >= limit) this.prepared.clear();
          this.prepared.set(text, vectors[i] as Float32Array);
        });
      }
    }
  }

  prefetch(texts: readonly string[]): Promise<number> {
    const run = this.prefetching.then(() => this.prefetchNow(texts));
    this.prefetching = run.catch(() => 0);
    return run;
  }

  private async prefetchNow(texts: readonly string[]): Promise<number> {
    const keep = new Set(texts);
    if (this.prepared.size + keep.size > PREFETCH_LIMIT)
      for (const text of this.prepared.keys()) if (!keep.has(text)) this.prepared.delete(text);
    const wanted = [...keep]
      .filter((text) => !this.prepared.has(text))
      .slice(0, Math.max(0, PREFETCH_LIMIT - this.prepared.size));
    let made = 0;
    for (let at = 0; at < wanted.length; at += PREFETCH_BATCH) {
      const model = this.workers[0];
      if (!model || this.failure) break;
      const pending = this.send(model, wanted.slice(at, at + PREFETCH_BATCH));
      const timeout = this.timeoutFor(model);
      this.waiting.add(pending.flag);
      // A pending asynchronous wait does not keep the process alive: the worker does, meanwhile.
      model.worker.ref();
      const waited = Atomics.waitAsync(pending.flag, 0, 0, timeout);
      const outcome = waited.async ? await waited.value : waited.value;
      model.worker.unref();
      this.waiting.delete(pending.flag);
      // Closed meanwhile (close() empties the workers): the batch was woken, not answered.
      if (this.workers[0] !== model) break;
      if (outcome === 'timed-out') {
        this.fail(`no answer within ${timeout} ms`);
        break;
      }
      const vectors = this.read(pending);
      if (!vectors) break;
      pending.texts.forEach((text, i) => {
        this.prepared.set(text, vectors[i] as Float32Array);
      });
      made += pending.texts.length;
    }
    return made;
  }

  close(): void {
    for (const flag of this.waiting) {
      Atomics.store(flag, 0, 2);
      Atomics.notify(flag, 0);
    }
    const workers = this.workers;
    this.workers = [];
    for (const { worker, errors } of workers) {
      errors.close();
      void worker.terminate();
    }
  }

  private startWorker(threads: number): ModelWorker {
    // onnxruntime (1.29 and later) sends usage telemetry to Microsoft and keeps a device id on disk
    // unless this is set before it starts: the bot never phones home. Set here, in the main thread,
    // so that it is in the process's environment the worker's native code reads.
    process.env.ORT_DISABLE_TELEMETRY = '1';
    const require = createRequire(import.meta.url);
    const channel = new MessageChannel();
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        onnxruntime: require.resolve('onnxruntime-node'),
        threads,
        sentencePiece: require.resolve('./sentence-piece.cjs'),
        model: path.join(this.dir, MODEL_FILE),
        vocabulary: path.join(this.dir, 'vocab.json'),
        errors: channel.port2,
      },
      transferList: [channel.port2],
    });
    worker.on('error', (error) => this.fail(`worker stopped: ${error.message}`));
    worker.unref();
    channel.port1.unref();
    return { worker, errors: channel.port1, answered: false };
  }

  private run(texts: readonly string[]): Float32Array[] | null {
    const model = this.workers[0];
    if (!model || this.failure) return null;
    if (texts.length === 0) return [];
    return this.receive(this.send(model, texts));
  }

  private send(model: ModelWorker, texts: readonly string[]): Pending {
    const signal = new SharedArrayBuffer(4);
    const result = new SharedArrayBuffer(Math.max(1, texts.length) * SENTENCE_DIMENSIONS * 4);
    const flag = new Int32Array(signal);
    if (texts.length === 0) Atomics.store(flag, 0, 1);
    else
      model.worker.postMessage({
        texts: texts.map((text) =>
          text.length > MAX_EMBEDDED_CHARS ? text.slice(0, MAX_EMBEDDED_CHARS) : text,
        ),
        signal,
        result,
      });
    return { model, texts, flag, result };
  }

  /** Until the worker first answers, a call may wait for the model to load. */
  private timeoutFor(model: ModelWorker): number {
    return model.answered ? CALL_TIMEOUT_MS : FIRST_CALL_TIMEOUT_MS;
  }

  private receive(pending: Pending): Float32Array[] | null {
    const timeout = this.timeoutFor(pending.model);
    if (Atomics.wait(pending.flag, 0, 0, timeout) === 'timed-out') {
      this.fail(`no answer within ${timeout} ms`);
      return null;
    }
    return this.read(pending);
  }

  /** The vectors of a batch the worker has answered. */
  private read({ model, texts, flag, result }: Pending): Float32Array[] | null {
    if (Atomics.load(flag, 0) !== 1) {
      const message = receiveMessageOnPort(model.errors)?.message;
      this.fail(typeof message === 'string' ? message : 'the worker failed');
      return null;
    }
    model.answered = true;
    const all = new Float32Array(result);
    return texts.map((_, at) => unit(all.slice(at * SENTENCE_DIMENSIONS, (at + 1) * SENTENCE_DIMENSIONS)));
  }

  private fail(reason: string): void {
    if (this.failure) return;
    this.failure = reason;
    this.warn(`sentence encoder unavailable (${reason}): answers are checked by word coverage only`);
    this.close();
  }
}

function unit(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
  for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] as number) * scale;
  return vector;
}

/** Cosine of two unit vectors. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] as number) * (b[i] as number);
  return dot;
}

/** An encoder over the model in `dir` (default: the shipped `data/sentence-encoder/`); null when its files are missing. */
export function createSentenceEncoder(
  dir = DEFAULT_DIR,
  warn: (message: string) => void = (message) => process.emitWarning(message),
): SentenceEncoder | null {
  if (!existsSync(path.join(dir, MODEL_FILE)) || !existsSync(path.join(dir, 'vocab.json'))) {
    warn(
      `sentence encoder unavailable (no ${MODEL_FILE} and vocab.json in ${dir}): answers are checked by word coverage only; write the model with scripts/encoder/export_onnx.py`,
    );
    return null;
  }
  return new WorkerSentenceEncoder(dir, warn);
}

let shared: SentenceEncoder | null | undefined;

/** The shipped encoder, made once per process (its worker starts loading the model at once). */
export function defaultSentenceEncoder(): SentenceEncoder | null {
  if (shared === undefined) shared = createSentenceEncoder();
  return shared;
}

/** Four texts of the longest embedded (MAX_EMBEDDED_CHARS), a question and the few new candidate sentences the answer model sends at once. */
const WARM_UP_TEXTS = [0, 1, 2, 3].map((at) =>
  `${at === 0 ? 'What did the study find about' : 'The study found that'} students, teachers and schools`
    .repeat(40)
    .slice(0, MAX_EMBEDDED_CHARS),
);

/**
 * Loads the model and runs it once on inputs as large as answers send, so the worker's memory is
 * at its working size before the first question (true when the encoder answered).
 */
export function warmUpSentenceEncoder(encoder: SentenceEncoder): boolean {
  return encoder.embed(WARM_UP_TEXTS) !== null;
}
