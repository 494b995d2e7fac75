import type { Chat } from '../../chat/index.js';
import type { Logger } from '../../log/logger.js';
import type { SlackMessage } from '../blocks.js';
import type { ResolvedSlackOptions } from '../options.js';

/** What every handler needs: the options, the conversation and a logger. */
export interface HandlerContext {
  readonly options: ResolvedSlackOptions;
  /** What to say to each message; records, logs and the error boundary. */
  readonly chat: Chat;
  readonly logger: Logger;
}

/** Sends rendered messages one after another, so a split answer stays in order. */
export async function sendInOrder<M extends SlackMessage | { text: string }>(
  messages: readonly M[],
  send: (message: M) => Promise<unknown>,
): Promise<void> {
  for (const message of messages) await send(message);
}
