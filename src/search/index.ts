/** The inverted index and ranking: BM25 over stemmed terms, synonyms, fuse.js spelling correction. */
export { FUZZY_DEFAULTS, FuzzyVocabulary } from './fuzzy.js';
export { type AnalyzedQuery, analyzeQuery, type QueryConcept, type QueryVariant } from './query.js';
export { RANK_DEFAULTS, type Ranking, type RankOptions, rankSentences, type SentenceHit } from './rank.js';
export { bm25Idf, type PassageInput, SearchIndex } from './search-index.js';
export { STOP_WORDS } from './stop-words.js';
export { SYNONYM_GROUPS, type SynonymGroup } from './synonyms.js';
export { contentTokens, foldText, stemWord, words } from './text.js';
