import { type DomDocument, type DomElement, tagOf } from './dom.js';

/**
 * The first half of the second pass, on the whole page before Readability looks for the article:
 * elements that are page furniture by what they are, not by where they sit. They are named by
 * kind (the vocabulary sites use for such parts), never by site.
 */

/**
 * Elements that hold no article prose: pictures and their captions, navigation, asides, dialogs.
 * (Not forms: some sites wrap the whole page in one.)
 */
const FURNITURE_TAGS = ['figure', 'figcaption', 'picture', 'nav', 'aside', 'dialog', 'menu'];

/** Elements the page itself hides, or marks as navigation, sidebar or dialog. */
const HIDDEN_OR_MARKED = [
  '[hidden]',
  '[aria-hidden="true"]',
  '[role="navigation"]',
  '[role="complementary"]',
  '[role="dialog"]',
];
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

/**
 * Words in a class or id that name furniture. Matched against whole words of the name
 * (split at `-`, `_`, spaces and camelCase), so "shared-content" or "adventure" do not match.
 */
const FURNITURE_WORDS = new Set([
  'advert',
  'advertisement',
  'ads',
  'adslot',
  'sponsor',
  'sponsored',
  'promo',
  'breadcrumbs',
  'byline',
  'dateline',
  'timestamp',
  'caption',
  'credit',
  'credits',
  'share',
  'sharing',
  'social',
  'newsletter',
  'subscribe',
  'subscription',
  'signup',
  'related',
  'recommended',
  'recommendations',
  'trending',
  'popular',
  'outbrain',
  'taboola',
  'comments',
  'comment',
  'disqus',
  'tags',
  'cookie',
  'cookies',
  'consent',
  'popup',
  'toolbar',
  'navigation',
  'footer',
  'masthead',
  'bio',
  'hide',
  'hdn',
  'sr',
  'visually',
]);

function nameWords(element: DomElement): string[] {
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
  return names
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

function textLength(element: DomElement): number {
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

/**
 * Removes furniture from the page, in place. An element named like furniture is kept when it
 * holds a large share of the page's paragraph text: article wrappers sometimes carry names such
 * as "post has-comments", and losing the article is worse than keeping a widget.
 */
export function removeFurniture(document: DomDocument): void {
  const root = document.body ?? document.documentElement;
  for (const element of Array.from(root.querySelectorAll([...FURNITURE_TAGS, ...HIDDEN_OR_MARKED].join(','))))
    element.remove();
  for (const element of Array.from(root.querySelectorAll('[style]'))) {
    if (HIDDEN_STYLE.test(element.getAttribute('style') ?? '')) element.remove();
  }
  const paragraphText = Array.from(root.querySelectorAll('p')).reduce((sum, p) => sum + textLength(p), 0);
  const guarded = Math.max(200, paragraphText * 0.3);
  for (const element of Array.from(root.querySelectorAll('[class],[id]'))) {
    if (tagOf(element) === 'body' || tagOf(element) === 'html') continue;
    if (!nameWords(element).some((word) => FURNITURE_WORDS.has(word))) continue;
    const paragraphs = Array.from(element.querySelectorAll('p')).reduce((sum, p) => sum + textLength(p), 0);
    if (paragraphs >= guarded) continue;
    element.remove();
  }
}
