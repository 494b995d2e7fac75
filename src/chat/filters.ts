/**
 * `from:` and `since:` written inside a question. They are taken out of the text before it is
 * answered, so "from:the74 what did RAND find?" searches for "what did RAND find?" in The 74 only.
 */

/** The filters found in a question, and the question without them. */
export interface QuestionFilters {
  /** The question with the filters removed, spaces tidied. */
  question: string;
  /** Each `from:` term as written (quotes removed), in order; empty when none. */
  from: string[];
  /**
   * Earliest publication date allowed, as an ISO `YYYY-MM-DD` lower bound (`since:2017` →
   * `2017-01-01`, `since:2017-06` → `2017-06-01`); null when not given.
   */
  since: string | null;
  /** Filters that could not be understood, as written (e.g. `since:last-year`). */
  invalid: string[];
}

// A key, a colon, then a "quoted phrase" (straight or curly quotes) or one word.
const FILTER = /(?<![\p{L}\p{N}])(from|since):\s?(?:"([^"]*)"|“([^”]*)”|'([^']*)'|‘([^’]*)’|(\S+))/giu;

/** Finds `from:` / `since:` filters in `text`; everything else is left as the question. */
export function parseQuestionFilters(text: string): QuestionFilters {
  const from: string[] = [];
  const invalid: string[] = [];
  let since: string | null = null;
  const question = text.replace(FILTER, (whole, key: string, ...values: Array<string | undefined>) => {
    const value = (values.slice(0, 5).find((v) => v !== undefined) ?? '').trim();
    if (key.toLowerCase() === 'from') {
      if (value) from.push(value);
      else invalid.push(whole);
      return ' ';
    }
    const date = sinceDate(value);
    if (date) since = since && since > date ? since : date;
    else invalid.push(whole);
    return ' ';
  });
  return { question: question.replace(/\s+/g, ' ').trim(), from, since, invalid };
}

/** `2017` → `2017-01-01`, `2017-06` → `2017-06-01`, `2017-06-15` as is; null for anything else. */
export function sinceDate(value: string): string | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return null;
  const [, year, month = '01', day = '01'] = match;
  const date = new Date(`${year}-${month}-${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== `${year}-${month}-${day}`)
    return null;
  return `${year}-${month}-${day}`;
}
