import type { QuestionAnswerer } from '../answer/types.js';
import type { KnowledgeDocument } from '../knowledge/types.js';
import type { Logger } from '../log/logger.js';
import { NO_RECORDER, type Recorder } from '../store/recorder.js';
import {
  type CurationCommand,
  type CurationOptions,
  curationCommand,
  isCurator,
  runCuration,
} from './curate.js';
import type { ConversationTurn } from './follow-up.js';
import { isHelpRequest } from './help.js';
import { InflightTracker } from './inflight.js';
import { RateLimiter } from './rate-limit.js';
import { createResearch, type ResearchOptions } from './research.js';
import { sourcesRequest } from './sources-list.js';
import type { ChatMessage, ChatReply, ChatTransport, PlatformName } from './types.js';

/** Settings of one platform's conversation. */
export interface ChatOptions {
  platform: PlatformName;
  /** Answers questions (the engine, or the reloadable holder of it); called synchronously. */
  answerer: QuestionAnswerer;
  /** Where answers, votes and failures are logged; questions and user ids only at debug level. */
  logger: Logger;
  /** Where answers and votes are stored for the curator's report. Default: nowhere. */
  recorder?: Recorder;
  /** Channel source sets and the conversation memory. Default: none, and a fresh memory. */
  research?: ResearchOptions;
  /**
   * At most `max` messages per user in any `windowMs`; every message that earns a reply counts,
   * help included, so no one can make the bot flood a channel. Default: no limit.
   */
  rateLimit?: { max: number; windowMs: number };
  /** Turns an error into what may be logged (e.g. with tokens taken out of URLs). Default: as is. */
  loggableError?: (error: unknown) => unknown;
  /** Adding and removing sources from the chat. Default: off (every `add` hears how to enable it). */
  curation?: CurationOptions;
}

/** A 👍 or 👎 on an answer, as an adapter decoded it. */
export interface ChatVote {
  user?: string | undefined;
  channel?: string | undefined;
  vote: 'up' | 'down';
  answerId?: string | undefined;
  /** The voted answer's excerpt ids, when the button carried them (logged). */
  excerptIds?: readonly string[];
  /** The voted question, when the button carried it (logged at debug level only). */
  question?: string | undefined;
}

/**
 * The platform-neutral conversation: decides what to say to each message (help, the sources
 * list, an answer, a refusal, a rate-limit or restart notice), records and logs each answer once,
 * counts what is in flight so a stop can wait for it, and is the one place where a failure is
 * logged and apologised for. Adapters only receive, render and send.
 */
export interface Chat {
  /**
   * Handles one message: decides the reply and passes it to `transport.say`, counting it in
   * flight until sent. Never rejects: a failure is logged and the asker gets an apology.
   */
  receive(message: ChatMessage, transport: ChatTransport): Promise<void>;
  /**
   * Runs other work for a user (a click on an answer) in flight and inside the same error
   * boundary: a failure is logged with `where` and `apologize` is called. Never rejects.
   */
  act(
    where: Readonly<Record<string, string | undefined>>,
    work: () => Promise<void>,
    apologize: () => Promise<unknown>,
  ): Promise<void>;
  /** Counts `work` in flight, so a stop waits for it. */
  track<T>(work: () => Promise<T>): Promise<T>;
  /** Records and logs a vote. */
  vote(vote: ChatVote): void;
  /** The document with this id, for citations; undefined when it left the knowledge base. */
  document(id: string): KnowledgeDocument | undefined;
  /** True once `close` was called: new messages hear that the bot is restarting. */
  readonly closing: boolean;
  /** Messages and clicks being handled right now. */
  readonly inflight: number;
  /**
   * Stops taking new messages and waits for those under way, at most `graceMs`; resolves true
   * when all were finished (a warning is logged otherwise).
   */
  close(graceMs: number): Promise<boolean>;
}

export function createChat(options: ChatOptions): Chat {
  const { platform, answerer, logger } = options;
  const recorder = options.recorder ?? NO_RECORDER;
  const research = createResearch(answerer, options.research);
  const limiter = options.rateLimit
    ? new RateLimiter(options.rateLimit.max, options.rateLimit.windowMs)
    : null;
  const loggable = options.loggableError ?? ((error: unknown) => error);
  const inflight = new InflightTracker();
  let closing = false;

  async function track<T>(work: () => Promise<T>): Promise<T> {
    const done = inflight.begin();
    try {
      return await work();
    } finally {
      done();
    }
  }

  async function act(
    where: Readonly<Record<string, string | undefined>>,
    work: () => Promise<void>,
    apologize: () => Promise<unknown>,
  ): Promise<void> {
    await track(async () => {
      try {
        await work();
      } catch (error) {
        logger.error({ err: loggable(error), ...where }, `${platform}: answering failed`);
        try {
          await apologize();
        } catch (apologyError) {
          logger.error({ err: loggable(apologyError), ...where }, `${platform}: apology failed too`);
        }
      }
    });
  }

  /** The reply to a message, with the answer recorded and logged; `working` before a search. */
  async function decide(
    message: ChatMessage,
    transport: ChatTransport,
  ): Promise<{ reply: ChatReply; turn: ConversationTurn | null }> {
    if (closing) return { reply: { kind: 'restarting' }, turn: null };
    const wait = limiter?.take(message.user ?? '') ?? 0;
    if (wait > 0) return { reply: { kind: 'rate_limited', seconds: Math.ceil(wait / 1000) }, turn: null };
    const text = message.text.trim();
    const command =
      curationCommand(text) ?? (message.files?.length && text === '' ? { action: 'add', urls: [] } : null);
    if (command) return { reply: await curate(command, message, transport), turn: null };
    if (isHelpRequest(text)) return { reply: { kind: 'help' }, turn: null };
    await transport.working?.();
    const sourcesChannel = message.sourcesChannel ?? message.channel;
    const page = sourcesRequest(text);
    if (page !== null)
      return {
        reply: { kind: 'sources', entries: research.sources(sourcesChannel), page },
        turn: null,
      };
    const started = performance.now();
    const { answer, turn, followUp, filtered } = await research.ask({
      text,
      channel: sourcesChannel,
      conversation: message.conversation,
    });
    const answerId =
      answer.status === 'needs_question' || answer.status === 'unavailable'
        ? undefined
        : recorder.recordAnswer({ platform, user: message.user, channel: message.channel, answer, followUp });
    logger.info(
      {
        kind: message.kind,
        channel: message.channel,
        ...message.where,
        status: answer.status,
        answered: answer.answered,
        followUp,
        filtered,
        excerpts: answer.excerpts.map((excerpt) => `${excerpt.source.id}#${excerpt.location.paragraph}`),
        ms: Math.round((performance.now() - started) * 100) / 100,
      },
      answer.answered
        ? 'question answered'
        : answer.status === 'uncertain'
          ? 'question answered with the closest passages'
          : 'question not answered',
    );
    logger.debug({ kind: message.kind, question: answer.question }, 'question text');
    return { reply: { kind: 'answer', answer, answerId, followUp }, turn };
  }

  /** A curator's add or remove, refused politely (fetching nothing) for anyone else. */
  async function curate(
    command: CurationCommand,
    message: ChatMessage,
    transport: ChatTransport,
  ): Promise<ChatReply> {
    const curation = options.curation;
    const where = { kind: message.kind, channel: message.channel, action: command.action, ...message.where };
    if (!curation || curation.curators.size === 0) return { kind: 'curation_refused', reason: 'disabled' };
    if (!isCurator(curation.curators, message)) {
      logger.info(where, `${platform}: curation refused (not a curator)`);
      return { kind: 'curation_refused', reason: 'not_curator' };
    }
    if (command.action === 'add' && command.urls.length === 0 && !message.files?.length)
      return { kind: 'curation_usage' };
    await transport.working?.();
    const results = await runCuration(command, message, curation, { platform, recorder });
    logger.info(
      {
        ...where,
        sources: results.map((result) =>
          result.ok ? (result.action === 'add' ? result.source.id : result.id) : null,
        ),
      },
      `${platform}: sources ${command.action === 'add' ? 'added' : 'removed'}`,
    );
    return { kind: 'curated', results };
  }

  return {
    receive: (message, transport) =>
      act(
        { kind: message.kind, channel: message.channel, user: message.user, ...message.where },
        async () => {
          const { reply, turn } = await decide(message, transport);
          const keys = await transport.say(reply);
          if (turn) for (const key of keys ?? []) research.remember(key, turn);
        },
        () => transport.say({ kind: 'apology' }),
      ),
    act,
    track,
    vote(vote) {
      recorder.recordVote({ platform, user: vote.user, vote: vote.vote, answerId: vote.answerId });
      logger.info(
        {
          kind: 'feedback',
          channel: vote.channel,
          vote: vote.vote,
          answerId: vote.answerId,
          excerptIds: vote.excerptIds ?? [],
        },
        `${platform}: feedback`,
      );
      if (vote.question !== undefined)
        logger.debug({ question: vote.question }, `${platform}: feedback question`);
    },
    document: research.document,
    get closing() {
      return closing;
    },
    get inflight() {
      return inflight.size;
    },
    async close(graceMs) {
      closing = true;
      const drained = await inflight.drain(graceMs);
      if (!drained)
        logger.warn(
          { inflight: inflight.size, graceMs },
          `${platform}: stopped before every answer was sent`,
        );
      return drained;
    },
  };
}
