import { parseKnowledgeDocument } from '../../src/knowledge/index.js';

/** A knowledge document titled `title` (its `id` unless given), published by "Test", with one paragraph per string. */
export function documentOf(id: string, paragraphs: string[], title = id) {
  const text = `---\nid: ${id}\ntitle: ${JSON.stringify(title)}\npublisher: Test\n---\n${paragraphs.join('\n\n')}\n`;
  return parseKnowledgeDocument(`${id}.md`, new TextEncoder().encode(text));
}
