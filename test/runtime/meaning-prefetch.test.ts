import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeHolder } from '../../src/runtime/index.js';
import type { SentenceEncoder } from '../../src/search/sentence-encoder.js';
import { libraryFile, libraryReport, writeLibrary } from '../helpers/library.js';
import { captureLogger } from '../helpers/slack-harness.js';

let root: string;
let dir: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'prefetch-'));
  dir = path.join(root, 'knowledge');
  await writeLibrary(dir, 3);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A fake encoder recording what it was asked to embed ahead of questions. */
function recordingEncoder(): SentenceEncoder & { batches: string[][] } {
  const batches: string[][] = [];
  return {
    batches,
    embed: (texts) => texts.map(() => Float32Array.from([1, 0])),
    prepare() {},
    async prefetch(texts) {
      batches.push([...texts]);
      return texts.length;
    },
    close() {},
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the knowledge holder with the meaning check', () => {
  it('embeds the sources’ sentences in the background after loading, and again after a reload', async () => {
    const encoder = recordingEncoder();
    const log = captureLogger();
    const holder = new KnowledgeHolder(dir, log.logger, { maxExcerpts: 3, meaning: encoder });
    await holder.load();
    await settle();
    expect(encoder.batches).toHaveLength(1);
    const first = encoder.batches[0] ?? [];
    expect(first.length).toBeGreaterThan(0);
    // Each text is one of a source's sentences, after the words of its title that tell it apart.
    const isTitledSentence = (text: string) =>
      holder.engine.documents.some(({ body, meta }) => {
        if (body.includes(text)) return true;
        const at = text.indexOf('. ');
        const titleWords = (meta.title ?? '').split(/\s+/);
        return (
          at > 0 &&
          text
            .slice(0, at)
            .split(' ')
            .every((piece) => titleWords.includes(piece)) &&
          body.includes(text.slice(at + 2))
        );
      });
    for (const text of first) expect(isTitledSentence(text)).toBe(true);
    await writeFile(path.join(dir, libraryFile(7)), libraryReport(7));
    await holder.reload();
    await settle();
    expect(encoder.batches).toHaveLength(2);
    expect((encoder.batches[1] ?? []).length).toBeGreaterThan(first.length);
    expect(log.lines.some((line) => line.msg === 'sentence meaning prepared')).toBe(true);
  });

  it('keeps serving, with a warning, when the background embedding fails', async () => {
    const encoder = recordingEncoder();
    encoder.prefetch = () => Promise.reject(new Error('worker gone'));
    const log = captureLogger();
    const holder = new KnowledgeHolder(dir, log.logger, { maxExcerpts: 3, meaning: encoder });
    await holder.load();
    await settle();
    expect(
      log.lines.some(
        (line) => line.level === 40 && String(line.msg).startsWith('sentence meaning not prepared'),
      ),
    ).toBe(true);
    expect(holder.engine.documents.length).toBe(3);
  });
});
