import { citationTitle } from '../knowledge/citation.js';
import type { KnowledgeDocument, Sentence } from '../knowledge/types.js';
import {
  type AnswerModel,
  type Certainty,
  defaultAnswerModel,
  judgeCandidates,
} from '../search/answer-model.js';
import { createCandidateSimilarity } from '../search/candidate-similarity.js';
import { entityKinds, loadEntityModel } from '../search/entity-kinds.js';
import type { AnalyzedQuery, Vocabulary } from '../search/query.js';
import { analyzeQueryWithRules, type NeighbourOptions } from '../search/query-rules.js';
import { questionFocus } from '../search/question-focus.js';
import { type Ranking, type RankOptions, rankSentences, type SentenceHit } from '../search/rank.js';
import type { LibraryStatistics, SearchIndex } from '../search/search-index.js';
import { PREFETCH_LIMIT, PREPARED_VECTORS_LIMIT, type SentenceEncoder } from '../search/sentence-encoder.js';
import { words } from '../search/text.js';
import { distinctiveTitle, sharedTitleWords, titledSentence } from '../search/title-context.js';
import { cleanQuestion } from './clean-question.js';
import { buildQuoteSpan } from './excerpt.js';
import {
  type GroupPartCache,
  type IndexedPassage,
  type IndexReuse,
  indexDocuments,
} from './index-documents.js';
import { foreignLanguage, languageName, sourceLanguages } from './languages.js';
import { locateQuote } from './location.js';
import { ANSWER_MESSAGES } from './messages.js';
import { allowedGroups, rankOptionsWithin, restrictRanking } from './source-filter.js';
import type { Answer, AnswerOptions, Excerpt, QuestionAnswerer, SourceRef } from './types.js';

/** Answer settings. */
export interface EngineOptions {
  /** Most excerpts in one answer. Default 3. */
  maxExcerpts: number;
  /** Longest quote, in characters, "…" included. Default 500. */
  maxQuoteLength: number;
  /** Longest question used; longer ones are cut and the answer says so. Default 1,000. */
  maxQuestionLength: number;
  /** Least coverage of the question around the best sentence to answer. Default 0.5. */
  minCoverage: number;
  /**
   * A further excerpt must score at least this share of the best one's. Default 0.45.
   */
  minRelativeScore: number;
  /** A further excerpt from a source already quoted loses this much of its score (log scale). Default −ln 0.8. */
  repeatSourcePenalty: number;
  /** How many closest sources a "not covered" answer names. Default 3. */
  maxSuggestions: number;
  rank: Partial<RankOptions>;
  /**
   * First stage: which of the sources' other words for a question word count, and how much
   * (from the shipped word-neighbour table); `null` turns them off. Default RULES_NEIGHBOURS, with
   * no share of coverage without the sentence encoder (`meaning` null).
   */
  neighbours: NeighbourOptions | null;
  /**
   * A sentence encoder whose cosines between the question and the best candidates
   * feed the answer model's order and confidence (sure / uncertain / not covered). Default null
   * (the first stage's order stands and coverage decides); the bot and the command line pass
   * the shipped encoder.
   */
  meaning: SentenceEncoder | null;
  /**
   * The answer model that puts the first stage's best sentences in order again and
   * says how sure the answer is (src/search/answer-model.ts). Default: the fitted
   * `data/answer-model.json`; `null` keeps the first stage's order and answers on coverage alone.
   */
  answerModel: AnswerModel | null;
  /**
   * Most of the first stage's best sentences whose vectors a question may have made on the spot
   * (about 25 ms each on two cores); the others count only when embedded ahead (`prefetchMeaning`,
   * as the bot does for up to PREFETCH_LIMIT sentences) or for an earlier question. Default 3: at
   * 100k passages, ten new sentences a question took the answer's p95 from 150 to 400 ms.
   */
  newSentenceBudget: number;
  /**
   * The words and stems question analysis checks spelling and lemmas against. Default null: the
   * engine's own index. The PostgreSQL store passes the whole library's (its engine indexes only
   * the sources a question touches).
   */
  vocabulary: Vocabulary | null;
  /**
   * BM25 statistics of the whole library when the documents are only part of it (the PostgreSQL
   * store). Default null: the documents are the library.
   */
  library: LibraryStatistics | null;
  /**
   * Every source of the library, for naming the closest ones in a "not covered" answer (citation
   * fields suffice). Default null: the documents are the library.
   */
  catalogue: readonly KnowledgeDocument[] | null;
  /**
   * Documents that show the library's languages and common words (a sample of its text), for
   * telling a question in another language; the same array each time, so they are read once.
   * Default null: the documents are the library.
   */
  languageSample: readonly KnowledgeDocument[] | null;
}

/**
 * First stage: a question word's five closest words in the sources with a word-vector cosine of at
 * least 0.6 each count as the word times 0.8 × cosine for ranking, and 0.6 of that for coverage.
 * The first three are checked by `npm run fit:stage` like RULES_RANK (SQuAD public, fit:stage's
 * samples: hit@1 +1.3 and +1.5 points on the two halves); the coverage share was measured with the
 * meaning check the answer model replaced: at 0.6 it turned away as many questions as without
 * neighbours, at 1 it turned away 1.5–3 points fewer (docs/history.md).
 */
export const RULES_NEIGHBOURS: Readonly<NeighbourOptions> = Object.freeze({
  least: 0.6,
  limit: 5,
  weight: 0.8,
  coverage: 0.6,
});

export const ENGINE_DEFAULTS: Readonly<EngineOptions> = Object.freeze({
  maxExcerpts: 3,
  maxQuoteLength: 500,
  maxQuestionLength: 1000,
  minCoverage: 0.5,
  minRelativeScore: 0.45,
  repeatSourcePenalty: -Math.log(0.8),
  maxSuggestions: 3,
  rank: {},
  neighbours: RULES_NEIGHBOURS,
  meaning: null,
  answerModel: null,
  newSentenceBudget: 3,
  vocabulary: null,
  library: null,
  catalogue: null,
  languageSample: null,
});

/**
 * First-stage settings, fitted by `npm run fit:stage`
 * (scripts/fit-first-stage.ts) on SQuAD public questions of articles 0–11 and checked on 12–23.
 */
export const RULES_RANK: Readonly<Partial<RankOptions>> = Object.freeze({ b: 0.9, passageWeight: 0.75 });

const NO_FEATURES = new Float64Array(0);

/**
 * What lies between two consecutive paragraphs a quote may run over: one blank line. Passages
 * with anything else between them (a boilerplate paragraph, more blank lines, a page break) stay
 * two quotes, so a quote never runs over a page and its citation names one page.
 */
export const PARAGRAPH_BREAK = '\n\n';

/** Most a sentence's score grows for using the question's own words rather than only their stems. */
const EXACT_WORDS_BONUS = 0.1;

/** A candidate sentence with its score. */
export interface ScoredHit {
  hit: SentenceHit;
  /** The answer model's features of the candidate (empty when the model did not look at it). */
  features: Float64Array;
  /** The first stage's score, log scale, handed out in the answer model's order: higher is better. */
  score: number;
}

/** Everything the engine worked out for a question, for evaluation and fitting. */
export interface Analysis {
  query: AnalyzedQuery;
  ranking: Ranking;
  /** Candidates, best first. */
  scored: ScoredHit[];
  /** Estimate, in [0, 1], that the best candidate answers the question (0 or 1 on coverage alone). */
  confidence: number;
  /** Least coverage an excerpt needs (lower than `minCoverage` when the answer model answered). */
  minCoverage: number;
  /** Sure (answer), uncertain (show the closest passages as such) or none (not covered). */
  certainty: Certainty;
}

/** The engine: documents indexed once, then any number of questions answered synchronously. */
export interface Engine extends QuestionAnswerer {
  /** Answers at once: the folder engine never waits. */
  answer(question: string, options?: AnswerOptions): Answer;
  /** The ranking behind an answer: candidates with their features and scores, and the confidence. */
  analyze(question: string): Analysis | null;
  /** Where a candidate sentence sits: its document id and offsets in the body. */
  locate(sentence: number): { documentId: string; start: number; end: number };
  /**
   * With the sentence encoder, embeds the knowledge's sentences ahead of questions, in the
   * background (up to PREFETCH_LIMIT sentences); resolves with how many were embedded.
   */
  prefetchMeaning(): Promise<number>;
  /**
   * The same, at once and on every core, for evaluations and fitting (which then answer as the
   * bot does once it has embedded its sentences); returns how many sentences it embedded.
   */
  prepareMeaning(): number;
  readonly documents: readonly KnowledgeDocument[];
  /** Paragraphs indexed (boilerplate excluded). */
  readonly passageCount: number;
  readonly index: SearchIndex;
}

/**
 * Indexes the documents' article paragraphs (never boilerplate) and returns the engine. With
 * `reuse` (e.g. the engine serving now, or a snapshot), documents it already indexed are not
 * indexed again; the engine answers exactly as one built from scratch.
 */
export function createEngine(
  documents: readonly KnowledgeDocument[],
  options: Partial<EngineOptions> = {},
  reuse?: IndexReuse | GroupPartCache,
): Engine {
  const settings: EngineOptions = { ...ENGINE_DEFAULTS, ...options };
  settings.rank = { ...RULES_RANK, ...settings.rank };
  const indexed = indexDocuments(documents, reuse);
  const index = settings.library ? indexed.index.withLibrary(settings.library) : indexed.index;
  const { passages } = indexed;
  const groupOf = new Map(documents.map((document, group) => [document, group]));
  const sources = documents.map(toSourceRef);
  const documentsById = new Map(documents.map((document) => [document.meta.id, document]));

  /** `base` with a note saying so when the question is in a language none of the sources is in. */
  function withLanguageNote(base: { question: string; note?: string }): { question: string; note?: string } {
    const library = settings.languageSample ?? documents;
    const foreign = foreignLanguage(base.question, library);
    if (!foreign) return base;
    const said = ANSWER_MESSAGES.otherLanguage(
      languageName(foreign),
      sourceLanguages(library).map(languageName),
    );
    return { ...base, note: base.note ? `${base.note} ${said}` : said };
  }

  function answer(rawQuestion: string, options: AnswerOptions = {}): Answer {
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
    // Source filters (issue 13, src/answer/source-filter.ts): only allowed documents count.
    const allowed = allowedGroups(documents, options.sources);
    const analysis = analyze(cleanQuestion(question), allowed);
    if (!analysis) {
      return {
        ...base,
        answered: false,
        status: 'needs_question',
        message: ANSWER_MESSAGES.noSearchableWords,
        excerpts: [],
        suggestions: [],
      };
    }
    const { query, ranking, scored, certainty, minCoverage } = analysis;
    const top = scored[0];
    if (!top || certainty === 'none') {
      const suggestions = suggestSources(ranking.groupCoverage, options.sources);
      return {
        ...withLanguageNote(base),
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
    const excerpts = chooseExcerpts(
      scored,
      ranking.sentenceScores,
      stems,
      minCoverage,
      certainty === 'uncertain',
    );
    const sourceCount = new Set(excerpts.map((excerpt) => excerpt.source.id)).size;
    if (certainty === 'uncertain') {
      return {
        ...withLanguageNote(base),
        answered: false,
        status: 'uncertain',
        message: ANSWER_MESSAGES.uncertain,
        excerpts,
        suggestions: [],
      };
    }
    return {
      ...base,
      answered: true,
      status: 'answered',
      message: ANSWER_MESSAGES.answered(excerpts.length, sourceCount),
      excerpts,
      suggestions: [],
    };
  }

  /** What kinds of answer a candidate sentence holds, worked out the first time it is a candidate (as many kept as vectors). */
  const sentenceKinds = new Map<number, number>();
  function sentenceText(sentence: number): string {
    const passage = passages[index.sentencePassage[sentence] as number] as IndexedPassage;
    const { start, end } = locate(sentence);
    return passage.document.body.slice(start, end);
  }
  const answerModel = options.answerModel !== undefined ? options.answerModel : defaultAnswerModel();
  /**
   * The encoder reads each sentence after its article's distinctive title (title-context.ts), as
   * the answer model was fitted; without an encoder nothing is embedded, so nothing is worked out.
   */
  const sharedTitles =
    settings.meaning && answerModel?.titleShare != null
      ? sharedTitleWordsOf(settings.catalogue ?? documents, answerModel.titleShare)
      : null;
  const titles = new Map<KnowledgeDocument, string>();
  function embeddedText(sentence: number): string {
    if (!sharedTitles) return sentenceText(sentence);
    const { document } = passages[index.sentencePassage[sentence] as number] as IndexedPassage;
    let title = titles.get(document);
    if (title === undefined) {
      title = distinctiveTitle(document.meta.title, sharedTitles);
      titles.set(document, title);
    }
    return titledSentence(title, sentenceText(sentence));
  }
  const similarity = settings.meaning ? createCandidateSimilarity(settings.meaning, embeddedText) : null;
  // Without the encoder, coverage decides whether to answer (the answer model needs cosines): the
  // default neighbours then only rank (counting towards coverage, they made it answer questions
  // about something else). Neighbours passed explicitly are used as they are.
  const neighbours =
    options.neighbours === undefined && settings.neighbours && !similarity
      ? { ...settings.neighbours, coverage: 0 }
      : settings.neighbours;
  /**
   * The one answering pipeline: the first stage (question analysis, BM25 × coverage), then the
   * answer model over its best sentences when the encoder's cosines are at hand.
   */
  function analyze(question: string, allowed: ReadonlySet<number> | null = null): Analysis | null {
    const query = analyzeQueryWithRules(question, settings.vocabulary ?? index, neighbours);
    if (query.concepts.every((concept) => concept.optional)) return null;
    const ranking = restrictRanking(
      rankSentences(index, query, rankOptionsWithin(settings.rank, allowed)),
      allowed,
    );
    preferTypedWords(ranking.hits, query);
    const scored: ScoredHit[] = ranking.hits
      .filter((hit) => hit.score > 0)
      .map((hit) => ({ hit, features: NO_FEATURES, score: Math.log(hit.score) }));
    const top = scored[0];
    // The kinds of answer matter to "how many" and "when" questions only; the entity model loads
    // on the first of them, here, while the encoder's worker may still be loading its own model.
    if (top && answerModel && similarity && (query.type === 'count' || query.type === 'when'))
      loadEntityModel();
    // The model's candidates: the first stage's best, of which at most `newSentenceBudget` may
    // need embedding now (the rest of the best must have been embedded ahead or for an earlier
    // question); in a curated base every sentence is embedded ahead, so all of the best count.
    const pool = answerModel ? scored.slice(0, answerModel.candidates) : [];
    const embeddable = (candidate: ScoredHit, rank: number) =>
      similarity !== null && (rank < settings.newSentenceBudget || similarity.known(candidate.hit.sentence));
    const head = pool.filter(embeddable);
    // The first stage's next hits, down to the model's depth, that may join them.
    const deeper =
      answerModel && answerModel.deeper > 0
        ? scored
            .slice(answerModel.candidates, answerModel.depth)
            .filter((candidate, at) => embeddable(candidate, answerModel.candidates + at))
        : [];
    // The question's focus (without its story's words) is embedded with it, when it differs.
    const focus =
      top && answerModel && similarity
        ? questionFocus(question, index, top.hit.group, answerModel.focusShare)
        : question;
    const texts = focus === question ? [question] : [question, focus];
    const found =
      top && answerModel
        ? similarity?.cosines(
            texts,
            [...head, ...deeper].map(({ hit }) => hit.sentence),
          )
        : null;
    // Of those, the few closest to the question in meaning join the candidates: the first stage
    // missed the words of a question asked in other words than the sources'.
    const joining = found
      ? deeper
          .map((candidate) => ({
            candidate,
            cosine: (found[0] as Map<number, number>).get(candidate.hit.sentence) ?? -1,
          }))
          .sort((a, b) => b.cosine - a.cosine)
          .slice(0, answerModel?.deeper ?? 0)
          .map(({ candidate }) => candidate)
      : [];
    const modelled = [...head, ...joining];
    const cosines = found?.map(
      (byText) => new Map(modelled.map(({ hit }) => [hit.sentence, byText.get(hit.sentence) as number])),
    );
    if (!top || !answerModel || !cosines) {
      const confidence = top !== undefined && top.hit.coverage >= settings.minCoverage ? 1 : 0;
      const certainty: Certainty = confidence === 1 ? 'sure' : 'none';
      const minCoverage = settings.minCoverage;
      return { query, ranking, scored, confidence, certainty, minCoverage };
    }
    // The answer model puts the first stage's best sentences in order again and judges the best.
    const judgement = judgeCandidates(
      answerModel,
      {
        index,
        query,
        similarity: cosines[0] as Map<number, number>,
        focusSimilarity: (cosines[1] ?? cosines[0]) as Map<number, number>,
        entityKinds: (sentence) => {
          let kinds = sentenceKinds.get(sentence);
          if (kinds === undefined) {
            kinds = entityKinds(sentenceText(sentence));
            if (sentenceKinds.size >= PREFETCH_LIMIT) sentenceKinds.clear();
            sentenceKinds.set(sentence, kinds);
          }
          return kinds;
        },
        sentenceText,
      },
      modelled,
    );
    // The first stage's scores are handed out in the new order, so how far the others fall
    // behind the best (which excerpts are shown) stays on the first stage's scale.
    // Candidates left out of the model (not embedded) follow the ones it ordered.
    const scores = [...pool, ...joining].map((candidate) => candidate.score);
    const inModel = new Set(modelled);
    const reordered = [
      ...judgement.order.map((at) => ({
        hit: (modelled[at] as ScoredHit).hit,
        features: judgement.features[at] as Float64Array,
        score: 0,
      })),
      ...pool.filter((candidate) => !inModel.has(candidate)),
    ].map((candidate, rank) => ({ ...candidate, score: scores[rank] as number }));
    const joined = new Set(joining);
    const after = scored.slice(pool.length).filter((candidate) => !joined.has(candidate));
    scored.splice(0, scored.length, ...reordered, ...after);
    const best = scored[0] as ScoredHit;
    return {
      query,
      ranking,
      scored,
      confidence: judgement.confidence,
      // Not sure, but the question's words are found around the best passage: it comes close.
      certainty:
        judgement.certainty === 'none' && best.hit.coverage >= settings.minCoverage
          ? 'uncertain'
          : judgement.certainty,
      // After reordering, the best sentence may cover less than the first stage's best did.
      minCoverage: Math.min(settings.minCoverage, best.hit.coverage),
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

  function locate(sentence: number): { documentId: string; start: number; end: number } {
    const passage = passages[index.sentencePassage[sentence] as number] as IndexedPassage;
    const { start, end } = passage.sentences[sentence - passage.firstSentence] as Sentence;
    return { documentId: passage.document.meta.id, start, end };
  }

  /**
   * The excerpts to show, from the candidates in the order the answer was judged: those the
   * first stage scored close to the best (`minRelativeScore`), other sources preferred, or for an
   * uncertain answer (`closest`) the answer model's best `maxExcerpts` whatever their scores.
   */
  function chooseExcerpts(
    scored: ScoredHit[],
    sentenceScores: Map<number, number>,
    stems: ReadonlySet<string>,
    minCoverage: number,
    closest = false,
  ): Excerpt[] {
    const chosen: Excerpt[] = [];
    const usedSources = new Set<string>();
    const top = scored[0] as ScoredHit;
    const minScore = top.score + Math.log(settings.minRelativeScore);
    // An uncertain answer shows the answer model's closest passages, however far below the best
    // the first stage scored them: the reader is told they may not answer, and looks for themself.
    const remaining = scored.filter(
      (candidate, rank) =>
        (candidate.score >= minScore && candidate.hit.coverage >= minCoverage) ||
        (closest && candidate.features.length > 0 && rank < settings.maxExcerpts),
    );
    const considered = new Set(remaining);
    const excerptOf = (candidate: ScoredHit): Excerpt => {
      const excerpt = toExcerpt(candidate.hit, sentenceScores, stems);
      excerpt.score = round(Math.min(1, candidate.hit.coverage) * Math.exp(candidate.score - top.score));
      return excerpt;
    };
    while (chosen.length < settings.maxExcerpts && remaining.length > 0) {
      let bestAt = 0;
      let bestScore = Number.NEGATIVE_INFINITY;
      remaining.forEach((candidate, at) => {
        const passage = passages[candidate.hit.passage] as IndexedPassage;
        const adjusted =
          candidate.score - (usedSources.has(passage.document.meta.id) ? settings.repeatSourcePenalty : 0);
        if (adjusted > bestScore) {
          bestScore = adjusted;
          bestAt = at;
        }
      });
      const [candidate] = remaining.splice(bestAt, 1) as [ScoredHit];
      const excerpt = excerptOf(candidate);
      if (mergeInto(chosen, excerpt)) continue;
      chosen.push(excerpt);
      usedSources.add(excerpt.source.id);
    }
    // Where two of those were quoted as one passage, an uncertain answer still shows its three:
    // the model's next candidates, in its order, fill the places left.
    if (closest)
      for (const candidate of scored.slice(settings.maxExcerpts)) {
        if (chosen.length >= settings.maxExcerpts || candidate.features.length === 0) break;
        if (considered.has(candidate)) continue;
        const excerpt = excerptOf(candidate);
        if (!mergeInto(chosen, excerpt)) chosen.push(excerpt);
      }
    // The answer model's second sentence, right beside its best: quoted with it when the two
    // touch, however far below the first stage scored it (the answer is often the next sentence).
    const second = scored[1];
    if (chosen.length > 0 && second && second.features.length > 0 && isBeside(second.hit, top.hit))
      mergeInto(chosen, toExcerpt(second.hit, sentenceScores, stems));
    return chosen;
  }

  function isBeside(hit: SentenceHit, other: SentenceHit): boolean {
    return hit.group === other.group && Math.abs(hit.sentence - other.sentence) === 1;
  }

  function toExcerpt(
    hit: SentenceHit,
    sentenceScores: Map<number, number>,
    stems: ReadonlySet<string>,
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
      location: locateQuote(passage.document, passage.readerNumber, span.start, span.end),
      score: 0,
    };
  }

  /**
   * Merges an excerpt into one it overlaps or touches in the same source: within a paragraph
   * (nothing but white space between them), or running on into the next paragraph (one blank
   * line, PARAGRAPH_BREAK, between them), so two consecutive passages read as one quote. True
   * when it was absorbed: one in the same paragraph always is (dropped when the union would be
   * too long), one in the next paragraph only when the union fits.
   */
  function mergeInto(chosen: Excerpt[], excerpt: Excerpt): boolean {
    for (const [at, other] of chosen.entries()) {
      if (other.source.id !== excerpt.source.id) continue;
      const body = documentsById.get(other.source.id)?.body ?? '';
      const overlaps =
        excerpt.location.start < other.location.end && other.location.start < excerpt.location.end;
      const gap =
        excerpt.location.start >= other.location.end
          ? body.slice(other.location.end, excerpt.location.start)
          : body.slice(excerpt.location.end, Math.max(excerpt.location.end, other.location.start));
      const sameParagraph = other.location.paragraph === excerpt.location.paragraph;
      const touches = sameParagraph ? gap.trim() === '' : gap === PARAGRAPH_BREAK;
      if (!overlaps && !touches) continue;
      const start = Math.min(other.location.start, excerpt.location.start);
      const end = Math.max(other.location.end, excerpt.location.end);
      const [first, last] =
        other.location.start <= excerpt.location.start ? [other, excerpt] : [excerpt, other];
      if (end - start > settings.maxQuoteLength) {
        if (sameParagraph) return true;
        continue;
      }
      chosen[at] = {
        ...other,
        quote: body.slice(start, end),
        cutBefore: first.cutBefore,
        cutAfter: end === other.location.end ? other.cutAfter : excerpt.cutAfter,
        location: locateQuote(
          documentsById.get(other.source.id),
          first.location.paragraph,
          start,
          end,
          Math.max(first.location.lastParagraph ?? 0, last.location.lastParagraph ?? last.location.paragraph),
        ),
      };
      return true;
    }
    return false;
  }

  function suggestSources(
    groupCoverage: Map<number, number>,
    allowed: ReadonlySet<string> | undefined,
  ): string[] {
    const closeness = new Map<string, number>();
    for (const [group, coverage] of groupCoverage)
      closeness.set((documents[group] as KnowledgeDocument).meta.id, coverage);
    return (settings.catalogue ?? documents)
      .map((document) => ({ document, closeness: closeness.get(document.meta.id) ?? 0 }))
      .filter(({ document }) => allowed === undefined || allowed.has(document.meta.id)) // source filters (issue 13)
      .sort((a, b) => b.closeness - a.closeness)
      .slice(0, settings.maxSuggestions)
      .map(({ document }) => describeSource(document));
  }

  /**
   * Embeds every sentence the answer model may ask about, in the background, when there are at
   * most PREFETCH_LIMIT of them (a curated knowledge base), so each question then waits only for
   * its own vector. Larger bases embed sentences as questions reach them.
   */
  function prefetchMeaning(): Promise<number> {
    const texts = sentencesToEmbedAhead();
    return settings.meaning && texts ? settings.meaning.prefetch(texts) : Promise.resolve(0);
  }

  function prepareMeaning(): number {
    const texts = sentencesToEmbedAhead();
    if (!settings.meaning || !texts) return 0;
    settings.meaning.prepare(texts, PREPARED_VECTORS_LIMIT);
    return texts.length;
  }

  /** Every sentence's text, when there is an encoder and at most PREFETCH_LIMIT of them; else null. */
  function sentencesToEmbedAhead(): string[] | null {
    const sentences = index.sentencePassage.length;
    if (!settings.meaning || sentences > PREFETCH_LIMIT) return null;
    return Array.from({ length: sentences }, (_, sentence) => embeddedText(sentence));
  }

  return {
    answer,
    analyze,
    locate,
    prefetchMeaning,
    prepareMeaning,
    documents,
    passageCount: passages.length,
    index,
  };
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

/** Shared title words by catalogue, worked out once: a PostgreSQL library builds an engine for each question over the same catalogue. */
const sharedTitleWordsByCatalogue = new WeakMap<
  readonly KnowledgeDocument[],
  { share: number; words: Set<string> }
>();
function sharedTitleWordsOf(catalogue: readonly KnowledgeDocument[], share: number): Set<string> {
  const known = sharedTitleWordsByCatalogue.get(catalogue);
  if (known && known.share === share) return known.words;
  const words = sharedTitleWords(
    catalogue.map((document) => document.meta.title),
    share,
  );
  sharedTitleWordsByCatalogue.set(catalogue, { share, words });
  return words;
}
