import { englishNlp } from '../english-nlp.js';

/**
 * What kinds of answer a sentence holds, from wink-nlp's English model (MIT; its named-entity
 * recogniser ships inside the npm package `wink-eng-lite-web-model`): a count or amount (cardinal,
 * money, percent, ordinal, duration) and a date or time. The answer model matches them with what
 * a question asks for ("how many…" wants a count, "when…" a date). About 0.05 ms a sentence; the
 * model (4 MB) loads on first use, not at start-up.
 */
export const ENTITY_KIND = Object.freeze({ amount: 1, date: 2 });

const AMOUNT_TYPES = new Set(['CARDINAL', 'MONEY', 'PERCENT', 'ORDINAL', 'DURATION']);
const DATE_TYPES = new Set(['DATE', 'TIME', 'DURATION']);

interface WinkDocument {
  entities(): { out(what: unknown): string[] };
}
interface Wink {
  readDoc(text: string): WinkDocument;
  its: { type: unknown };
}

/** Loads the entity model now (it loads on first use otherwise); false when it is unavailable. */
export function loadEntityModel(): boolean {
  return loadWink() !== null;
}

/**
 * wink-nlp's entity recogniser; without it every sentence holds no known kind: the features are 0,
 * as for a sentence without entities, and answers still come.
 */
function loadWink(): Wink | null {
  return englishNlp<Wink>('ner');
}

/** The ENTITY_KIND bits of what the text holds (0 when none, or when the model is unavailable). */
export function entityKinds(text: string): number {
  const nlp = loadWink();
  if (!nlp) return 0;
  let kinds = 0;
  for (const type of nlp.readDoc(text).entities().out(nlp.its.type)) {
    if (AMOUNT_TYPES.has(type)) kinds |= ENTITY_KIND.amount;
    if (DATE_TYPES.has(type)) kinds |= ENTITY_KIND.date;
  }
  return kinds;
}
