import type { QuestionAnswerer } from '../../answer/index.js';
import type { Logger } from '../../log/logger.js';
import type { Research } from '../../research/index.js';
import type { Recorder } from '../../store/recorder.js';
import type { InflightCounter } from '../inflight.js';
import type { RateLimiter } from '../rate-limit.js';

/**
 * - `answering`: connected and running.
 * - `stopping`: stop() is draining; new askers hear the bot is restarting.
 * - `idle`: not started yet, or stopped; messages are ignored.
 */
export type HandlerPhase = 'answering' | 'stopping' | 'idle';

/** What every handler needs. */
export interface HandlerContext {
  answerer: QuestionAnswerer;
  /** Filters, channel source sets, follow-ups (reply chains), the sources list and citations. */
  research: Research;
  /** Where answers and votes are kept for the curator's report. */
  recorder: Recorder;
  logger: Logger;
  limiter: RateLimiter;
  inflight: InflightCounter;
  maxExcerpts: number;
  /** Where the adapter is: new questions are answered, told to come back, or ignored. */
  phase: () => HandlerPhase;
}

/** No @everyone, @here, role or user ping, and no ping of the person replied to, ever. */
export const NO_MENTIONS = Object.freeze({ parse: [] as [], repliedUser: false });
