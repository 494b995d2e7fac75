import type { KnowledgeDocument } from '../knowledge/types.js';
import type { Ranking, RankOptions } from '../search/rank.js';

/**
 * Source filters for one answer: the engine ranks over the whole index as usual, then keeps only
 * the sentences of allowed documents. So that a filter never loses a candidate to the ranking's
 * cut-offs, a filtered ranking scores and returns every candidate.
 */

/** The engine's group numbers (document positions) of the allowed ids; null when nothing is filtered. */
export function allowedGroups(
  documents: readonly KnowledgeDocument[],
  sources: ReadonlySet<string> | undefined,
): ReadonlySet<number> | null {
  if (sources === undefined) return null;
  const groups = new Set<number>();
  documents.forEach((document, group) => {
    if (sources.has(document.meta.id)) groups.add(group);
  });
  return groups;
}

/** Rank options that keep every candidate when a filter will drop some afterwards. */
export function rankOptionsWithin(
  options: Partial<RankOptions>,
  allowed: ReadonlySet<number> | null,
): Partial<RankOptions> {
  if (allowed === null) return options;
  const everything = { shortlist: Number.MAX_SAFE_INTEGER, limit: Number.MAX_SAFE_INTEGER };
  // RankOptions is typed from its frozen defaults (literal numbers), so other values need a cast.
  return { ...options, ...(everything as unknown as Partial<RankOptions>) };
}

/** The ranking with every hit and group outside `allowed` removed (in place); unchanged when null. */
export function restrictRanking(ranking: Ranking, allowed: ReadonlySet<number> | null): Ranking {
  if (allowed === null) return ranking;
  ranking.hits = ranking.hits.filter((hit) => allowed.has(hit.group));
  for (const group of [...ranking.groupCoverage.keys()]) {
    if (!allowed.has(group)) ranking.groupCoverage.delete(group);
  }
  return ranking;
}
