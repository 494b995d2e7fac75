import { contentTokens } from '../search/index.js';

/** Questions worded alike, with the one that stands for them all. */
export interface QuestionGroup {
  /** The group's most common wording (the first asked on a tie). */
  wording: string;
  /** Every question in the group, as asked, in order. */
  questions: string[];
}

/** Two questions share a group when their topic stems overlap this much (Jaccard), or more. */
export const SIMILAR_WORDING = 0.5;

/**
 * Groups questions by similar wording: each question's topic words, stemmed (so "fund",
 * "funded" and "funding" agree, and "what", "the", "did" do not count), are compared with each
 * group's; a question joins the group it overlaps most when the overlap reaches `threshold`,
 * else it starts a group of its own. Biggest groups first.
 */
export function groupSimilarQuestions(
  questions: readonly string[],
  threshold = SIMILAR_WORDING,
): QuestionGroup[] {
  const groups: Array<{ stems: Set<string>; questions: string[] }> = [];
  for (const question of questions) {
    const stems = new Set(contentTokens(question).map((token) => token.stem));
    let best: (typeof groups)[number] | undefined;
    let bestScore = 0;
    for (const group of groups) {
      const score = jaccard(stems, group.stems);
      if (score > bestScore) {
        best = group;
        bestScore = score;
      }
    }
    if (best && bestScore >= threshold) {
      best.questions.push(question);
      for (const stem of stems) best.stems.add(stem);
    } else {
      groups.push({ stems, questions: [question] });
    }
  }
  return groups
    .map((group) => ({ wording: mostCommon(group.questions), questions: group.questions }))
    .sort((a, b) => b.questions.length - a.questions.length);
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}

function mostCommon(questions: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const question of questions) {
    const key = question.trim().toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let best = questions[0] ?? '';
  let bestCount = 0;
  for (const question of questions) {
    const count = counts.get(question.trim().toLowerCase()) ?? 0;
    if (count > bestCount) {
      best = question;
      bestCount = count;
    }
  }
  return best;
}
