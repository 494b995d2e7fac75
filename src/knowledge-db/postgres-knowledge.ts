import { cleanQuestion as cleanForAnalysis } from '../answer/clean-question.js';
import { createEngine, type EngineOptions, PARAGRAPH_BREAK, RULES_RANK } from '../answer/engine.js';
import { indexDocumentPart } from '../answer/index-documents.js';
import { SAMPLED_CHARS, SAMPLED_DOCUMENTS, sourceLanguages } from '../answer/languages.js';
import { locateQuote } from '../answer/location.js';
import { ANSWER_MESSAGES } from '../answer/messages.js';
import type { Answer, AnswerOptions, QuestionAnswerer } from '../answer/types.js';
import type { KnowledgeDocument, Paragraph } from '../knowledge/types.js';
import type { Logger } from '../log/logger.js';
import type { GroupPart } from '../search/group-part.js';
import type { AnalyzedQuery } from '../search/query.js';
import { RANK_DEFAULTS, type RankOptions } from '../search/rank.js';
import { bm25Idf, type LibraryStatistics } from '../search/search-index.js';
import { TermDictionary } from '../search/term-dictionary.js';
import { type ChangeListener, listenForChanges } from './change-listener.js';
import type {
  CandidateRule,
  CandidateScoring,
  CandidateSentence,
  KnowledgeDatabase,
  StoredPassage,
} from './knowledge-db.js';
import { LibraryVocabulary } from './library-vocabulary.js';

/** Tuning of the PostgreSQL store's answering; almost never necessary to change. */
export const POSTGRES_KNOWLEDGE_DEFAULTS = Object.freeze({
  /**
   * At most this many candidate sentences are read from the full-text index (a question with
   * fewer keeps them all); then every sentence of their paragraphs is scored as the first stage
   * scores a sentence on its own words and its paragraph's (`bestParagraphs`).
   */
  candidateSentences: 400,
  /**
   * The best this many of those paragraphs are read and ranked by the engine, with every
   * sentence in them. An answer reads these paragraphs, never whole sources, so this bounds its
   * time: on a kept 5M library, 60 instead of all the candidates' (up to 400) took p50 / p95
   * from 60 / 109 to 33 / 57 ms, the same paragraph quoted (`found`) for 37 of 100 questions and
   * the same first excerpt for 96 (docs/benchmarks.md).
   */
  paragraphsRead: 60,
  /**
   * Most stems the dictionary kept between questions may hold before it starts afresh: kept, a
   * word met again is not stemmed again; bounded, since an index allocates per stem it knows.
   */
  dictionaryTerms: 200_000,
  /** Rounds of question analysis, each looking up the words the previous one asked about. */
  analysisRounds: 5,
});

/** The answer while the database cannot be reached: nothing was searched; the next question tries again. */
function unreachable(question: string): Answer {
  return {
    question,
    answered: false,
    status: 'unavailable',
    message: ANSWER_MESSAGES.unavailable,
    excerpts: [],
    suggestions: [],
  };
}

/**
 * Answers from the knowledge in PostgreSQL with the folder engine's pipeline: the whole library's
 * vocabulary and BM25 statistics come from the database, the candidate sentences from its
 * full-text index, and the engine ranks, quotes and cites over just the sources they are in,
 * scored as in an index of the whole library. Nothing in memory grows with the library but the
 * catalogue of citation fields and a bounded cache of parsed sources. A database that is
 * unreachable makes an answer say so (status `unavailable`); the next question tries again.
 */
export class PostgresKnowledge implements QuestionAnswerer {
  private catalogueEntries: Array<{ ordinal: number; entry: KnowledgeDocument }> = [];
  private catalogueDocuments: KnowledgeDocument[] = [];
  private catalogueByOrdinal = new Map<number, KnowledgeDocument>();
  /** Text of up to SAMPLED_DOCUMENTS sources spread through the library: its languages, read once a load. */
  private languageSample: KnowledgeDocument[] = [];
  private dictionary = new TermDictionary();
  private readonly options: Partial<EngineOptions>;

  constructor(
    private readonly db: KnowledgeDatabase,
    engineOptions: Partial<EngineOptions> = {},
  ) {
    this.options = engineOptions;
  }

  /**
   * Reads the catalogue (citation fields of every source) and a sample of the library's text (for
   * telling a question in another language, as the folder engine samples its documents).
   */
  async load(): Promise<number> {
    const [entries, sample] = await Promise.all([
      this.db.catalogue(),
      this.db.textSample(SAMPLED_DOCUMENTS, SAMPLED_CHARS),
    ]);
    this.setCatalogue(entries);
    const languageSample = sample.flatMap(({ ordinal, text }) => {
      const entry = this.catalogueByOrdinal.get(ordinal);
      return entry ? [textDocument(entry, text)] : [];
    });
    this.languageSample = languageSample;
    // Profiled now (about 0.2 s at 1,000 sources), not on the first answer that needs it.
    setImmediate(() => sourceLanguages(languageSample));
    return this.catalogueEntries.length;
  }

  /**
   * Keeps this process in step with every other: refreshes one source when any process changes
   * it (NOTIFY), and everything after the listener's connection was lost and came back.
   */
  watch(logger: Pick<Logger, 'info' | 'warn'>): ChangeListener {
    const reread = (what: Promise<unknown>) =>
      what.catch((error: unknown) =>
        logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'knowledge: refresh failed',
        ),
      );
    return listenForChanges(this.db.url, {
      changed: (id) => void reread(this.refresh(id)),
      reconnected: () => {
        logger.info({}, 'knowledge: listening to the database again; reading the catalogue again');
        void reread(this.load());
      },
      lost: (reason) => logger.warn({ reason }, 'knowledge: lost the database listener; reconnecting'),
    });
  }

  /** "ok" when the database answers now, "unreachable" otherwise (for /healthz). */
  async health(): Promise<'ok' | 'unreachable'> {
    return (await this.db.reachable()) ? 'ok' : 'unreachable';
  }

  /** Every source's citation fields, without bodies: for filters, the sources list and citations. */
  get documents(): readonly KnowledgeDocument[] {
    return this.catalogueDocuments;
  }

  private setCatalogue(entries: Array<{ ordinal: number; entry: KnowledgeDocument }>): void {
    this.catalogueEntries = entries;
    this.catalogueDocuments = entries.map(({ entry }) => entry);
    this.catalogueByOrdinal = new Map(entries.map(({ ordinal, entry }) => [ordinal, entry]));
  }

  /** Re-reads the catalogue entry of the source with this id (a NOTIFY). */
  async refresh(id: string): Promise<void> {
    const fresh = await this.db.catalogue([id]);
    const others = this.catalogueEntries.filter(({ entry }) => entry.meta.id !== id);
    this.setCatalogue([...others, ...fresh].sort((a, b) => a.ordinal - b.ordinal));
  }

  async answer(question: string, options: AnswerOptions = {}): Promise<Answer> {
    try {
      return await this.answerFromDatabase(question, options);
    } catch (error) {
      if (isDatabaseError(error)) return unreachable(question.toString().trim());
      throw error;
    }
  }

  private async answerFromDatabase(question: string, options: AnswerOptions): Promise<Answer> {
    const vocabulary = new LibraryVocabulary(this.db);
    // The library's totals go out at once, beside the first round of analysis.
    const totalsRead = this.db.totals();
    totalsRead.catch(() => undefined); // awaited below; noted here in case analysis throws first
    // Analysis asks the vocabulary; an engine over no sources answers at once, noting its questions.
    const probe = createEngine([], { ...this.options, vocabulary, answerModel: null, meaning: null });
    let analysed = probe.answer(question);
    for (
      let round = 0;
      round < POSTGRES_KNOWLEDGE_DEFAULTS.analysisRounds && (await vocabulary.fill());
      round++
    )
      analysed = probe.answer(question);
    if (analysed.status === 'needs_question') return analysed;
    const query = probe.analyze(analysed.question.length > 0 ? cleanForAnalysis(analysed.question) : '');
    const stems = query
      ? query.query.concepts.flatMap((concept) => concept.variants.map((variant) => variant.stem))
      : [];
    const [, totals] = await Promise.all([vocabulary.lookUpStems(stems), totalsRead]);
    const within = options.sources ? this.ordinalsOf(options.sources) : null;
    const rule = query ? this.candidateRule(query.query, vocabulary, totals.sentences) : null;
    const statistics = vocabulary.statistics(totals);
    const scoring = query ? this.candidateScoring(query.query, vocabulary, statistics) : null;
    const candidates =
      rule && scoring
        ? await this.db.candidateSentences(
            rule,
            scoring,
            POSTGRES_KNOWLEDGE_DEFAULTS.candidateSentences,
            within,
          )
        : [];
    // Every sentence of the candidates' paragraphs is scored (they rank with their paragraph);
    // the best paragraphs are read and ranked.
    const paragraphs = [
      ...new Map(
        candidates.map(({ source, passage }) => [`${source}:${passage}`, { source, passage }]),
      ).values(),
    ];
    const best =
      scoring && paragraphs.length > 0
        ? bestParagraphs(
            await this.db.paragraphSentences(paragraphs, scoring),
            scoring,
            this.rankOptions(),
            POSTGRES_KNOWLEDGE_DEFAULTS.paragraphsRead,
          )
        : [];
    const ordinals = [...new Set(best.map((candidate) => candidate.source))].sort((a, b) => a - b);
    // The database reads the sources' details while it reads the paragraphs and this process indexes them.
    const detailsRead = this.db.sourceDetails(ordinals, [...new Set(stems)]);
    detailsRead.catch(() => undefined); // awaited below; noted here in case indexing throws first
    const read = new Map<number, StoredPassage[]>();
    for (const passage of await this.db.passagesOf(best)) {
      const ofSource = read.get(passage.source);
      if (ofSource) ofSource.push(passage);
      else read.set(passage.source, [passage]);
    }
    if (this.dictionary.termCount >= POSTGRES_KNOWLEDGE_DEFAULTS.dictionaryTerms)
      this.dictionary = new TermDictionary();
    const dictionary = this.dictionary;
    const indexOne = (ordinal: number) => {
      const entry = this.catalogueByOrdinal.get(ordinal);
      if (!entry) return undefined;
      const partial = partialDocument(entry, read.get(ordinal) ?? []);
      return { partial, part: indexDocumentPart(partial.document, dictionary) };
    };
    // Sources changed since their sentences were read may have no paragraphs left: the next question sees them.
    const withParagraphs = ordinals.filter((ordinal) => read.has(ordinal));
    const indexed = new Map(withParagraphs.map((ordinal) => [ordinal, indexOne(ordinal)]));
    const details = await detailsRead;
    const parts = new Map<KnowledgeDocument, GroupPart>();
    const documents: KnowledgeDocument[] = [];
    const wholeOf = new Map<string, WholeSource>();
    for (const ordinal of withParagraphs) {
      // A source whose catalogue entry arrived meanwhile (its NOTIFY) is indexed now.
      const item = indexed.get(ordinal) ?? indexOne(ordinal);
      const detail = details.get(ordinal);
      if (!item || !detail) continue; // changed since: the next question sees it
      const { document, shifts } = item.partial;
      documents.push(document);
      parts.set(document, holdingStems(item.part, detail.holds, dictionary));
      wholeOf.set(document.meta.id, { shifts, pageStarts: detail.pageStarts });
    }
    const engine = createEngine(
      documents,
      {
        ...this.options,
        vocabulary,
        library: statistics,
        catalogue: this.documents,
        languageSample: this.languageSample,
      },
      { dictionary, get: (document) => parts.get(document), set: () => undefined },
    );
    return inWholeSources(engine.answer(question, options), wholeOf);
  }

  /**
   * The first stage's candidate rule (rank.ts `gatherCandidates`): sentences with a rare
   * question stem; when every stem is common, those with both of the two rarest.
   */
  private candidateRule(
    query: AnalyzedQuery,
    vocabulary: LibraryVocabulary,
    sentences: number,
  ): CandidateRule | null {
    const o = this.rankOptions();
    const rareLimit = Math.max(o.rareTermMinimum, sentences * o.rareTermShare);
    const variants = query.concepts.flatMap((concept, c) => {
      const ownFormIndexed = concept.variants.some(
        (variant) => !variant.neighbour && vocabulary.sentenceFrequency(variant.stem) > 0,
      );
      return concept.variants
        .filter((variant) => vocabulary.sentenceFrequency(variant.stem) > 0)
        .map((variant) => ({
          concept: c,
          stem: variant.stem,
          frequency: vocabulary.sentenceFrequency(variant.stem),
          scoresOnly: variant.neighbour === true && ownFormIndexed,
          optional: concept.optional,
        }));
    });
    const rare = variants.filter((variant) => !variant.scoresOnly && variant.frequency <= rareLimit);
    if (rare.length > 0) return { holds: 'any', stems: [...new Set(rare.map((variant) => variant.stem))] };
    const byRarity = variants
      .filter((variant) => !variant.optional)
      .sort((a, b) => a.frequency - b.frequency);
    const rarest = byRarity[0];
    if (!rarest) return null;
    const second = byRarity.find((variant) => variant.concept !== rarest.concept);
    return { holds: 'all', stems: second ? [rarest.stem, second.stem] : [rarest.stem] };
  }

  /** How the database scores candidates: as the first stage scores a sentence on its own words. */
  private candidateScoring(
    query: AnalyzedQuery,
    vocabulary: LibraryVocabulary,
    statistics: LibraryStatistics,
  ): CandidateScoring {
    const { k1, b } = this.rankOptions();
    const concepts = query.concepts.map((concept) => {
      const best = new Map<string, number>();
      for (const { stem, weight } of concept.variants) {
        const idf = bm25Idf(statistics.sentences, vocabulary.sentenceFrequency(stem));
        best.set(stem, Math.max(best.get(stem) ?? 0, weight * idf));
      }
      return [...best].map(([stem, weight]) => ({ stem, weight }));
    });
    return { concepts, k1, b, averageLength: statistics.averageSentenceLength };
  }

  /** The first stage's settings, as the engine merges them. */
  private rankOptions(): RankOptions {
    return { ...RANK_DEFAULTS, ...RULES_RANK, ...this.options.rank } as RankOptions;
  }

  private ordinalsOf(ids: ReadonlySet<string>): number[] {
    return this.catalogueEntries.filter(({ entry }) => ids.has(entry.meta.id)).map(({ ordinal }) => ordinal);
  }
}

/**
 * A source as far as answering read it: its catalogue entry with only the paragraphs read, side
 * by side in a body of their own (a line break between two, or the whole body's own blank line
 * between two consecutive paragraphs, so a quote may run over both as in the folder engine),
 * each sentence at its offsets there;
 * `shifts` gives each paragraph's offset in the whole body, for the answer's locations. Its page
 * starts are applied to the answer's locations afterwards (indexing does not read them).
 */
function partialDocument(entry: KnowledgeDocument, passages: readonly StoredPassage[]): PartialSource {
  let body = '';
  const shifts: PartialSource['shifts'] = [];
  const paragraphs: Paragraph[] = passages.map((passage, position) => {
    const previous = passages[position - 1];
    if (previous) body += passage.start === previous.end + PARAGRAPH_BREAK.length ? PARAGRAPH_BREAK : '\n';
    const shift = passage.start - body.length;
    shifts.push({ start: body.length, end: body.length + passage.text.length, shift });
    body += passage.text;
    return {
      number: passage.readerNumber,
      readerNumber: passage.readerNumber,
      start: passage.start - shift,
      end: passage.end - shift,
      sentences: passage.sentences.map(({ start, end }) => ({
        start: start - shift,
        end: end - shift,
        boilerplate: false,
      })),
      boilerplate: null,
    };
  });
  return { document: { ...entry, body, paragraphs }, shifts };
}

/** A source as one quotable paragraph of sampled text. */
function textDocument(entry: KnowledgeDocument, text: string): KnowledgeDocument {
  const paragraph: Paragraph = {
    number: 1,
    readerNumber: 1,
    start: 0,
    end: text.length,
    sentences: [],
    boilerplate: null,
  };
  return { ...entry, body: text, paragraphs: [paragraph] };
}

/** A partial source and where its paragraphs sit in the whole body. */
interface PartialSource {
  document: KnowledgeDocument;
  /** Per paragraph read: its span in the partial body and what to add to reach the whole body's offsets. */
  shifts: Array<{ start: number; end: number; shift: number }>;
}

/** Where a partial source's paragraphs sit in the whole source, and the whole source's page starts. */
interface WholeSource {
  shifts: PartialSource['shifts'];
  pageStarts: number[] | null;
}

/** The answer's excerpt locations in their sources' whole bodies (and pages), as the folder engine gives them. */
function inWholeSources(answer: Answer, wholeOf: ReadonlyMap<string, WholeSource>): Answer {
  const excerpts = answer.excerpts.map((excerpt) => {
    const { paragraph, lastParagraph, start, end } = excerpt.location;
    const whole = wholeOf.get(excerpt.source.id);
    // A quote running over two paragraphs read side by side: they are as far apart as in the whole body.
    const shift = whole?.shifts.find((span) => start >= span.start && start <= span.end)?.shift ?? 0;
    return { ...excerpt, location: locateQuote(whole, paragraph, start + shift, end + shift, lastParagraph) };
  });
  return { ...answer, excerpts };
}

/**
 * The part with the stems its source holds beyond the paragraphs read counted as describing it:
 * ranking then finds a question word "in the document" (its coverage) as in the whole source.
 */
function holdingStems(part: GroupPart, holds: readonly string[], dictionary: TermDictionary): GroupPart {
  const described = new Set(part.describedTerms);
  for (const stem of holds) described.add(dictionary.addStem(stem));
  return { ...part, describedTerms: Int32Array.from(described) };
}

/**
 * The candidates in the `count` best paragraphs, each paragraph as good as its best sentence
 * scored as the first stage scores one: (its own score + `passageWeight` × the weights of the
 * concepts its paragraph holds) × coverage^`coveragePower`, where a concept counts fully when the
 * sentence holds it, by `passageCoverage` when its paragraph does and by `groupCoverage` when its
 * source does. A source is known by the `candidates` given of it; a paragraph's length is not known.
 */
export function bestParagraphs(
  candidates: readonly CandidateSentence[],
  scoring: CandidateScoring,
  o: Pick<RankOptions, 'passageWeight' | 'passageCoverage' | 'groupCoverage' | 'coveragePower'>,
  count: number,
): CandidateSentence[] {
  const importance = scoring.concepts.map((forms) => Math.max(0, ...forms.map((form) => form.weight)));
  const total = importance.reduce((sum, weight) => sum + weight, 0) || 1;
  const heldBy = (key: string, held: Map<string, number>, concepts: number) =>
    held.set(key, (held.get(key) ?? 0) | concepts);
  const inParagraph = new Map<string, number>();
  const inSource = new Map<string, number>();
  for (const candidate of candidates) {
    heldBy(`${candidate.source}:${candidate.passage}`, inParagraph, candidate.concepts);
    heldBy(`${candidate.source}`, inSource, candidate.concepts);
  }
  const best = new Map<string, { score: number; sentences: CandidateSentence[] }>();
  for (const candidate of candidates) {
    const key = `${candidate.source}:${candidate.passage}`;
    const paragraph = inParagraph.get(key) ?? 0;
    const source = inSource.get(`${candidate.source}`) ?? 0;
    let paragraphWeight = 0;
    let covered = 0;
    importance.forEach((weight, c) => {
      const bit = c < 31 ? 1 << c : 0;
      if (paragraph & bit) paragraphWeight += weight;
      const share =
        candidate.concepts & bit
          ? 1
          : paragraph & bit
            ? o.passageCoverage
            : source & bit
              ? o.groupCoverage
              : 0;
      covered += weight * share;
    });
    const score =
      (candidate.score + o.passageWeight * paragraphWeight) * (covered / total) ** o.coveragePower;
    const known = best.get(key);
    if (known) {
      known.score = Math.max(known.score, score);
      known.sentences.push(candidate);
    } else best.set(key, { score, sentences: [candidate] });
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score)
    .slice(0, count)
    .flatMap((paragraph) => paragraph.sentences);
}

/** True for errors of the connection or the server (not of our own code). */
export function isDatabaseError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (
    typeof code === 'string' ||
    /connect|terminat|timeout|ECONN|Connection|closed|ENOTFOUND|EAI_AGAIN/i.test(error.message)
  );
}
