/**
 * The conversation, platform-neutral: help, the sources list, `from:` / `since:` filters,
 * channel source sets, follow-ups, rate limits, recording and logging each answer once, and
 * draining on stop. Slack and Discord adapters only receive, render and send.
 */
export { type Chat, type ChatOptions, type ChatVote, createChat } from './chat.js';
export { CONVERSATION_DEFAULTS, ConversationMemory } from './conversations.js';
export {
  type CurationCommand,
  type CurationOptions,
  curationCommand,
  isCurator,
  MAX_INPUTS_PER_MESSAGE,
} from './curate.js';
export { type CuratedLine, curatedLines, type TextStyle } from './curation-lines.js';
export { parseQuestionFilters, type QuestionFilters, sinceDate } from './filters.js';
export { buildFollowUp, type ConversationTurn, type EffectiveQuestion, shortTopic } from './follow-up.js';
export { HELP_WORDS, isHelpRequest } from './help.js';
export { InflightTracker } from './inflight.js';
export { CHAT_MESSAGES } from './messages.js';
export { RateLimiter } from './rate-limit.js';
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
export type {
  ChatFile,
  ChatMessage,
  ChatReply,
  ChatTransport,
  CurationResult,
  PlatformName,
} from './types.js';
