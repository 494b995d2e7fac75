import { type DomElement, type DomNode, isElement, TEXT_NODE, tagOf } from './dom.js';

/** Elements that start a new block of text; everything else flows inline. */
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'caption',
]);

/** Elements whose text is never article prose. */
const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'button',
  'select',
  'textarea',
  'iframe',
  'object',
  'canvas',
]);

/** A block of text from the page, with the element it came from (for the second pass). */
export interface TextBlock {
  text: string;
  /** The nearest block-level element around the text. */
  element: DomElement;
  /** Characters of the block inside links. */
  linkChars: number;
  /** An image stands between the previous block's text and this block's end (a caption's place). */
  afterImage: boolean;
}

/** Elements that show a picture. */
const IMAGE_TAGS = new Set(['img', 'picture', 'video']);

/**
 * Turns an element's content into blocks of text: one per paragraph, heading, list item or cell;
 * white space collapsed as a browser shows it, `<br>` kept as a line break.
 */
export function textBlocks(root: DomElement): TextBlock[] {
  const blocks: TextBlock[] = [];
  let text = '';
  let linkChars = 0;
  let afterImage = false;
  const owners: DomElement[] = [root];
  const flush = () => {
    const cleaned = text
      .split('\n')
      .map((line) => line.replace(/[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ').trim())
      .filter((line) => line !== '')
      .join('\n');
    if (cleaned !== '') {
      blocks.push({ text: cleaned, element: owners[owners.length - 1] ?? root, linkChars, afterImage });
      afterImage = false;
    }
    text = '';
    linkChars = 0;
  };
  const walk = (node: DomNode, inLink: boolean, inPre: boolean) => {
    if (node.nodeType === TEXT_NODE) {
      const raw = node.textContent ?? '';
      const value = inPre ? raw : raw.replace(/\s+/g, ' ');
      text += value;
      if (inLink) linkChars += value.trim().length;
      return;
    }
    if (!isElement(node)) return;
    const tag = tagOf(node);
    if (SKIPPED_TAGS.has(tag)) return;
    if (IMAGE_TAGS.has(tag)) afterImage = true;
    if (tag === 'br') {
      text += '\n';
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) {
      flush();
      owners.push(node);
    }
    for (const child of Array.from(node.childNodes))
      walk(child, inLink || tag === 'a', inPre || tag === 'pre');
    if (block) {
      flush();
      owners.pop();
    }
  };
  walk(root, false, false);
  flush();
  return blocks;
}
