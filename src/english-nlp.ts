import { createRequire } from 'node:module';

/**
 * wink-nlp with its English model (MIT; the model ships inside the npm package
 * `wink-eng-lite-web-model`), one instance per pipe ('sbd': sentences, 'ner': entities), loaded
 * on first use, not at start-up. Null when it cannot be loaded: each user says what it does then.
 */
const instances = new Map<string, unknown>();

export function englishNlp<Nlp>(pipe: 'sbd' | 'ner'): Nlp | null {
  if (!instances.has(pipe)) {
    try {
      const require = createRequire(import.meta.url);
      const winkNLP = require('wink-nlp') as (model: unknown, pipe: string[]) => unknown;
      instances.set(pipe, winkNLP(require('wink-eng-lite-web-model'), [pipe]));
    } catch {
      instances.set(pipe, null);
    }
  }
  return instances.get(pipe) as Nlp | null;
}
