import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { normalizeHttpUrl } from '../answer/passage-link.js';
import { KNOWLEDGE_EXTENSION, parseKnowledgeDocument, TEXT_EXTENSION } from '../knowledge/load.js';

/** What is already in the knowledge folder: names, ids, addresses and texts, to refuse duplicates. */
export interface FolderIndex {
  names: Set<string>;
  ids: Set<string>;
  /** Normalised URL → file holding it. */
  urls: Map<string, string>;
  /** Normalised text → file holding it. */
  texts: Map<string, string>;
  /** File → the id of the source in it. */
  idOf: Map<string, string>;
}

/** Compares addresses as the same page: no fragment, no trailing slash, host in lower case. */
export function urlKey(url: string): string {
  const normal = normalizeHttpUrl(url) ?? url;
  try {
    const parsed = new URL(normal);
    parsed.hash = '';
    return parsed.href.replace(/\/$/, '');
  } catch {
    return normal;
  }
}

/** Compares texts as the same source: white space and letter case set aside. */
export function textKey(body: string): string {
  return body.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Reads the folder's sources. Files that do not load are still counted by name (never
 * overwritten) but cannot be compared; `npm run check-knowledge` reports them.
 */
export async function indexFolder(dir: string): Promise<FolderIndex> {
  const index: FolderIndex = {
    names: new Set(),
    ids: new Set(),
    urls: new Map(),
    texts: new Map(),
    idOf: new Map(),
  };
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return index;
    throw error;
  }
  for (const name of names.sort()) {
    index.names.add(name.toLowerCase());
    const lower = name.toLowerCase();
    if (!lower.endsWith(KNOWLEDGE_EXTENSION) && !lower.endsWith(TEXT_EXTENSION)) continue;
    try {
      const document = parseKnowledgeDocument(name, await readFile(path.join(dir, name)));
      remember(index, name, document.meta.id, document.meta.url, document.body);
    } catch {
      // A broken file is check-knowledge's to report; its name is still taken.
    }
  }
  return index;
}

export function remember(
  index: FolderIndex,
  name: string,
  id: string,
  url: string | null,
  body: string,
): void {
  index.names.add(name.toLowerCase());
  index.ids.add(id);
  index.idOf.set(name, id);
  if (url) index.urls.set(urlKey(url), name);
  index.texts.set(textKey(body), name);
}
