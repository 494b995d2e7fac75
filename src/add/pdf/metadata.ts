import { isoDay } from '../../knowledge/iso-day.js';
import { isPageNumber } from './furniture.js';
import type { PdfLine } from './lines.js';
import { joinLines } from './paragraphs.js';

/**
 * What a PDF's first pages print about the document itself: its title, its author and its date.
 * Read only from what the page says, never guessed: a field the page does not state is null.
 */

/** Titles that name the file or the program, not the document. */
export const NOT_A_TITLE =
  /^(?:microsoft (?:word|powerpoint|excel)\b|untitled\b|title$|document\s*\d*$|(?:powerpoint )?presentation$|slide \d+$)|\.(?:docx?|pptx?|xlsx?|odt|rtf|pdf|indd|tex|dvi|ps)$/i;

/** Authors that name an account, not a person. */
export const NOT_AN_AUTHOR = /^(?:admin(?:istrator)?|user|owner|author|unknown|default|root|guest)$/i;

/** The title's type must be at least this much larger than the body's. */
const TITLE_SCALE = 1.15;
/** Sizes within this many points of each other count as the same. */
const SAME_SIZE = 0.5;
/** A title wraps over at most this many lines; more in the largest type is not a title. */
const MAX_TITLE_LINES = 3;
/** How many lines under the title may hold the byline. */
const BYLINE_LINES = 4;
/** The most authors read from a byline. */
const MAX_AUTHORS = 12;
/** How many pages are searched for a printed date. */
const DATE_PAGES = 3;

/** The size most of the text is set in: the body's. */
export function bodySize(pages: readonly (readonly PdfLine[])[]): number {
  const weight = new Map<number, number>();
  for (const line of pages.flat()) {
    const size = Math.round(line.fontSize * 2) / 2;
    weight.set(size, (weight.get(size) ?? 0) + line.text.length);
  }
  let best = 0;
  let most = -1;
  for (const [size, chars] of weight) {
    if (chars > most) [best, most] = [size, chars];
  }
  return best;
}

function hasWords(text: string): boolean {
  return (text.match(/\p{L}/gu) ?? []).length >= 2;
}

/**
 * The title printed on the first page: the topmost line in the page's largest type, with the lines
 * right under it in the same type when it wraps. Null when nothing stands out from the body text.
 * Returns the lines it used too, so the byline can be looked for under them.
 */
export function printedTitle(
  firstPage: readonly PdfLine[],
  body: number,
): { title: string; lines: PdfLine[] } | null {
  const candidates = firstPage.filter((line) => hasWords(line.text) && !isPageNumber(line.text));
  if (candidates.length === 0) return null;
  const largest = Math.max(...candidates.map((line) => line.fontSize));
  if (largest < body * TITLE_SCALE) return null;
  const start = firstPage.findIndex(
    (line) => candidates.includes(line) && line.fontSize >= largest - SAME_SIZE,
  );
  const lines: PdfLine[] = [firstPage[start] as PdfLine];
  for (let at = start + 1; at < firstPage.length; at++) {
    const line = firstPage[at] as PdfLine;
    const above = lines[lines.length - 1] as PdfLine;
    if (Math.abs(line.fontSize - largest) > SAME_SIZE || above.y - line.y > largest * 2) break;
    lines.push(line);
  }
  if (lines.length > MAX_TITLE_LINES) return null;
  const title = lines
    .map((line) => line.text)
    .reduce(joinLines)
    .replace(/\s+/g, ' ')
    .trim();
  if (title.length > 300 || NOT_A_TITLE.test(title)) return null;
  return { title, lines };
}

/** Words that name an organisation, a section or a kind of document, never a person. */
const NOT_A_NAME =
  /^(?:the|a|an|of|for|on|in|to|with|from|at|abstract|introduction|summary|executive|contents|table|chapter|part|section|preface|foreword|overview|background|appendix|report|paper|guide|handbook|manual|edition|version|draft|final|annual|review|notes?|group|university|institute|corporation|company|inc|ltd|llc|gmbh|foundation|department|dept|project|association|society|center|centre|laboratory|lab|labs|press|committee|council|database|specification|standard|office|agency|ministry|board|school|college|services?|research|programme|program|network|organi[sz]ation|library|bank|fund|trust|union|national|international|federal|government|public|policy|working|team|staff|desktop|system|systems|software|technologies|technology|studies|study|journal|proceedings|conference|workshop|world|global|new|united|states|kingdom|europe|european|america|american)$/i;

/** A word of a person's name: "Ann", "O'Brien", "Jean-Paul", "McDonald", "LEONARD". */
const NAME_WORD =
  /^(?:\p{Lu}[\p{Ll}'’]*(?:-\p{Lu}?[\p{Ll}'’]+)*\p{Ll}|\p{Lu}[\p{Ll}'’]*\p{Lu}\p{Ll}+|\p{Lu}{2,})$/u;
/** An initial: "F.", "J.R.R.". */
const INITIAL = /^(?:\p{Lu}\.(?:-?\p{Lu}\.)*)$/u;
/** Lower-case particles inside a name: "Ludwig van Beethoven". */
const PARTICLE = /^(?:van|von|de|der|den|del|della|di|da|du|le|la|bin|ibn|al)$/;
const SUFFIX = /^(?:Jr\.?|Sr\.?|II|III|IV)$/;

/** One person's name as printed: 2–4 words, each capitalised or an initial, ending in a surname. */
function personName(text: string): string | null {
  const words = text.trim().split(/\s+/);
  if (words.length < 2 || words.length > 5) return null;
  const core = SUFFIX.test(words[words.length - 1] as string) ? words.slice(0, -1) : words;
  if (core.length < 2 || core.length > 4) return null;
  const last = core[core.length - 1] as string;
  if (!NAME_WORD.test(last) || NOT_A_NAME.test(last)) return null;
  for (const word of core) {
    if (PARTICLE.test(word) || INITIAL.test(word)) continue;
    if (!NAME_WORD.test(word) || NOT_A_NAME.test(word)) return null;
  }
  if (PARTICLE.test(core[0] as string)) return null;
  const shouting = core.every((word) => !/\p{Ll}/u.test(word) || PARTICLE.test(word));
  const printed = words.join(' ');
  return shouting
    ? printed.replace(/\p{Lu}+/gu, (word) => (word.length > 1 ? word[0] + word.slice(1).toLowerCase() : word))
    : printed;
}

/** "Ann Smith", "Ann Smith and Bob Jones", "Ann Smith, Bob Jones and Cy Young". */
function listNames(names: readonly string[]): string {
  return names.length < 2
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** A line's names, or null unless every part is a person's name; an e-mail address after one is set aside. */
function lineNames(line: string): string[] | null {
  const text = line
    .replace(/\(\s*[^()\s]+@[^()\s]+\s*\)|<[^<>\s]+@[^<>\s]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^by:?\s+/i, '');
  if (text === '' || /\d/.test(text)) return null;
  const parts = text.split(/\s*(?:,|;)\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+/i).filter((part) => part !== '');
  if (parts.length === 0 || parts.length > 8) return null;
  const names: string[] = [];
  for (const part of parts) {
    const name = personName(part);
    if (!name) return null;
    names.push(name);
  }
  return names;
}

/**
 * A byline's names: "Ann Smith", "By Ann Smith and Bob Jones", "Ann Smith, Bob Jones & Cy Young".
 * Null unless every part is a person's name (no digits, no organisation words).
 */
export function bylineNames(line: string): string | null {
  const names = lineNames(line);
  return names ? listNames(names) : null;
}

/**
 * The byline printed under the title: the first of the few lines right under it that is "By …"
 * or nothing but people's names, with the lines right after it that are names too (one author a
 * line). Null when none is.
 */
export function printedAuthor(firstPage: readonly PdfLine[], titleLines: readonly PdfLine[]): string | null {
  const last = titleLines[titleLines.length - 1];
  const after = last ? firstPage.indexOf(last) + 1 : 0;
  for (let at = after; at < Math.min(firstPage.length, after + BYLINE_LINES); at++) {
    const names = lineNames((firstPage[at] as PdfLine).text);
    if (!names) continue;
    for (let next = at + 1; next < firstPage.length && names.length < MAX_AUTHORS; next++) {
      const more = lineNames((firstPage[next] as PdfLine).text);
      if (!more) break;
      names.push(...more);
    }
    return listNames(names);
  }
  return null;
}

const MONTHS = [
  'jan(?:uary)?',
  'feb(?:ruary)?',
  'mar(?:ch)?',
  'apr(?:il)?',
  'may',
  'june?',
  'july?',
  'aug(?:ust)?',
  'sep(?:t(?:ember)?)?',
  'oct(?:ober)?',
  'nov(?:ember)?',
  'dec(?:ember)?',
];
const MONTH = `(${MONTHS.join('|')})\\.?`;
const ORDINAL = '(?:st|nd|rd|th)?';
/** "2 October 2018", "2nd of Oct. 2018", "October 2, 2018", "2018-10-02". Never "02/10/2018": which is the day? */
const DATE_FORMS = [
  `\\b(\\d{1,2})${ORDINAL}\\s+(?:of\\s+)?${MONTH},?\\s+(\\d{4})(?!\\d)`,
  `\\b${MONTH}\\s+(\\d{1,2})${ORDINAL},?\\s+(\\d{4})(?!\\d)`,
  `\\b(\\d{4})-(\\d{2})-(\\d{2})(?!\\d)`,
];
const DATE = `(?:${DATE_FORMS.join('|')})`;
/** Words that say the date that follows is the document's own. */
const DATE_KEYWORD = `\\b(?:(?:last\\s+)?(?:updated|modified|revised)|published|dated|released|issued|date)(?:\\s+(?:on|of))?\\s*[:,–-]?\\s*`;

function monthNumber(name: string): number {
  const lower = name.toLowerCase();
  return MONTHS.findIndex((pattern) => new RegExp(`^(?:${pattern})$`).test(lower)) + 1;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1000) return null;
  return isoDay(
    `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  );
}

/** The date a match of DATE spells, as `YYYY-MM-DD`; null for one that is no real day. */
function matchedDate(groups: readonly (string | undefined)[]): string | null {
  const [d1, m1, y1, m2, d2, y2, y3, m3, d3] = groups;
  if (d1 && m1 && y1) return isoDate(Number(y1), monthNumber(m1), Number(d1));
  if (m2 && d2 && y2) return isoDate(Number(y2), monthNumber(m2), Number(d2));
  if (y3 && m3 && d3) return isoDate(Number(y3), Number(m3), Number(d3));
  return null;
}

/**
 * The date the document prints as its own: after "last updated", "published", "dated", "revised",
 * "date:"… on its first pages (the first such, in reading order); else a line of the first page
 * that is little but a date ("Version 0.21, 2 October 2018", "October 2, 2018"). Null when the
 * pages print neither: a date in running text may be about anything, and is not taken.
 */
export function printedDate(pages: readonly (readonly PdfLine[])[]): string | null {
  const keyworded = new RegExp(DATE_KEYWORD + DATE, 'giu');
  for (const page of pages.slice(0, DATE_PAGES)) {
    const text = page.map((line) => line.text).join(' ');
    for (const match of text.matchAll(keyworded)) {
      const date = matchedDate(match.slice(1));
      if (date) return date;
    }
  }
  const alone = new RegExp(DATE, 'iu');
  for (const line of pages[0] ?? []) {
    const match = alone.exec(line.text);
    if (!match) continue;
    // Little but the date: at most three words besides it, version numbers not counted.
    const rest = line.text.replace(match[0], ' ').replace(/\bv?\d+(?:\.\d+)*\b/gi, ' ');
    if ((rest.match(/\p{L}+/gu) ?? []).length > 3) continue;
    const date = matchedDate(match.slice(1));
    if (date) return date;
  }
  return null;
}
