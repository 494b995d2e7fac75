import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, type Engine, type EngineOptions } from '../../src/answer/index.js';
import { loadKnowledge } from '../../src/knowledge/index.js';

/**
 * A frozen copy of the five seed articles (test/fixtures/seed-knowledge), so tests do not depend
 * on what the real knowledge/ folder holds: a user may add or remove sources there and keep a
 * green `npm test`. Copy a folder of it before changing anything in a test.
 */
export const SEED_KNOWLEDGE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'fixtures',
  'seed-knowledge',
);

const cache = new Map<string, Promise<Engine>>();

/** An engine over the seed articles' fixture copy, built once per options per test file. */
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
