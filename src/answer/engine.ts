import { citationTitle } from '../knowledge/citation.js';
import type { KnowledgeDocument, Paragraph, Sentence } from '../knowledge/types.js';
import { type AnalyzedQuery, analyzeQuery } from '../search/query.js';
import { type RankOptions, rankSentences, type SentenceHit } from '../search/rank.js';
import { SearchIndex } from '../search/search-index.js';
import { words } from '../search/text.js';
import { buildQuoteSpan, quotableSentences } from './excerpt.js';
import { ANSWER_MESSAGES } from './messages.js';
import type { Answer, Excerpt, QuestionAnswerer, SourceRef } from './types.js';

/** Answer settings. */
export interface EngineOptions {
  /** Most excerpts in one answer. Default 3. */
  maxExcerpts: number;
  /** Longest quote, in characters, "…" included. Default 500. */
  maxQuoteLength: number;
  /** Longest question used; longer ones are cut and the answer says so. Default 1,000. */
  maxQuestionLength: number;
  /**
   * Least coverage (share of the question's meaning found around the best sentence) for an
   * answer; below it the engine abstains. Default 0.5.
   */
  minCoverage: number;
  /** A further excerpt must score at least this share of the best one's. Default 0.45. */
  minRelativeScore: number;
  /** A further excerpt from a source already quoted counts for this share of its score. Default 0.8. */
  repeatSourcePenalty: number;
  /** How many closest sources a "not covered" answer names. Default 3. */
  maxSuggestions: number;
  rank: Partial<RankOptions>;
}

export const ENGINE_DEFAULTS: Readonly<EngineOptions> = Object.freeze({
  maxExcerpts: 3,
  maxQuoteLength: 500,
  maxQuestionLength: 1000,
  minCoverage: 0.5,
  minRelativeScore: 0.45,
  repeatSourcePenalty: 0.8,
  maxSuggestions: 3,
  rank: {},
});

/** Most a sentence's score grows for using the question's own words rather than only their stems. */
const EXACT_WORDS_BONUS = 0.1;

interface IndexedPassage {
  document: KnowledgeDocument;
  paragraph: Paragraph;
  sentences: Sentence[];
  firstSentence: number;
}

/** The engine: documents indexed once, then any number of questions answered synchronously. */
export interface Engine extends QuestionAnswerer {
  readonly documents: readonly KnowledgeDocument[];
  /** Paragraphs indexed (boilerplate excluded). */
  readonly passageCount: number;
  readonly index: SearchIndex;
}

/** Indexes the documents' article paragraphs (never boilerplate) and returns the engine. */
export function createEngine(
  documents: readonly KnowledgeDocument[],
  options: Partial<EngineOptions> = {},
): Engine {
  const settings: EngineOptions = { ...ENGINE_DEFAULTS, ...options };
  const passages: IndexedPassage[] = [];
  let sentenceCount = 0;
  for (const document of documents) {
    for (const paragraph of document.paragraphs) {
      if (paragraph.boilerplate !== null) continue;
      const sentences = quotableSentences(paragraph);
      if (sentences.length === 0) continue;
      passages.push({ document, paragraph, sentences, firstSentence: sentenceCount });
      sentenceCount += sentences.length;
    }
  }
  const groupOf = new Map(documents.map((document, group) => [document, group]));
  const index = SearchIndex.build(
    passages.map((passage) => ({
      group: groupOf.get(passage.document) as number,
      sentences: passage.sentences.map((sentence) =>
        passage.document.body.slice(sentence.start, sentence.end),
      ),
    })),
    documents.map(({ meta }) => [meta.title, meta.publisher, meta.author, meta.date?.slice(0, 4)].join(' ')),
  );
  const sources = documents.map(toSourceRef);
  const documentsById = new Map(documents.map((document) => [document.meta.id, document]));

  function answer(rawQuestion: string): Answer {
    const trimmed = (rawQuestion ?? '').toString().trim();
    const tooLong = trimmed.length > settings.maxQuestionLength;
    const question = tooLong ? cutWithoutSplittingCharacters(trimmed, settings.maxQuestionLength) : trimmed;
    const note = tooLong ? ANSWER_MESSAGES.trimmed(settings.maxQuestionLength) : undefined;
    const base = { question, ...(note ? { note } : {}) };
    if (words(question).length === 0) {
      return {
        ...base,
        answered: false,
        status: 'needs_question',
        message: ANSWER_MESSAGES.usage,
        excerpts: [],
        suggestions: [],
      };
    }
    const query = analyzeQuery(question, index);
    if (query.concepts.every((concept) => concept.optional)) {
      return {
        ...base,
        answered: false,
        status: 'needs_question',
        message: ANSWER_MESSAGES.noSearchableWords,
        excerpts: [],
        suggestions: [],
      };
    }
    const ranking = rankSentences(index, query, settings.rank);
    preferTypedWords(ranking.hits, query);
    const top = ranking.hits[0];
    if (!top || top.coverage < settings.minCoverage) {
      const suggestions = suggestSources(ranking.groupCoverage);
      return {
        ...base,
        answered: false,
        status: 'not_covered',
        message: suggestions.length > 0 ? ANSWER_MESSAGES.notCoveredWithTopics : ANSWER_MESSAGES.notCovered,
        excerpts: [],
        suggestions,
      };
    }
    const stems = new Set(
      query.concepts.flatMap((concept) => concept.variants.map((variant) => variant.stem)),
    );
    const excerpts = chooseExcerpts(ranking.hits, ranking.sentenceScores, stems, top);
    const sourceCount = new Set(excerpts.map((excerpt) => excerpt.source.id)).size;
    return {
      ...base,
      answered: true,
      status: 'answered',
      message: ANSWER_MESSAGES.answered(excerpts.length, sourceCount),
      excerpts,
      suggestions: [],
    };
  }

  /**
   * A sentence using the very words typed ("implementers", "expectations") is stronger evidence
   * than one sharing only their stems ("implement", "expect"): such hits gain up to
   * EXACT_WORDS_BONUS, and the hits are re-sorted.
   */
  function preferTypedWords(hits: SentenceHit[], query: AnalyzedQuery): void {
    const typed = query.concepts.filter((concept) => !concept.optional).map((concept) => concept.word);
    if (typed.length === 0) return;
    for (const hit of hits) {
      const passage = passages[hit.passage] as IndexedPassage;
      const sentence = passage.sentences[hit.sentence - passage.firstSentence] as Sentence;
      const present = new Set(words(passage.document.body.slice(sentence.start, sentence.end)));
      const exact = typed.filter((word) => present.has(word)).length;
      hit.score *= 1 + (EXACT_WORDS_BONUS * exact) / typed.length;
    }
    hits.sort((a, b) => b.score - a.score || a.sentence - b.sentence);
  }

  function chooseExcerpts(
    hits: SentenceHit[],
    sentenceScores: Map<number, number>,
    stems: ReadonlySet<string>,
    top: SentenceHit,
  ): Excerpt[] {
    const chosen: Excerpt[] = [];
    const usedSources = new Set<string>();
    const remaining = hits.filter(
      (hit) => hit.score >= top.score * settings.minRelativeScore && hit.coverage >= settings.minCoverage,
    );
    while (chosen.length < settings.maxExcerpts && remaining.length > 0) {
      let bestAt = 0;
      let bestScore = Number.NEGATIVE_INFINITY;
      remaining.forEach((hit, at) => {
        const passage = passages[hit.passage] as IndexedPassage;
        const adjusted =
          hit.score * (usedSources.has(passage.document.meta.id) ? settings.repeatSourcePenalty : 1);
        if (adjusted > bestScore) {
          bestScore = adjusted;
          bestAt = at;
        }
      });
      const [hit] = remaining.splice(bestAt, 1) as [SentenceHit];
      const excerpt = toExcerpt(hit, sentenceScores, stems, top);
      if (mergeInto(chosen, excerpt)) continue;
      chosen.push(excerpt);
      usedSources.add(excerpt.source.id);
    }
    return chosen;
  }

  function toExcerpt(
    hit: SentenceHit,
    sentenceScores: Map<number, number>,
    stems: ReadonlySet<string>,
    top: SentenceHit,
  ): Excerpt {
    const passage = passages[hit.passage] as IndexedPassage;
    const span = buildQuoteSpan({
      body: passage.document.body,
      sentences: passage.sentences,
      best: hit.sentence - passage.firstSentence,
      scoreOf: (position) => sentenceScores.get(passage.firstSentence + position) ?? 0,
      stems,
      maxLength: settings.maxQuoteLength,
    });
    return {
      quote: passage.document.body.slice(span.start, span.end),
      cutBefore: span.cutBefore,
      cutAfter: span.cutAfter,
      source: sources[groupOf.get(passage.document) as number] as SourceRef,
      location: { paragraph: passage.paragraph.number, start: span.start, end: span.end },
      score: round(Math.min(1, hit.coverage) * (hit.score / top.score)),
    };
  }

  /** Merges an excerpt into an overlapping or touching one from the same paragraph; true when it was absorbed. */
  function mergeInto(chosen: Excerpt[], excerpt: Excerpt): boolean {
    for (const [at, other] of chosen.entries()) {
      if (other.source.id !== excerpt.source.id || other.location.paragraph !== excerpt.location.paragraph)
        continue;
      const body = documentsById.get(other.source.id)?.body ?? '';
      const start = Math.min(other.location.start, excerpt.location.start);
      const end = Math.max(other.location.end, excerpt.location.end);
      const gap =
        excerpt.location.start > other.location.end
          ? body.slice(other.location.end, excerpt.location.start)
          : body.slice(excerpt.location.end, Math.max(excerpt.location.end, other.location.start));
      if (gap.trim() !== '') continue;
      if (end - start > settings.maxQuoteLength) return true;
      chosen[at] = {
        ...other,
        quote: body.slice(start, end),
        cutBefore: start === other.location.start ? other.cutBefore : excerpt.cutBefore,
        cutAfter: end === other.location.end ? other.cutAfter : excerpt.cutAfter,
        location: { paragraph: other.location.paragraph, start, end },
      };
      return true;
    }
    return false;
  }

  function suggestSources(groupCoverage: Map<number, number>): string[] {
    return documents
      .map((document, group) => ({ document, closeness: groupCoverage.get(group) ?? 0 }))
      .sort((a, b) => b.closeness - a.closeness)
      .slice(0, settings.maxSuggestions)
      .map(({ document }) => describeSource(document));
  }

  return { answer, documents, passageCount: passages.length, index };
}

function toSourceRef(document: KnowledgeDocument): SourceRef {
  const { meta } = document;
  return {
    id: meta.id,
    title: citationTitle(meta),
    untitled: meta.title === null,
    publisher: meta.publisher,
    author: meta.author,
    date: meta.date,
    url: meta.url,
  };
}

/** "Title (Publisher): what it covers", for "not covered" answers. */
function describeSource(document: KnowledgeDocument): string {
  const { meta } = document;
  const name = meta.publisher && meta.title ? `${meta.title} (${meta.publisher})` : citationTitle(meta);
  return meta.about ? `${name}: ${meta.about}` : name;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** The first `max` UTF-16 units of `text`, one fewer when the cut would split a surrogate pair. */
function cutWithoutSplittingCharacters(text: string, max: number): string {
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
