/**
 * Deterministic synthetic corpora and queries for the benchmark.
 *
 * Words follow a Zipf distribution (exponent 1, like English) over a vocabulary whose most
 * frequent ranks are the seed corpus's own words, in their seed frequency order (stop words
 * included, so sentences read like the seed's), followed by synthetic pronounceable words
 * (syllable combinations). The long synthetic tail is what gives a 100k-passage corpus its
 * 50k+ distinct terms.
 */

/** A passage of the benchmark corpus; `text` is its sentences joined with spaces. */
export interface BenchPassage {
  group: number;
  sentences: string[];
  text: string;
}

export interface BenchQuery {
  q: string;
  /** The passage the words were sampled from (-1 for the seed eval questions). */
  source: number;
  /** True when one word was misspelled. */
  typo: boolean;
}

/** Passages per generated document (group). */
export const PASSAGES_PER_GROUP = 20;

/** mulberry32: a small, fast, seeded 32-bit PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function intBetween(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

const ONSETS = [
  'b',
  'c',
  'd',
  'f',
  'g',
  'h',
  'j',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'w',
  'z',
  'br',
  'cl',
  'cr',
  'dr',
  'fl',
  'gr',
  'pl',
  'pr',
  'sh',
  'st',
  'th',
  'tr',
  'ch',
  'sp',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou', 'y'];
const CODAS = ['', '', '', '', '', 'n', 'r', 's', 'l', 'm', 'nt', 'st', 'rd', 'x'];

/** `count` distinct pronounceable words of 1–3 syllables (mostly 2), none of them in `exclude`. */
export function syntheticWords(count: number, seed: number, exclude: ReadonlySet<string>): string[] {
  const random = mulberry32(seed);
  const out = new Set<string>();
  while (out.size < count) {
    const roll = random();
    const syllables = roll < 0.15 ? 1 : roll < 0.7 ? 2 : 3;
    let word = '';
    for (let i = 0; i < syllables; i++)
      word += pick(random, ONSETS) + pick(random, VOWELS) + pick(random, CODAS);
    if (word.length >= 3 && !exclude.has(word)) out.add(word);
  }
  return [...out];
}

/** Samples ranks 0..n-1 with probability ∝ 1 / (rank + 1)^exponent. */
export function zipfSampler(n: number, exponent: number, random: () => number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let rank = 0; rank < n; rank++) {
    total += 1 / (rank + 1) ** exponent;
    cumulative[rank] = total;
  }
  return () => {
    const target = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** The seed words ranked by frequency, most frequent first (ties alphabetical, for determinism). */
export function rankSeedWords(texts: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const word of text.toLowerCase().match(/[a-z]+/g) ?? [])
      counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([word]) => word);
}

export interface CorpusOptions {
  passages: number;
  /** The seed corpus's words, most frequent first (see rankSeedWords). */
  seedWords: readonly string[];
  seed?: number;
  /** Synthetic words appended after the seed words; the Zipf tail. Default 150,000. */
  syntheticVocabulary?: number;
}

/** N passages of 2–6 sentences of 10–30 words, 20 passages to a group. Same options, same corpus. */
export function generateCorpus(options: CorpusOptions): BenchPassage[] {
  return [...corpusPassages(options)];
}

/** generateCorpus's passages one at a time (the same ones), for corpora too large to hold. */
export function* corpusPassages(options: CorpusOptions): Generator<BenchPassage> {
  const seed = options.seed ?? 42;
  const random = mulberry32(seed);
  const vocabulary = [
    ...options.seedWords,
    ...syntheticWords(options.syntheticVocabulary ?? 150_000, seed + 1, new Set(options.seedWords)),
  ];
  const nextRank = zipfSampler(vocabulary.length, 1, random);
  for (let p = 0; p < options.passages; p++) {
    const sentenceCount = intBetween(random, 2, 6);
    const sentences: string[] = [];
    for (let s = 0; s < sentenceCount; s++) {
      const length = intBetween(random, 10, 30);
      const sentenceWords: string[] = [];
      for (let w = 0; w < length; w++) sentenceWords.push(vocabulary[nextRank()] as string);
      const first = sentenceWords[0] as string;
      sentenceWords[0] = first.charAt(0).toUpperCase() + first.slice(1);
      // An occasional number, so "how many" handling and number detection see some.
      if (random() < 0.1)
        sentenceWords.splice(intBetween(random, 1, length - 1), 0, String(intBetween(random, 2, 9999)));
      sentences.push(`${sentenceWords.join(' ')}.`);
    }
    yield { group: Math.floor(p / PASSAGES_PER_GROUP), sentences, text: sentences.join(' ') };
  }
}

/** Distinct lower-cased words of the passages. */
export function distinctWords(
  passages: Iterable<Pick<BenchPassage, 'text'>>,
  set = new Set<string>(),
): Set<string> {
  for (const passage of passages)
    for (const word of passage.text.toLowerCase().match(/[a-z0-9]+/g) ?? []) set.add(word);
  return set;
}

/** One typing mistake: two neighbouring letters swapped, one dropped, or one doubled. */
export function misspell(word: string, random: () => number): string {
  const kind = Math.floor(random() * 3);
  const at = intBetween(random, 1, word.length - 2);
  if (kind === 0)
    return word.slice(0, at) + (word[at + 1] as string) + (word[at] as string) + word.slice(at + 2);
  if (kind === 1) return word.slice(0, at) + word.slice(at + 1);
  return word.slice(0, at) + (word[at] as string) + word.slice(at);
}

export interface QueryOptions {
  count: number;
  seed: number;
  /** Words never sampled (stop words): a query of stop words means nothing to any engine. */
  stopWords: ReadonlySet<string>;
  /** Every word of the corpus: a misspelling must not be a real word. */
  vocabulary: ReadonlySet<string>;
  /** Share of queries with one word misspelled. Default 0.25. */
  typoShare?: number;
}

/**
 * Queries of 2–5 content words sampled from one random passage (so they match it), a quarter
 * of them with one word of 5+ letters misspelled into a word the corpus does not hold.
 */
export function generateQueries(
  passages: ArrayLike<Pick<BenchPassage, 'text'>>,
  options: QueryOptions,
): BenchQuery[] {
  const random = mulberry32(options.seed);
  const typoShare = options.typoShare ?? 0.25;
  const queries: BenchQuery[] = [];
  while (queries.length < options.count) {
    const source = Math.floor(random() * passages.length);
    const passage = passages[source] as BenchPassage;
    const candidates = [
      ...new Set(
        (passage.text.toLowerCase().match(/[a-z]+/g) ?? []).filter(
          (word) => word.length > 1 && !options.stopWords.has(word),
        ),
      ),
    ];
    const size = intBetween(random, 2, 5);
    if (candidates.length < size) continue;
    const chosen: string[] = [];
    while (chosen.length < size) {
      const word = candidates.splice(Math.floor(random() * candidates.length), 1)[0] as string;
      chosen.push(word);
    }
    let typo = false;
    if (queries.length % Math.round(1 / typoShare) === 0) {
      const long = chosen.map((word, at) => ({ word, at })).filter(({ word }) => word.length >= 5);
      if (long.length === 0) continue;
      const target = pick(random, long);
      let wrong = misspell(target.word, random);
      for (let tries = 0; options.vocabulary.has(wrong) && tries < 10; tries++)
        wrong = misspell(target.word, random);
      if (options.vocabulary.has(wrong)) continue;
      chosen[target.at] = wrong;
      typo = true;
    }
    queries.push({ q: chosen.join(' '), source, typo });
  }
  return queries;
}
