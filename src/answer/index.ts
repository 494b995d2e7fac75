/** From ranked sentences to an Answer: verbatim quotes, citations, abstention. */
export { createEngine, ENGINE_DEFAULTS, type Engine, type EngineOptions } from './engine.js';
export { buildQuoteSpan, type QuoteSpan } from './excerpt.js';
export { placeInSource } from './location.js';
export { ANSWER_MESSAGES, EXAMPLE_QUESTIONS } from './messages.js';
export { linkToPassage, normalizeHttpUrl, textDirective } from './passage-link.js';
export type * from './types.js';
