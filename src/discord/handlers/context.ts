import type { Chat } from '../../chat/index.js';
import type { Logger } from '../../log/logger.js';

/** What every handler needs. */
export interface HandlerContext {
  /** The conversation: what to say, records, logs, rate limits, draining. */
  chat: Chat;
  logger: Logger;
  maxExcerpts: number;
  /** The REST API's base when not Discord's own (a proxy, a fake): its host also serves attachments. */
  apiUrl?: string | undefined;
  /** False before start() and after stop(): messages are then ignored (stopping ones hear "restarting"). */
  listening: () => boolean;
}

/** No @everyone, @here, role or user ping, and no ping of the person replied to, ever. */
export const NO_MENTIONS = Object.freeze({ parse: [] as [], repliedUser: false });
