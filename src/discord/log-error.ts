/** Webhook and interaction URLs carry a token of their own in the path. */
const TOKEN_IN_PATH = /\/(webhooks\/\d+|interactions\/\d+)\/[^/?]+/g;

/**
 * An error as it may be logged: name, message, stack, and for discord.js REST errors the status,
 * code, method and URL, with interaction and webhook tokens replaced by `:token`. The request
 * body (the whole answer) and raw headers are left out.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: Record<string, unknown> = { type: error.name, message: error.message, stack: error.stack };
  const rest = error as Error & { status?: unknown; code?: unknown; method?: unknown; url?: unknown };
  for (const key of ['status', 'code', 'method'] as const) {
    if (rest[key] !== undefined) fields[key] = rest[key];
  }
  if (typeof rest.url === 'string') fields.url = rest.url.replace(TOKEN_IN_PATH, '/$1/:token');
  return fields;
}
