import {
  BOILERPLATE_RULES,
  BOILERPLATE_SHARE,
  HEADLINE_MAX_WORDS,
  NAVIGATION_RUN,
  SENTENCE_END,
  SIDE_BLOCK_SHARE,
} from './boilerplate-rules.js';
import type { BoilerplateOverride, Paragraph, SegmentedParagraph } from './types.js';

type Segmented = SegmentedParagraph;

/** The reason a sentence is boilerplate by the rules, or null. */
export function boilerplateReason(text: string): string | null {
  for (const rule of BOILERPLATE_RULES) if (rule.pattern.test(text)) return rule.reason;
  return null;
}

function isHeadlineLike(body: string, paragraph: Segmented): boolean {
  const lines = body.slice(paragraph.start, paragraph.end).split('\n');
  return lines.every((line) => {
    const trimmed = line.trim();
    return trimmed.split(/\s+/).length <= HEADLINE_MAX_WORDS && !SENTENCE_END.test(trimmed);
  });
}

function matchesEntry(body: string, paragraph: Segmented, entry: number | string): boolean {
  if (typeof entry === 'number') return paragraph.number === entry;
  return body.slice(paragraph.start, paragraph.end).startsWith(entry);
}

/** How much of the rules to apply. */
export interface BoilerplateOptions {
  /**
   * Apply the passes that find page structure in flat text (navigation runs, side blocks).
   * Default true. Bodies extracted by `npm run add` had their page structure removed from the
   * HTML or PDF itself; on them these passes would only mistake short article lines for lists.
   */
  structure: boolean;
}

/**
 * A paragraph the bot may quote: not boilerplate, and holding a sentence that is not
 * boilerplate either.
 */
export function isQuotable(paragraph: Pick<Paragraph, 'boilerplate' | 'sentences'>): boolean {
  return paragraph.boilerplate === null && paragraph.sentences.some((sentence) => !sentence.boilerplate);
}

/**
 * Gives each quotable paragraph its number as a reader counts it (`Paragraph.readerNumber`):
 * 1, 2, 3… over the quotable paragraphs in order; `null` for the others.
 */
export function numberForReaders(paragraphs: Paragraph[]): Paragraph[] {
  let count = 0;
  for (const paragraph of paragraphs) paragraph.readerNumber = isQuotable(paragraph) ? ++count : null;
  return paragraphs;
}

/**
 * Marks boilerplate paragraphs and sentences in four passes, then applies the document's
 * override (whose numbers are positions in the file, `Paragraph.number`):
 * 1. sentences that match a rule (sign-ups, donation appeals, comment forms, furniture); a
 *    paragraph mostly made of them is boilerplate;
 * 2. runs of NAVIGATION_RUN or more headline-like or boilerplate paragraphs (lists of other
 *    headlines, sidebars) are boilerplate;
 * 3. the article is the largest block of content between such runs; smaller blocks cut off
 *    from it (ads, partner blurbs after the comments) are boilerplate too;
 * 4. headline-like lines above the first paragraph of prose (title, kicker, image caption or
 *    credit) are boilerplate.
 * Passes 2 to 4 run only with `options.structure`. Last, the quotable paragraphs are numbered
 * for readers (numberForReaders).
 */
export function markBoilerplate(
  body: string,
  segmented: Segmented[],
  override: BoilerplateOverride,
  options: BoilerplateOptions = { structure: true },
): Paragraph[] {
  const paragraphs: Paragraph[] = segmented.map((paragraph) => {
    let ruleChars = 0;
    let firstReason: string | null = null;
    const sentences = paragraph.sentences.map((sentence) => {
      const reason = boilerplateReason(body.slice(sentence.start, sentence.end));
      if (reason) {
        ruleChars += sentence.end - sentence.start;
        firstReason ??= reason;
      }
      return { ...sentence, boilerplate: reason !== null };
    });
    const share = ruleChars / Math.max(1, paragraph.end - paragraph.start);
    return {
      ...paragraph,
      readerNumber: null,
      sentences,
      boilerplate: share >= BOILERPLATE_SHARE ? firstReason : null,
    };
  });

  if (options.structure) {
    markStructure(body, paragraphs);
    markLeadIn(body, paragraphs);
  }
  for (const paragraph of paragraphs) {
    if (override.drop.some((entry) => matchesEntry(body, paragraph, entry)))
      paragraph.boilerplate = 'override: drop';
    if (override.keep.some((entry) => matchesEntry(body, paragraph, entry))) paragraph.boilerplate = null;
  }
  return numberForReaders(paragraphs);
}

/** A paragraph of article prose: not boilerplate, and its last line ends as a sentence does. */
function isProse(body: string, paragraph: Paragraph): boolean {
  if (paragraph.boilerplate !== null) return false;
  const lines = body.slice(paragraph.start, paragraph.end).split('\n');
  return SENTENCE_END.test((lines[lines.length - 1] ?? '').trim());
}

/**
 * Pass 4: the short lines above the first paragraph of prose (the page's title, a kicker, an
 * image's caption or credit) are never quoted; the citation names the title already. Nothing is
 * marked when the text has no paragraph of prose.
 */
function markLeadIn(body: string, paragraphs: Paragraph[]): void {
  const first = paragraphs.findIndex((paragraph) => isProse(body, paragraph));
  for (let i = 0; i < first; i++) {
    const paragraph = paragraphs[i] as Paragraph;
    if (isHeadlineLike(body, paragraph)) paragraph.boilerplate ??= 'title or caption above the article';
  }
}

/** Passes 2 and 3: navigation runs, and blocks cut off from the article by them. */
function markStructure(body: string, paragraphs: Paragraph[]): void {
  const headlineLike = paragraphs.map((p) => p.boilerplate !== null || isHeadlineLike(body, p));
  for (let start = 0; start < paragraphs.length; ) {
    let end = start;
    while (end < paragraphs.length && headlineLike[end]) end++;
    if (end - start >= NAVIGATION_RUN) {
      for (let i = start; i < end; i++) {
        const paragraph = paragraphs[i] as Paragraph;
        paragraph.boilerplate ??= 'navigation or headline list';
      }
    }
    start = Math.max(end, start + 1);
  }

  const blocks: Array<{ from: number; to: number; chars: number }> = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const paragraph = paragraphs[i] as Paragraph;
    if (paragraph.boilerplate !== null) continue;
    const last = blocks[blocks.length - 1];
    const gap = last ? paragraphs.slice(last.to + 1, i).filter((p) => p.boilerplate !== null).length : 0;
    if (last && gap < NAVIGATION_RUN) {
      last.to = i;
      last.chars += paragraph.end - paragraph.start;
    } else blocks.push({ from: i, to: i, chars: paragraph.end - paragraph.start });
  }
  const largest = Math.max(0, ...blocks.map((block) => block.chars));
  for (const block of blocks) {
    if (block.chars >= largest * SIDE_BLOCK_SHARE) continue;
    for (let i = block.from; i <= block.to; i++) {
      const paragraph = paragraphs[i] as Paragraph;
      paragraph.boilerplate ??= 'side block apart from the article';
    }
  }
}
