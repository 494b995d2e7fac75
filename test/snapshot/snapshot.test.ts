import { mkdtemp, readFile, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/answer/index.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { type BuiltEngine, buildEngine } from '../../src/runtime/build-engine.js';
import { SnapshotStore } from '../../src/snapshot/index.js';
import { answersOf, indexView, libraryFile, libraryReport, writeLibrary } from '../helpers/library.js';

interface Logged {
  level: 'info' | 'warn';
  message: string;
  fields: Record<string, unknown>;
}

const REPORTS = 10;
const SETTINGS = { tokenizer: 'default' };

let root: string;
let dir: string;
let file: string;
let logged: Logged[];
const logger = {
  info: (fields: object, message: string) => logged.push({ level: 'info', message, fields: { ...fields } }),
  warn: (fields: object, message: string) => logged.push({ level: 'warn', message, fields: { ...fields } }),
};

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'snapshot-'));
  dir = path.join(root, 'knowledge');
  file = path.join(root, 'cache', 'knowledge.snapshot');
  await writeLibrary(dir, REPORTS);
  logged = [];
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Builds with a snapshot store and saves the result when it differs from the snapshot. */
async function start(store = new SnapshotStore(file, SETTINGS, logger)): Promise<BuiltEngine> {
  const built = await buildEngine(dir, {}, { snapshot: store, logger });
  if (!built.matchesSnapshot)
    expect(await store.write(built.engine.index, built.engine.documents, built.stamps)).toBe(true);
  return built;
}

/** What a build from scratch, without any snapshot, answers. */
async function fullBuild() {
  const { documents } = await loadKnowledge(dir);
  return createEngine(documents);
}

describe('index snapshot', () => {
  it('is written after a build, and the next start takes every document from it', async () => {
    const first = await start();
    expect(first).toMatchObject({ matchesSnapshot: false, indexed: REPORTS, reused: 0 });
    expect(logged.map((line) => line.message)).toContain('no index snapshot yet; building the index');

    const second = await start();
    expect(second).toMatchObject({ matchesSnapshot: true, indexed: 0, reused: REPORTS });
    expect(answersOf(second.engine)).toEqual(answersOf(first.engine));
    expect(indexView(second.engine.index)).toEqual(indexView(first.engine.index));
    expect(second.engine.documents).toEqual(first.engine.documents);
  });

  it('re-indexes only a file whose content changed, and answers as a full build', async () => {
    await start();
    await writeFile(path.join(dir, libraryFile(4)), libraryReport(4, 2));
    const restarted = await start();
    expect(restarted).toMatchObject({ matchesSnapshot: false, indexed: 1, reused: REPORTS - 1 });
    const full = await fullBuild();
    expect(answersOf(restarted.engine)).toEqual(answersOf(full));
    expect(indexView(restarted.engine.index)).toEqual(indexView(full.index));
  });

  it('takes added and removed files into account', async () => {
    await start();
    await unlink(path.join(dir, libraryFile(2)));
    await writeFile(path.join(dir, libraryFile(40)), libraryReport(40));
    const restarted = await start();
    expect(restarted).toMatchObject({ indexed: 1, reused: REPORTS - 1 });
    expect(answersOf(restarted.engine)).toEqual(answersOf(await fullBuild()));
    expect((await start()).matchesSnapshot).toBe(true);
  });

  it('is not used when the settings differ', async () => {
    await start();
    const other = await start(new SnapshotStore(file, { tokenizer: 'other' }, logger));
    expect(other).toMatchObject({ indexed: REPORTS, reused: 0 });
    expect(logged).toContainEqual({
      level: 'info',
      message: 'index snapshot is stale; rebuilding',
      fields: { snapshot: file, reason: 'settings changed' },
    });
  });

  it('is not used when it was written by another engine version', async () => {
    await start(new SnapshotStore(file, SETTINGS, logger, 'older-engine'));
    const current = await start();
    expect(current).toMatchObject({ indexed: REPORTS, reused: 0 });
    expect(
      logged.find((line) => line.message === 'index snapshot is stale; rebuilding')?.fields.reason,
    ).toMatch(/engine version older-engine/);
  });

  it('is detected as corrupt when truncated, logged, never served, and rebuilt', async () => {
    const first = await start();
    const size = (await readFile(file)).length;
    await truncate(file, Math.floor(size / 2));
    const rebuilt = await start();
    expect(rebuilt).toMatchObject({ indexed: REPORTS, reused: 0 });
    expect(logged).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'index snapshot is corrupt; rebuilding' }),
    );
    expect(answersOf(rebuilt.engine)).toEqual(answersOf(first.engine));
    expect((await start()).matchesSnapshot).toBe(true);
  });

  it('is detected as corrupt when a byte of it changed', async () => {
    await start();
    const bytes = await readFile(file);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] as number) ^ 0xff;
    await writeFile(file, bytes);
    expect(await new SnapshotStore(file, SETTINGS, logger).read()).toBeUndefined();
    expect(logged.at(-1)).toMatchObject({ level: 'warn', fields: { reason: 'snapshot fails its checksum' } });
  });

  it('is detected as corrupt when it is not a snapshot at all', async () => {
    await start();
    await writeFile(file, 'hello');
    expect(await new SnapshotStore(file, SETTINGS, logger).read()).toBeUndefined();
    expect(logged.at(-1)).toMatchObject({ level: 'warn', fields: { reason: 'not a snapshot file' } });
  });

  it('logs a snapshot that cannot be written and leaves the engine serving', async () => {
    await writeFile(path.join(root, 'not-a-folder'), '');
    const store = new SnapshotStore(path.join(root, 'not-a-folder', 'x.snapshot'), SETTINGS, logger);
    const built = await buildEngine(dir, {}, { snapshot: store, logger });
    expect(await store.write(built.engine.index, built.engine.documents, built.stamps)).toBe(false);
    expect(logged.at(-1)?.message).toBe('could not save the index snapshot');
    expect(built.engine.answer('What did the tutoring pilot find for reading?').answered).toBe(true);
  });
});
