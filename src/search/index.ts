/**
 * The inverted index and ranking: BM25 over stemmed terms as the first stage, spelling correction
 * against the sources and general English (fuse.js), lemma variants and word neighbours; then the
 * answer model (answer-model.ts) orders the best sentences again and says how sure it is.
 */

export { FUZZY_DEFAULTS, FuzzyVocabulary } from './fuzzy.js';
export { type AnalyzedQuery, analyzeQuery, type QueryConcept, type QueryVariant } from './query.js';
export { analyzeQueryWithRules } from './query-rules.js';
export { RANK_DEFAULTS, type Ranking, type RankOptions, rankSentences, type SentenceHit } from './rank.js';
export { bm25Idf, type PassageInput, SearchIndex } from './search-index.js';
export { GeneralSpeller, generalSpeller } from './speller.js';
export { STOP_WORDS } from './stop-words.js';
export { contentTokens, foldText, stemWord, words } from './text.js';
export { defaultWordVectors, WordVectors } from './word-vectors.js';
