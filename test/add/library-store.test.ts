import { readdir } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_FETCH_DEFAULTS } from '../../src/add/index.js';
import { KnowledgeLibrary, type LibraryStore } from '../../src/add/library.js';
import { ErrorCode } from '../../src/errors.js';
import { parseKnowledgeDocument } from '../../src/knowledge/load.js';
import type { KnowledgeDocument } from '../../src/knowledge/types.js';
import { servePages } from '../helpers/page-server.js';
import { removeTempFolders, tempFolder } from '../helpers/temp-folder.js';

const ARTICLE = `<html><head><title>Tutors in the city</title></head>
<body><article><h1>Tutors in the city</h1>
<p>The city's tutoring program reached 4,000 pupils in its first year, the council said on Monday.</p>
<p>Teachers said the sessions were most useful for pupils who had fallen behind in reading.</p>
</article></body></html>`;

let site: Awaited<ReturnType<typeof servePages>>;
beforeAll(async () => {
  site = await servePages({
    '/tutors.html': (_request, response) =>
      void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE),
  });
});
afterAll(() => site.close());
afterEach(removeTempFolders);

/** A store in memory, holding what the library puts, as the PostgreSQL store would. */
function memoryStore(): LibraryStore & { documents: KnowledgeDocument[] } {
  const documents: KnowledgeDocument[] = [];
  return {
    documents,
    async put(files) {
      for (const { file, bytes } of files) documents.push(parseKnowledgeDocument(file, bytes));
      return { ids: documents.map((document) => document.meta.id), problems: [] };
    },
    async remove(id) {
      const at = documents.findIndex((document) => document.meta.id === id);
      if (at < 0) return null;
      const [removed] = documents.splice(at, 1) as [KnowledgeDocument];
      return { id, title: removed.meta.title, file: removed.file };
    },
  };
}

describe('a library whose sources live in a store (KNOWLEDGE_STORE=postgres)', () => {
  const curator = { by: 'slack:U0CURATOR', at: new Date('2024-05-01T10:00:00Z') };

  it('stores an added source and leaves no file behind in the folder', async () => {
    const dir = await tempFolder();
    const store = memoryStore();
    const library = new KnowledgeLibrary(
      dir,
      { ...CHAT_FETCH_DEFAULTS, allowedHosts: ['127.0.0.1'] },
      () => store.documents,
      store,
    );
    const added = await library.add({ url: `${site.base}/tutors.html` }, curator);
    expect(store.documents.map((document) => document.meta.id)).toEqual([added.id]);
    expect(store.documents[0]?.body).toContain('reached 4,000 pupils');
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a source whose id the store already holds', async () => {
    const store = memoryStore();
    const fetch = { ...CHAT_FETCH_DEFAULTS, allowedHosts: ['127.0.0.1'] };
    await new KnowledgeLibrary(await tempFolder(), fetch, () => store.documents, store).add(
      { url: `${site.base}/tutors.html` },
      curator,
    );
    const again = new KnowledgeLibrary(await tempFolder(), fetch, () => store.documents, store);
    await expect(again.add({ url: `${site.base}/tutors.html` }, curator)).rejects.toMatchObject({
      code: ErrorCode.AddDuplicate,
    });
    expect(store.documents).toHaveLength(1);
  });

  it('removes from the store, and says when the store has no such source', async () => {
    const store = memoryStore();
    const library = new KnowledgeLibrary(
      await tempFolder(),
      { ...CHAT_FETCH_DEFAULTS, allowedHosts: ['127.0.0.1'] },
      () => store.documents,
      store,
    );
    const added = await library.add({ url: `${site.base}/tutors.html` }, curator);
    expect(await library.remove(added.id)).toMatchObject({ id: added.id });
    expect(store.documents).toEqual([]);
    await expect(library.remove(added.id)).rejects.toMatchObject({ code: ErrorCode.SourceNotFound });
  });
});
