/** Words at each end of a quote used to build a `#:~:text=start,end` fragment for long quotes. */
const FRAGMENT_EDGE_WORDS = 5;
/** Quotes of at most this many words are put into the fragment whole. */
const FRAGMENT_WHOLE_WORDS = 2 * FRAGMENT_EDGE_WORDS;

/**
 * The source URL with a text fragment (`#:~:text=…`) so a browser scrolls to and highlights the
 * quoted passage. Returns undefined for anything that is not an absolute http(s) URL, so a
 * malformed or hostile `url` never becomes a link. An existing `#fragment` is kept (the text
 * directive follows it, as the spec allows).
 */
export function linkToPassage(url: string, quote: string): string | undefined {
  const base = normalizeHttpUrl(url);
  if (!base) return undefined;
  const directive = textDirective(quote);
  if (!directive) return base;
  return `${base}${base.includes('#') ? '' : '#'}:~:text=${directive}`;
}

/** An absolute http(s) URL with characters that would end a chat link (`|`, `<`, `>`, space) encoded. */
export function normalizeHttpUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  // A text directive from the source's own URL would point at some other passage.
  const href = parsed.href.replace(/:~:.*$/, '').replace(/#$/, '');
  return href.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\s/g, '%20');
}

/** `start,end` (or the whole quote) encoded for a text directive; '' when the quote has no words. */
export function textDirective(quote: string): string {
  const words = quote.split(/\s+/).filter((word) => word.length > 0);
  if (words.length === 0) return '';
  if (words.length <= FRAGMENT_WHOLE_WORDS) return encodeFragmentText(words.join(' '));
  const start = words.slice(0, FRAGMENT_EDGE_WORDS).join(' ');
  const end = words.slice(-FRAGMENT_EDGE_WORDS).join(' ');
  return `${encodeFragmentText(start)},${encodeFragmentText(end)}`;
}

/** Percent-encodes text for a text directive, where `-`, `,` and `&` have meanings of their own. */
function encodeFragmentText(text: string): string {
  return encodeURIComponent(text).replace(/-/g, '%2D');
}
