import type { QuestionAnswerer } from '../../answer/index.js';
import type { Logger } from '../../log/logger.js';
import type { InflightCounter } from '../inflight.js';
import type { RateLimiter } from '../rate-limit.js';

/** What every handler needs. */
export interface HandlerContext {
  answerer: QuestionAnswerer;
  logger: Logger;
  limiter: RateLimiter;
  inflight: InflightCounter;
  maxExcerpts: number;
  /** False once stop() began: new questions are ignored. */
  accepting: () => boolean;
}

/** No @everyone, @here, role or user ping, and no ping of the person replied to, ever. */
export const NO_MENTIONS = Object.freeze({ parse: [] as [], repliedUser: false });
