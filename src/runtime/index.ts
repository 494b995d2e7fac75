/** Process wiring pieces: the reloadable engine, the knowledge watcher, per-question logs. */
export { KnowledgeHolder, type ReloadResult } from './knowledge-holder.js';
export { loggedAnswerer } from './logged-answerer.js';
export { RELOAD_SETTLE_MS, watchKnowledge } from './watch-knowledge.js';
