import { parseKnowledgeDocument } from '../../src/knowledge/index.js';

/** A knowledge document titled `id`, published by "Test", with one paragraph per string. */
export function documentOf(id: string, paragraphs: string[]) {
  const text = `---\nid: ${id}\ntitle: ${id}\npublisher: Test\n---\n${paragraphs.join('\n\n')}\n`;
  return parseKnowledgeDocument(`${id}.md`, new TextEncoder().encode(text));
}
