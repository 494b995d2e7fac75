import type { QuestionAnswerer } from '../../answer/index.js';
import type { Logger } from '../../log/logger.js';
import type { Research } from '../../research/index.js';
import type { Recorder } from '../../store/recorder.js';
import type { SlackMessage } from '../blocks.js';
import type { ResolvedSlackOptions } from '../options.js';

/** What every handler needs: the options, the engine, the conversation layer, the store and a logger. */
export interface HandlerContext {
  readonly options: ResolvedSlackOptions;
  readonly answerer: QuestionAnswerer;
  /** Filters, channel source sets, follow-ups, the sources list and citations. */
  readonly research: Research;
  /** Where answers and votes are kept for the curator's report. */
  readonly recorder: Recorder;
  readonly logger: Logger;
}

/** Who asked where; logged with answers, votes and errors (never tokens). */
export type RequestContext = Record<string, string | number | boolean | undefined>;

/** The request without the user id: what info-level log lines may carry. */
export function withoutUser(request: RequestContext): RequestContext {
  const { user, ...rest } = request;
  return user === undefined ? rest : { ...rest, user: '[not logged]' };
}

/**
 * Runs a handler's work with the one error boundary of the adapter: a failure is logged with
 * its context and the user gets a short apology; the app keeps serving.
 */
export async function withApology(
  ctx: HandlerContext,
  request: RequestContext,
  work: () => Promise<void>,
  apologize: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    ctx.logger.error({ err: error, ...request }, 'slack: answering failed');
    try {
      await apologize();
    } catch (apologyError) {
      ctx.logger.error({ err: apologyError, ...request }, 'slack: could not send the apology');
    }
  }
}

/** Sends rendered messages one after another, so a split answer stays in order. */
export async function sendInOrder(
  messages: SlackMessage[],
  send: (message: SlackMessage) => Promise<unknown>,
) {
  for (const message of messages) await send(message);
}
