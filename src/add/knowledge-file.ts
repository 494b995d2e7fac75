import type { ExtractedSource } from './sources.js';

/** Longest file name (and id) made from a title, before `.md`. */
export const MAX_SLUG = 60;

/** `Personalized Learning: Promising Evidence` → `personalized-learning-promising-evidence`. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= MAX_SLUG) return slug;
  const cut = slug.slice(0, MAX_SLUG + 1);
  return (cut.lastIndexOf('-') > 20 ? cut.slice(0, cut.lastIndexOf('-')) : cut.slice(0, MAX_SLUG)).replace(
    /-+$/,
    '',
  );
}

/** The name a source's file starts from: its title, else its address, else the input's file name. */
export function baseSlug(source: ExtractedSource, input: string): string {
  const fromUrl = source.url
    ? new URL(source.url).hostname.replace(/^www\./, '') + new URL(source.url).pathname
    : '';
  const fromInput = input.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  for (const candidate of [source.title, fromUrl, fromInput]) {
    const slug = candidate ? slugify(candidate) : '';
    if (slug !== '') return slug;
  }
  return 'source';
}

/**
 * A YAML value that reads back exactly as given: JSON's double-quoted strings are valid YAML, so
 * a colon, `#`, quote or leading `@` in a headline can never break the front matter.
 */
function yamlValue(value: string | null): string {
  return value === null ? '' : ` ${JSON.stringify(value)}`;
}

/**
 * The whole knowledge file: front matter, then the body exactly as extracted. `added` says who
 * added it from the chat, and when.
 */
export function renderKnowledgeFile(
  id: string,
  source: ExtractedSource,
  added?: { by: string; at: string },
): string {
  const fields: Array<[string, string | null]> = [
    ['id', id],
    ['title', source.title],
    ['author', source.author],
    ['publisher', source.publisher],
    ['date', source.date],
    ['url', source.url],
    ['about', null],
  ];
  const lines = fields.map(([key, value]) => `${key}:${key === 'id' ? ` ${value}` : yamlValue(value)}`);
  if (source.format) lines.push(`format: ${source.format}`);
  if (added) lines.push(`added_by:${yamlValue(added.by)}`, `added_at:${yamlValue(added.at)}`);
  return `---\n${lines.join('\n')}\n---\n${source.body}`;
}
