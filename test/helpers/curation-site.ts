import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A short web article: a title, and paragraphs of plain sentences. */
export interface TestArticle {
  title: string;
  paragraphs: readonly string[];
}

/** The article as a small HTML page, the way a news site might serve it (no canonical link). */
export function articleHtml(article: TestArticle): string {
  const paragraphs = article.paragraphs.map((text) => `      <p>${text}</p>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${article.title}</title>
</head>
<body>
  <main>
    <article>
      <h1>${article.title}</h1>
${paragraphs}
    </article>
  </main>
</body>
</html>
`;
}

/** A loopback web site serving articles, counting every request per path (404s included). */
export interface CurationSite {
  /** `http://127.0.0.1:<port>`. */
  base: string;
  url(path: string): string;
  /** How many requests a path got. */
  hits(path: string): number;
  close(): Promise<void>;
}

/** Serves each article at its path as text/html on 127.0.0.1 (404 elsewhere), counting requests. */
export async function serveArticles(articles: Record<string, TestArticle>): Promise<CurationSite> {
  const hits = new Map<string, number>();
  const server = createServer((request, response) => {
    const path = request.url ?? '';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const article = Object.hasOwn(articles, path) ? articles[path] : undefined;
    if (article)
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articleHtml(article));
    else response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    url: (path) => `${base}${path}`,
    hits: (path) => hits.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
