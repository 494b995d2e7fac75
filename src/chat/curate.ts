import type { AddedSource } from '../add/add-sources.js';
import type { KnowledgeLibrary, LibraryInput } from '../add/library.js';
import { BotError } from '../errors.js';
import type { Recorder } from '../store/recorder.js';
import type { ChatFile, ChatMessage, CurationResult, PlatformName } from './types.js';

/** Who may change the knowledge base from the chat, and the folder they change. */
export interface CurationOptions {
  /**
   * Slack user ids, Discord user ids and Discord role ids allowed to add and remove sources
   * (CURATORS). Empty: nobody can, and `add` says how to enable it.
   */
  curators: ReadonlySet<string>;
  /** Where sources are added and removed. */
  library: KnowledgeLibrary;
}

/** A curation command read from a message: what to add, or which source to remove. */
export type CurationCommand = { action: 'add'; urls: string[] } | { action: 'remove'; ids: string[] };

/** `add <url> …` (or `add` with files attached) and `remove <id> …`; null for anything else. */
export function curationCommand(text: string): CurationCommand | null {
  const match = /^\s*(add|remove)\b\s*(.*)$/is.exec(text);
  if (!match) return null;
  const words = (match[2] ?? '').split(/\s+/).filter((word) => word !== '');
  if ((match[1] ?? '').toLowerCase() === 'add') {
    // "add" followed by words that are not all addresses is a question ("add up the costs?").
    if (words.some((word) => !/^https?:\/\//i.test(word))) return null;
    return { action: 'add', urls: words };
  }
  if (words.length === 0 || words.some((word) => !/^[a-z0-9][a-z0-9-]*$/i.test(word))) return null;
  return { action: 'remove', ids: words };
}

/** True when the asker is a curator: their user id or one of their roles is listed. */
export function isCurator(
  curators: ReadonlySet<string>,
  message: Pick<ChatMessage, 'user' | 'roles'>,
): boolean {
  if (message.user && curators.has(message.user)) return true;
  return (message.roles ?? []).some((role) => curators.has(role));
}

/** Most inputs one message may add, so one message cannot start a crawl. */
export const MAX_INPUTS_PER_MESSAGE = 5;

/**
 * Runs a curator's command: each address and attached file is added (or each id removed), one
 * after another, each recorded in the store; a failure is reported in its own words and the
 * rest still go in. Nothing is fetched or downloaded before the caller has checked the curator.
 */
export async function runCuration(
  command: CurationCommand,
  message: ChatMessage,
  options: CurationOptions,
  context: { platform: PlatformName; recorder: Recorder },
): Promise<CurationResult[]> {
  const curator = { by: `${context.platform}:${message.user ?? 'unknown'}`, at: new Date() };
  const record = (action: 'add' | 'remove', sourceId: string, title: string | null, input?: string) =>
    context.recorder.recordCuration({
      platform: context.platform,
      user: message.user,
      action,
      sourceId,
      title,
      input,
    });
  const results: CurationResult[] = [];
  if (command.action === 'remove') {
    for (const id of command.ids.slice(0, MAX_INPUTS_PER_MESSAGE)) {
      try {
        const removed = await options.library.remove(id);
        record('remove', removed.id, removed.title);
        results.push({ ok: true, action: 'remove', id: removed.id, title: removed.title });
      } catch (error) {
        results.push({ ok: false, input: id, message: describe(error) });
      }
    }
    return results;
  }
  const inputs: Array<{ label: string; input: LibraryInput }> = [
    ...command.urls.map((url) => ({ label: url, input: { url } })),
    ...(message.files ?? []).map((file: ChatFile) => ({ label: file.name, input: { attachment: file } })),
  ];
  for (const { label, input } of inputs.slice(0, MAX_INPUTS_PER_MESSAGE)) {
    try {
      const added = await options.library.add(input, curator);
      record('add', added.id, added.title, label);
      results.push({ ok: true, action: 'add', source: summary(added, label) });
    } catch (error) {
      results.push({ ok: false, input: label, message: describe(error) });
    }
  }
  return results;
}

function summary(added: AddedSource, input: string) {
  return {
    id: added.id,
    input,
    title: added.title,
    author: added.author,
    publisher: added.publisher,
    date: added.date,
    pages: added.pages,
    paragraphs: added.paragraphs,
  };
}

/** A failure as one sentence for the curator (what went wrong and what to do). */
function describe(error: unknown): string {
  if (error instanceof BotError) return error.message;
  return `could not be added (${error instanceof Error ? error.message : String(error)})`;
}
