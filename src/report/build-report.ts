import { contentTokens } from '../search/index.js';
import { groupSimilarQuestions, type QuestionGroup } from './group-questions.js';
import type { ReportPeriod, StoredAnswer, StoredCuration } from './load.js';

/** What the curator reads: what the sources lacked, what readers disliked, what people ask about. */
export interface CuratorReport {
  period: ReportPeriod;
  /** Questions asked (help and unusable input are not stored). */
  questions: number;
  answered: number;
  /** answered / questions, 0 when there were none. */
  answeredShare: number;
  /** Distinct askers, counted by salted hash. */
  askers: number;
  followUps: number;
  /** Questions the sources did not cover, grouped by similar wording, biggest group first. */
  uncovered: QuestionGroup[];
  /** Answers with more 👎 than 👍, most disliked first, with the excerpts that were shown. */
  downvoted: Array<Pick<StoredAnswer, 'id' | 'askedAt' | 'question' | 'excerpts' | 'up' | 'down'>>;
  /** The most asked topic words, with how many questions used them and the share answered. */
  topics: Array<{ topic: string; questions: number; answered: number; answeredShare: number }>;
  /** Sources added and removed from the chat in the period, oldest first. */
  curation: CurationEntry[];
}

/** A source added or removed from the chat; the curator only as a short label of their hash. */
export interface CurationEntry {
  at: string;
  platform: string;
  action: 'add' | 'remove';
  sourceId: string;
  title: string | null;
  /** The address or file name added; null for a removal. */
  input: string | null;
  /** The first CURATOR_LABEL_LENGTH characters of the curator's salted hash; null when unknown. */
  curator: string | null;
}

/** How much of a curator's salted hash the report shows: enough to tell curators apart. */
export const CURATOR_LABEL_LENGTH = 8;

/** How many topics the report lists. */
export const TOP_TOPICS = 10;

export function buildReport(
  answers: readonly StoredAnswer[],
  period: ReportPeriod,
  curation: readonly StoredCuration[] = [],
): CuratorReport {
  const answered = answers.filter((answer) => answer.status === 'answered').length;
  const uncovered = groupSimilarQuestions(
    // An uncertain answer only showed the closest passages: the sources may not cover it either.
    answers
      .filter((answer) => answer.status === 'not_covered' || answer.status === 'uncertain')
      .map((answer) => answer.question),
  );
  const downvoted = answers
    .filter((answer) => answer.down > answer.up)
    .sort((a, b) => b.down - b.up - (a.down - a.up) || a.askedAt.localeCompare(b.askedAt))
    .map(({ id, askedAt, question, excerpts, up, down }) => ({ id, askedAt, question, excerpts, up, down }));
  return {
    period,
    questions: answers.length,
    answered,
    answeredShare: share(answered, answers.length),
    askers: new Set(answers.map((answer) => answer.userHash).filter(Boolean)).size,
    followUps: answers.filter((answer) => answer.followUp).length,
    uncovered,
    downvoted,
    topics: topTopics(answers),
    curation: [...curation]
      .sort((a, b) => a.at.localeCompare(b.at))
      .map(({ at, platform, action, sourceId, title, input, userHash }) => ({
        at,
        platform,
        action,
        sourceId,
        title,
        input,
        curator: userHash ? userHash.slice(0, CURATOR_LABEL_LENGTH) : null,
      })),
  };
}

/** Topic words by stem, shown in their commonest spelling; each question counts a stem once. */
function topTopics(answers: readonly StoredAnswer[]): CuratorReport['topics'] {
  const byStem = new Map<string, { spellings: Map<string, number>; questions: number; answered: number }>();
  for (const answer of answers) {
    const seen = new Set<string>();
    for (const { word, stem } of contentTokens(answer.question)) {
      if (seen.has(stem)) continue;
      seen.add(stem);
      const entry = byStem.get(stem) ?? { spellings: new Map(), questions: 0, answered: 0 };
      entry.spellings.set(word, (entry.spellings.get(word) ?? 0) + 1);
      entry.questions++;
      if (answer.status === 'answered') entry.answered++;
      byStem.set(stem, entry);
    }
  }
  return [...byStem.values()]
    .map((entry) => ({
      topic: [...entry.spellings].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '',
      questions: entry.questions,
      answered: entry.answered,
      answeredShare: share(entry.answered, entry.questions),
    }))
    .sort((a, b) => b.questions - a.questions || a.topic.localeCompare(b.topic))
    .slice(0, TOP_TOPICS);
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000;
}
