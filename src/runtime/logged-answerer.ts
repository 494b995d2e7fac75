import type { PlatformName } from '../adapter.js';
import type { Answer, AnswerOptions, QuestionAnswerer } from '../answer/types.js';
import type { Logger } from '../log/logger.js';

/**
 * Wraps an answerer so every question is logged once: platform, latency, answered or abstained,
 * and the excerpt ids (source#paragraph). The question text is logged at debug level only.
 */
export function loggedAnswerer(
  answerer: QuestionAnswerer,
  platform: PlatformName,
  logger: Logger,
): QuestionAnswerer {
  return {
    get documents() {
      return answerer.documents;
    },
    answer(question: string, options?: AnswerOptions): Answer {
      const started = performance.now();
      const answer = answerer.answer(question, options);
      logger.info(
        {
          platform,
          ms: Math.round((performance.now() - started) * 100) / 100,
          status: answer.status,
          answered: answer.answered,
          filtered: options?.sources !== undefined,
          excerpts: answer.excerpts.map((excerpt) => `${excerpt.source.id}#${excerpt.location.paragraph}`),
        },
        answer.answered
          ? 'question answered'
          : answer.status === 'uncertain'
            ? 'question answered with the closest passages'
            : 'question not answered',
      );
      logger.debug({ platform, question: answer.question }, 'question text');
      return answer;
    },
  };
}
