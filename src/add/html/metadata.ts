import { isoDay } from '../../knowledge/iso-day.js';
import type { DomDocument, DomElement } from './dom.js';

/** Citation fields a page states about itself; null where it states nothing (never guessed). */
export interface PageMetadata {
  title: string | null;
  author: string | null;
  publisher: string | null;
  /** `YYYY-MM-DD`. */
  date: string | null;
  /** The page's canonical address, or the address it was fetched from. */
  url: string | null;
}

type Json = Record<string, unknown>;

function clean(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

function meta(document: DomDocument, ...keys: string[]): string | null {
  for (const key of keys) {
    const element =
      document.querySelector(`meta[property="${key}"]`) ?? document.querySelector(`meta[name="${key}"]`);
    const value = clean(element?.getAttribute('content'));
    if (value) return value;
  }
  return null;
}

/** Every JSON-LD object on the page, `@graph` members included. */
function jsonLd(document: DomDocument): Json[] {
  const objects: Json[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      objects.push(value as Json);
      if ('@graph' in value) visit((value as Json)['@graph']);
    }
  };
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // A page's broken JSON-LD is its own problem: the other sources of metadata still count.
    }
  }
  return objects;
}

const ARTICLE_TYPES = /Article|BlogPosting|Report|NewsArticle|WebPage/;

function isArticle(object: Json): boolean {
  const type = object['@type'];
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t));
}

/** A JSON-LD person or organisation: a name, or a list of them joined by commas. */
function names(value: unknown): string | null {
  const list = (Array.isArray(value) ? value : [value])
    .map((item) => (item && typeof item === 'object' ? clean((item as Json).name) : clean(item)))
    .filter((name): name is string => name !== null);
  return list.length > 0 ? [...new Set(list)].join(', ') : null;
}

function absolute(href: string | null, base: string | null): string | null {
  if (!href) return null;
  try {
    const url = new URL(href, base ?? undefined);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function firstText(document: DomDocument, selector: string): string | null {
  const element: DomElement | null = document.querySelector(selector);
  return clean(element?.textContent);
}

/**
 * Reads what the page states: title (og:title, JSON-LD headline, `<h1>`, `<title>`), author (JSON-LD
 * author, meta author, a `rel=author` link), publisher (og:site_name, JSON-LD publisher), date
 * published (article:published_time, JSON-LD datePublished, the first `<time datetime>`) and
 * canonical URL (`<link rel=canonical>`, og:url, else the address it came from).
 */
export function readMetadata(document: DomDocument, pageUrl: string | null): PageMetadata {
  const ld = jsonLd(document);
  const article = ld.find(isArticle) ?? {};
  const title =
    meta(document, 'og:title', 'twitter:title') ??
    clean(article.headline) ??
    firstText(document, 'h1') ??
    clean(document.title);
  const author =
    names(article.author) ??
    meta(document, 'author', 'article:author') ??
    firstText(document, '[rel="author"]');
  const publisher = meta(document, 'og:site_name') ?? names(article.publisher);
  const date =
    isoDay(meta(document, 'article:published_time', 'datePublished', 'date')) ??
    isoDay(clean(article.datePublished)) ??
    isoDay(document.querySelector('time[datetime]')?.getAttribute('datetime'));
  const canonical =
    absolute(document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null, pageUrl) ??
    absolute(meta(document, 'og:url'), pageUrl);
  return {
    title,
    author: author?.startsWith('http') ? null : author,
    publisher,
    date,
    url: canonical ?? absolute(pageUrl, null),
  };
}
