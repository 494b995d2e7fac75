import { parseHTML } from 'linkedom';

/**
 * The few DOM features extraction uses, typed here because the project compiles without the DOM
 * library (linkedom's own types are loose).
 */
export interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  parentNode: DomElement | null;
  childNodes: ArrayLike<DomNode>;
}

export interface DomElement extends DomNode {
  tagName: string;
  children: ArrayLike<DomElement>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  remove(): void;
}

export interface DomDocument {
  documentElement: DomElement;
  body: DomElement | null;
  head: DomElement | null;
  title: string;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

/** Parses a page into a document (linkedom: fast, no scripts run, no network). */
export function parsePage(html: string): DomDocument {
  // linkedom leaves a fragment without <html> (or an empty string) without a document element.
  const whole = /<html[\s>]/i.test(html)
    ? html
    : `<!doctype html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(whole) as unknown as { document: DomDocument };
  if (!document.documentElement) return parsePage('');
  return document;
}

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

/** An element's lower-case tag name. */
export function tagOf(element: DomElement): string {
  return element.tagName.toLowerCase();
}
