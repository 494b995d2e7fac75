/** Process wiring pieces: the reloadable engine and the knowledge watcher. */
export { type BuildOptions, type BuiltEngine, buildEngine } from './build-engine.js';
export { KnowledgeHolder, type ReloadResult } from './knowledge-holder.js';
export { RELOAD_SETTLE_MS, watchKnowledge } from './watch-knowledge.js';
