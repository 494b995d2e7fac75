import type { Answer } from '../answer/types.js';
import type { SourceEntry } from './sources-list.js';

/** The chat platforms the bot can serve. */
export type PlatformName = 'slack' | 'discord';

/** One message to the bot, as an adapter received it, already as plain text. */
export interface ChatMessage {
  /** What kind of message it was, for logs (`slash_command`, `app_mention`, `direct_message`…). */
  kind: string;
  /** The asker's platform id (stored hashed; never logged at info level). */
  user?: string | undefined;
  /** Where it was asked (channel id), for the store and logs. */
  channel?: string | undefined;
  /** The channel whose configured source set applies (a thread's parent). Default: `channel`. */
  sourcesChannel?: string | undefined;
  /** Key of the conversation this message continues (a thread, a replied-to answer), if any. */
  conversation?: string | undefined;
  /** The question as typed, filters included; the bot's own mention already removed. */
  text: string;
  /** More context for logs (team, guild); never the question or the user. */
  where?: Readonly<Record<string, string | undefined>>;
  /** The asker's roles (Discord role ids), for CURATORS. */
  roles?: readonly string[] | undefined;
  /** Files attached to the message; downloaded only when a curator adds them. */
  files?: readonly ChatFile[] | undefined;
}

/**
 * A file attached to a message, on the platform's own file host; downloaded only when a curator
 * adds it, within the download limits.
 */
export interface ChatFile {
  name: string;
  url: string;
  /** Sent with the download to the file's host only (Slack wants the bot token). */
  headers?: Readonly<Record<string, string>>;
}

/** What came of one input of a curator's `add` or `remove`. */
export type CurationResult =
  | {
      ok: true;
      action: 'add';
      /** What was read: the citation fields, pages and quotable paragraphs. */
      source: {
        id: string;
        input: string;
        title: string | null;
        author: string | null;
        publisher: string | null;
        date: string | null;
        pages: number | null;
        paragraphs: number;
      };
    }
  | { ok: true; action: 'remove'; id: string; title: string | null }
  | { ok: false; input: string; message: string };

/** What the conversation decided to say; each adapter renders it in its platform's way. */
export type ChatReply =
  /** Usage help: the message was empty or asked for help. */
  | { kind: 'help' }
  /** A page of the sources list (`page` is as asked; renderers clamp it). */
  | { kind: 'sources'; entries: readonly SourceEntry[]; page: number }
  /**
   * An answer: answered, uncertain, not covered, or a refusal explaining why the question was not
   * searched (`answer.status === 'needs_question'`). `answerId` is set when it was recorded.
   */
  | { kind: 'answer'; answer: Answer; answerId?: string | undefined; followUp: boolean }
  /** The asker is over the rate limit; they may ask again in `seconds`. */
  | { kind: 'rate_limited'; seconds: number }
  /** The bot is shutting down and takes no new questions. */
  | { kind: 'restarting' }
  /** Something failed while answering; the failure is logged. */
  | { kind: 'apology' }
  /**
   * What a curator's add or remove did, input by input; each source added gets a Remove button.
   */
  | { kind: 'curated'; results: readonly CurationResult[] }
  /** A curation command refused: `disabled` when CURATORS is unset, else not a curator. */
  | { kind: 'curation_refused'; reason: 'disabled' | 'not_curator' }
  /** `add` with neither an address nor a file: how to add a source. */
  | { kind: 'curation_usage' };

/** How a reply reaches the asker: the adapter's transport. */
export interface ChatTransport {
  /**
   * Sends the reply. Resolves to the keys a follow-up in this conversation will come under (the
   * Slack thread; the ids of the Discord messages sent), or nothing when none can follow.
   */
  say(reply: ChatReply): Promise<readonly string[] | undefined>;
  /** Called once a question will be searched (a typing indicator, a deferred reply). */
  working?(): Promise<unknown> | undefined;
}
