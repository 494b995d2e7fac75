import { FUZZY_DEFAULTS, FuzzyVocabulary, MAX_LETTER_SET_DIFFERENCE } from '../search/fuzzy.js';
import { lemmasOf } from '../search/lemmas.js';
import type { Vocabulary } from '../search/query.js';
import type { LibraryStatistics } from '../search/search-index.js';
import { STOP_WORDS } from '../search/stop-words.js';
import { stemWord } from '../search/text.js';
import { type NeighbourStem, neighbourStems } from '../search/word-neighbours.js';
import type { KnowledgeDatabase, LibraryTotals, TermFrequency } from './knowledge-db.js';

/** Most words handed to fuse.js for one misspelling (the closest by trigrams if ever more pass the letter check). */
const CORRECTION_CANDIDATES = 2000;

/**
 * The whole library's vocabulary for one question, read from PostgreSQL as question analysis
 * asks for it. Analysis is synchronous, so it runs in rounds: a word or stem not looked up yet
 * counts as unknown and is noted; `fill` looks the noted ones up; analysis runs again until it
 * asks nothing new. The answers are exactly what the folder engine's index would give.
 */
export class LibraryVocabulary implements Vocabulary {
  private readonly words = new Map<string, boolean>();
  private readonly stems = new Map<string, TermFrequency | null>();
  private readonly corrections = new Map<string, Array<{ word: string; distance: number }>>();
  private readonly lemmas = new Map<string, string[]>();
  private readonly pending = {
    words: new Set<string>(),
    stems: new Set<string>(),
    corrections: new Set<string>(),
    lemmas: new Set<string>(),
  };

  constructor(private readonly db: KnowledgeDatabase) {}

  hasWord(word: string): boolean {
    const known = this.words.get(word);
    if (known === undefined) this.pending.words.add(word);
    return known === true;
  }

  hasStem(stem: string): boolean {
    const known = this.stems.get(stem);
    if (known === undefined) this.pending.stems.add(stem);
    return known !== undefined && known !== null;
  }

  correct(word: string): Array<{ word: string; distance: number }> {
    // Analysis asks for corrections of words it does not know yet. Whether the library holds the
    // word is asked first: most words it does, and their corrections are never needed.
    if (!this.words.has(word)) {
      this.pending.words.add(word);
      return [];
    }
    const known = this.corrections.get(word);
    if (known === undefined) this.pending.corrections.add(word);
    return known ?? [];
  }

  lemmaStems(word: string): string[] {
    const known = this.lemmas.get(word);
    if (known === undefined) this.pending.lemmas.add(word);
    return known ?? [];
  }

  /** As SearchIndex.similarStems: the word-neighbour table's words the library holds. */
  similarStems(word: string, least: number, limit: number): NeighbourStem[] {
    return neighbourStems(word, least, limit, (stem) => this.hasStem(stem));
  }

  /** Looks up everything asked but not known yet; false when nothing was pending. */
  async fill(): Promise<boolean> {
    const { words, stems, corrections, lemmas } = this.pending;
    if (words.size + stems.size + corrections.size + lemmas.size === 0) return false;
    const asked = {
      words: [...words],
      stems: [...stems],
      corrections: [...corrections],
      lemmas: [...lemmas],
    };
    words.clear();
    stems.clear();
    corrections.clear();
    lemmas.clear();
    // Independent look-ups: each on its own pooled connection, at once.
    const [known, , candidates] = await Promise.all([
      this.db.knownWords(asked.words),
      this.lookUpStems(asked.stems),
      this.db.correctionCandidates(
        asked.corrections,
        FUZZY_DEFAULTS.maxLengthDifference,
        MAX_LETTER_SET_DIFFERENCE,
        CORRECTION_CANDIDATES,
      ),
      Promise.all(
        asked.lemmas.map(async (word) => {
          const own = stemWord(word);
          const keys = [...new Set(lemmasOf(word).map(stemWord))];
          this.lemmas.set(
            word,
            (await this.db.lemmaStems(keys)).filter((stem) => stem !== own),
          );
        }),
      ),
    ]);
    for (const word of asked.words) this.words.set(word, known.has(word));
    for (const [word, close] of candidates)
      this.corrections.set(word, new FuzzyVocabulary([new Set(close), STOP_WORDS]).correct(word));
    return true;
  }

  /** Frequencies of stems not looked up yet (every stem of an analysed question, before ranking). */
  async lookUpStems(stems: Iterable<string>): Promise<void> {
    const missing = [...stems].filter((stem) => !this.stems.has(stem));
    const found = await this.db.frequencies(missing);
    for (const stem of missing) this.stems.set(stem, found.get(stem) ?? null);
  }

  /** Sentences holding the stem in the library (0 when none, or not looked up). */
  sentenceFrequency(stem: string): number {
    return this.stems.get(stem)?.sentences ?? 0;
  }

  /** The library's BM25 statistics, with the frequencies looked up so far. */
  statistics(totals: LibraryTotals): LibraryStatistics {
    return {
      sentences: totals.sentences,
      passages: totals.passages,
      averageSentenceLength: average(totals.sentenceLength, totals.sentences),
      averagePassageLength: average(totals.passageLength, totals.passages),
      frequency: (stem) => {
        const known = this.stems.get(stem);
        return known ? { sentences: known.sentences, passages: known.passages } : undefined;
      },
    };
  }
}

/** As SearchIndex's average: at least 1, and 1 for an empty library. */
function average(sum: number, count: number): number {
  return count === 0 ? 1 : Math.max(1, sum / count);
}
