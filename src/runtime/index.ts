/** Process wiring pieces: the reloadable engine, the knowledge watcher, per-question logs. */
export { type BuildOptions, type BuiltEngine, buildEngine } from './build-engine.js';
export { KnowledgeHolder, type ReloadResult } from './knowledge-holder.js';
export { loggedAnswerer } from './logged-answerer.js';
export { RELOAD_SETTLE_MS, watchKnowledge } from './watch-knowledge.js';
