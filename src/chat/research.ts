import type { Answer, QuestionAnswerer } from '../answer/types.js';
import type { KnowledgeDocument } from '../knowledge/types.js';
import { ConversationMemory } from './conversations.js';
import { parseQuestionFilters } from './filters.js';
import { buildFollowUp, type ConversationTurn, shortTopic } from './follow-up.js';
import { CHAT_MESSAGES } from './messages.js';
import { documentsMatching, documentsSince } from './source-match.js';
import { listSources, type SourceEntry } from './sources-list.js';

/** Settings of the conversation layer. */
export interface ResearchOptions {
  /**
   * Channel id → the source terms that channel answers from (matched like `from:` terms). A
   * channel not listed answers from every source. Default: none.
   */
  channelSources?: Readonly<Record<string, readonly string[]>>;
  /** Where conversations are remembered. Default: a fresh in-memory ConversationMemory. */
  memory?: ConversationMemory;
}

/** One question as an adapter received it. */
export interface ResearchRequest {
  /** The question as typed, filters included. */
  text: string;
  /** Channel asked in, for its configured source set. */
  channel?: string | undefined;
  /** Key of the conversation this question continues (a thread, a replied-to answer), if any. */
  conversation?: string | undefined;
}

/** The answer, and what a follow-up in the same conversation builds on. */
export interface ResearchReply {
  answer: Answer;
  /** Null when there was no question to build on (help, unreadable filters). */
  turn: ConversationTurn | null;
  /** True when the question was answered as a follow-up, with an earlier topic carried over. */
  followUp: boolean;
  /** True when only some sources were searched (filters or the channel's source set). */
  filtered: boolean;
}

/** The platform-neutral research conversation: filters, channel source sets, follow-ups. */
export interface Research {
  ask(request: ResearchRequest): Promise<ResearchReply>;
  /** Remembers `turn` as the last of conversation `key`, for a follow-up. */
  remember(key: string, turn: ConversationTurn): void;
  /** The sources list: every source, or the channel's set when it has one. */
  sources(channel?: string): SourceEntry[];
  /** The document with this id, for citations; undefined when unknown. */
  document(id: string): KnowledgeDocument | undefined;
}

/** Most source names an "Only from …" note spells out. */
const NAMED_SOURCES = 3;

export function createResearch(answerer: QuestionAnswerer, options: ResearchOptions = {}): Research {
  const memory = options.memory ?? new ConversationMemory();
  const documents = () => answerer.documents ?? [];

  function channelSet(channel: string | undefined): KnowledgeDocument[] | null {
    const terms = channel ? options.channelSources?.[channel] : undefined;
    if (!terms) return null;
    return union(terms.map((term) => documentsMatching(documents(), term)));
  }

  async function ask(request: ResearchRequest): Promise<ResearchReply> {
    const typed = request.text.trim();
    const filters = parseQuestionFilters(typed);
    if (filters.invalid.length > 0) {
      return {
        answer: refusal(typed, CHAT_MESSAGES.invalidFilter(filters.invalid.join(' '))),
        turn: null,
        followUp: false,
        filtered: false,
      };
    }
    const previous = request.conversation ? memory.get(request.conversation) : undefined;
    const effective = buildFollowUp(filters.question, previous);
    const ownFilters = filters.from.length > 0 || filters.since !== null;
    const from = effective.carried && !ownFilters && previous ? previous.from : filters.from;
    const since = effective.carried && !ownFilters && previous ? previous.since : filters.since;

    const inChannel = channelSet(request.channel);
    if (inChannel?.length === 0)
      return {
        answer: refusal(typed, CHAT_MESSAGES.channelHasNoSources),
        turn: null,
        followUp: false,
        filtered: false,
      };
    let allowed = inChannel;
    if (from.length > 0)
      allowed = intersect(allowed, union(from.map((term) => documentsMatching(documents(), term))));
    if (since !== null) allowed = intersect(allowed, documentsSince(documents(), since));
    if (allowed?.length === 0) {
      const written = [
        ...from.map((term) => `from:${quoteTerm(term)}`),
        ...(since ? [`since:${since}`] : []),
      ];
      return {
        answer: refusal(typed, CHAT_MESSAGES.noSourceMatches(written.join(' '))),
        turn: null,
        followUp: false,
        filtered: false,
      };
    }

    const answer = await answerer.answer(
      effective.question,
      allowed ? { sources: new Set(allowed.map((document) => document.meta.id)) } : undefined,
    );
    const notes = [
      answer.note,
      effective.carried ? CHAT_MESSAGES.followUp(shortTopic(effective.carried)) : undefined,
      allowed ? filterNote(allowed, from.length > 0 || inChannel !== null, since) : undefined,
    ].filter((note): note is string => Boolean(note));
    const changed = effective.carried !== null || allowed !== null;
    const shown: Answer = changed
      ? { ...answer, question: typed, ...(notes.length > 0 ? { note: notes.join(' ') } : {}) }
      : answer;
    const turn = answer.status === 'needs_question' ? null : { question: effective.question, from, since };
    return { answer: shown, turn, followUp: effective.carried !== null, filtered: allowed !== null };
  }

  return {
    ask,
    remember: (key, turn) => memory.remember(key, turn),
    sources: (channel) => listSources(channelSet(channel) ?? documents()),
    document: (id) => documents().find((document) => document.meta.id === id),
  };
}

/** "Only from The 74, The Hechinger Report." / "Only from sources dated 2017-01-01 or later." */
function filterNote(allowed: readonly KnowledgeDocument[], named: boolean, since: string | null): string {
  if (!named && since) return CHAT_MESSAGES.onlySince(since);
  const names = [...new Set(allowed.map(({ meta }) => meta.publisher || meta.title || meta.id))];
  const shown = names.slice(0, NAMED_SOURCES);
  return CHAT_MESSAGES.onlyFrom(CHAT_MESSAGES.names(shown, names.length - shown.length), since);
}

/** An answer that explains why the question was not searched. */
function refusal(question: string, message: string): Answer {
  return { question, answered: false, status: 'needs_question', message, excerpts: [], suggestions: [] };
}

function union(sets: KnowledgeDocument[][]): KnowledgeDocument[] {
  return [...new Set(sets.flat())];
}

function intersect(a: KnowledgeDocument[] | null, b: KnowledgeDocument[]): KnowledgeDocument[] {
  if (a === null) return b;
  const keep = new Set(b);
  return a.filter((document) => keep.has(document));
}

function quoteTerm(term: string): string {
  return /\s/.test(term) ? `"${term}"` : term;
}
