import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, type Engine, type EngineOptions } from '../../src/answer/index.js';
import { loadKnowledge } from '../../src/knowledge/index.js';

/** The repository's knowledge folder (the five seed articles). */
export const SEED_KNOWLEDGE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'knowledge',
);

const cache = new Map<string, Promise<Engine>>();

/** An engine over the seed knowledge base, built once per options per test file. */
export function seedEngine(options: Partial<EngineOptions> = {}): Promise<Engine> {
  const key = JSON.stringify(options);
  let engine = cache.get(key);
  if (!engine) {
    engine = loadKnowledge(SEED_KNOWLEDGE_DIR).then(({ documents, problems }) => {
      if (problems.length > 0) throw new Error(`seed knowledge has problems: ${JSON.stringify(problems)}`);
      return createEngine(documents, options);
    });
    cache.set(key, engine);
  }
  return engine;
}
