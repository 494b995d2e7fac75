/** Research conversations: `from:` / `since:` filters, channel source sets, follow-ups, the sources list. */
export { CONVERSATION_DEFAULTS, ConversationMemory } from './conversations.js';
export { parseQuestionFilters, type QuestionFilters, sinceDate } from './filters.js';
export { buildFollowUp, type ConversationTurn, type EffectiveQuestion, shortTopic } from './follow-up.js';
export { RESEARCH_MESSAGES } from './messages.js';
export {
  createResearch,
  type Research,
  type ResearchOptions,
  type ResearchReply,
  type ResearchRequest,
} from './research.js';
export { documentsMatching, documentsSince } from './source-match.js';
export {
  listSources,
  type SourceEntry,
  type SourcesPage,
  sourcesPage,
  sourcesRequest,
} from './sources-list.js';
