/** Reading the knowledge folder into documents and paragraphs, with boilerplate marked. */
export { boilerplateReason, isQuotable, markBoilerplate, numberForReaders } from './boilerplate.js';
export { citationTitle } from './citation.js';
export { type EstablishedIds, type LoadedFile, settleDuplicateIds } from './duplicate-ids.js';
export { FRONT_MATTER_LIMITS, parseKnowledgeFile } from './front-matter.js';
export {
  contentHash,
  KNOWLEDGE_EXTENSION,
  type LoadOptions,
  loadKnowledge,
  parseKnowledgeDocument,
} from './load.js';
export { segmentBody } from './segment.js';
export type * from './types.js';
