import { Readability } from '@mozilla/readability';
import { type TextBlock, textBlocks } from './blocks.js';
import { dropFurnitureBlocks } from './blocks-pass.js';
import { type DomDocument, type DomElement, parsePage } from './dom.js';
import { removeFurniture } from './furniture.js';
import { type PageMetadata, readMetadata } from './metadata.js';

/** What a web page yields: its metadata and the article as plain text. */
export interface HtmlExtraction {
  meta: PageMetadata;
  /** Paragraphs separated by blank lines; lines of one paragraph (e.g. `<br>`) by single newlines. */
  text: string;
}

/** Runs Readability on the page and returns the article element, or null when it finds none. */
function readArticle(document: DomDocument): DomElement | null {
  const reader = new Readability<DomElement>(
    document as never,
    {
      serializer: (node: unknown) => node as DomElement,
    } as never,
  );
  let article: ReturnType<typeof reader.parse>;
  try {
    article = reader.parse();
  } catch {
    // Readability gives up on some malformed documents by throwing: for us that is "no article".
    return null;
  }
  return (article?.content as DomElement | null | undefined) ?? null;
}

export function blocksToText(blocks: readonly TextBlock[]): string {
  return blocks.map((block) => block.text).join('\n\n');
}

/** Readability's article alone, without the second pass: the baseline the evaluation compares with. */
export function readabilityOnly(html: string): string {
  const article = readArticle(parsePage(html));
  return article ? blocksToText(textBlocks(article)) : '';
}

/** All the text a page shows (scripts and styles aside): the other baseline. */
export function wholePageText(html: string): string {
  const document = parsePage(html);
  return blocksToText(textBlocks(document.body ?? document.documentElement));
}

/**
 * Extracts a web page: metadata first (Readability changes the document), then the article.
 * `pageUrl` is where the page came from, used to resolve a relative canonical link.
 */
export function extractHtml(html: string, pageUrl: string | null): HtmlExtraction {
  const document = parsePage(html);
  const meta = readMetadata(document, pageUrl);
  removeFurniture(document);
  const article = readArticle(document);
  const blocks = article ? dropFurnitureBlocks(textBlocks(article)) : [];
  return { meta, text: blocksToText(blocks) };
}
