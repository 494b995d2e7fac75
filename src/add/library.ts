import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BotError, ErrorCode } from '../errors.js';
import type { KnowledgeDocument } from '../knowledge/types.js';
import type { AddedSource } from './add-sources.js';
import { downloadFile, type FetchLimits } from './fetch-page.js';
import { unwritable } from './write-file.js';

/**
 * What a curator hands the library: an address (fetched within the limits, public addresses
 * only unless allowed), or a file attached in the chat (downloaded from the platform's host).
 */
export type LibraryInput =
  | { url: string }
  | { attachment: { name: string; url: string; headers?: Readonly<Record<string, string>> } };

/** A source removed: its id, title and file name inside the folder. */
export interface RemovedSource {
  id: string;
  title: string | null;
  file: string;
}

/** Who changes the library, and when. */
export interface Curator {
  /** `platform:user id`, as kept in the file's front matter. */
  by: string;
  at: Date;
}

/**
 * The knowledge folder as curators change it from the chat: `add` writes one knowledge file
 * through the same pipeline as `npm run add` (the hot reload then serves it), `remove` deletes
 * a source's file. Changes run one at a time, so two adds of the same source cannot both pass
 * the duplicate check; a failed add writes nothing.
 */
/**
 * Where sources live when not in the folder (KNOWLEDGE_STORE=postgres): added files are stored
 * there (and then deleted from the scratch folder), removals go there.
 */
export interface LibraryStore {
  put(
    files: ReadonlyArray<{ file: string; bytes: Uint8Array }>,
  ): Promise<{ ids: string[]; problems: Array<{ file: string; reason: string }> }>;
  remove(id: string): Promise<RemovedSource | null>;
}

export class KnowledgeLibrary {
  #queue: Promise<unknown> = Promise.resolve();
  /** Sources added here, by id: removable before the reload serves them. */
  readonly #added = new Map<string, RemovedSource>();

  constructor(
    private readonly dir: string,
    private readonly fetch: FetchLimits,
    /** The sources being served, to find a source's file by its id. */
    private readonly documents: () => readonly KnowledgeDocument[],
    /** Default: none, the folder is the library. */
    private readonly store?: LibraryStore,
  ) {}

  /** Adds one source; rejects with a BotError saying why not (a duplicate names the existing id). */
  add(input: LibraryInput, curator: Curator): Promise<AddedSource> {
    return this.#serial(async () => {
      const scratch = 'attachment' in input ? await mkdtemp(path.join(tmpdir(), 'research-bot-add-')) : null;
      try {
        let from: string;
        if ('attachment' in input && scratch) {
          const { name, url, headers } = input.attachment;
          from = path.join(scratch, safeFileName(name));
          // The platform's own host, chosen by the adapter: not a user's link, so not publicOnly.
          await writeFile(from, await downloadFile(url, { ...this.fetch, publicOnly: false }, headers));
        } else from = (input as { url: string }).url;
        // The extraction pipeline (HTML, PDF: about 0.3 s and 30 MB) loads on the first add, not
        // when the bot starts: most bots never curate.
        const { addSources } = await import('./add-sources.js');
        const [outcome] = await addSources([from], {
          dir: this.dir,
          dryRun: false,
          fetch: this.fetch,
          added: { by: curator.by, at: curator.at.toISOString() },
        });
        if (!outcome) throw new BotError(ErrorCode.AddUnreadable, `${from}: nothing was read`);
        if (!outcome.ok) {
          const shown = scratch ? outcome.error.replaceAll(`${scratch}${path.sep}`, '') : outcome.error;
          throw new BotError(ErrorCode.AddUnreadable, shown);
        }
        if (this.store) return await this.#store(outcome, scratch, from);
        this.#added.set(outcome.id, {
          id: outcome.id,
          title: outcome.title,
          file: path.relative(path.resolve(this.dir), path.resolve(outcome.file)),
        });
        return scratch ? { ...outcome, input: path.basename(from) } : outcome;
      } finally {
        if (scratch) await rm(scratch, { recursive: true, force: true });
      }
    });
  }

  /**
   * Removes the source with this id, whether served already or only just added here (the reload
   * that serves a new file comes a moment later); rejects with a BotError when there is none.
   */
  remove(id: string): Promise<RemovedSource> {
    return this.#serial(async () => {
      const key = id.trim().toLowerCase();
      if (this.store) {
        const removed = await this.store.remove(key);
        if (!removed)
          throw new BotError(
            ErrorCode.SourceNotFound,
            `There is no source with the id ${id}; ask "sources" to see each source's id.`,
          );
        return removed;
      }
      const document = this.documents().find((candidate) => candidate.meta.id === key);
      const source = document
        ? { id: document.meta.id, title: document.meta.title, file: document.file }
        : this.#added.get(key);
      const notFound = () =>
        new BotError(
          ErrorCode.SourceNotFound,
          `There is no source with the id ${id}; ask "sources" to see each source's id.`,
        );
      if (!source) throw notFound();
      try {
        await unlink(path.join(this.dir, source.file));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw unwritable(this.dir, error);
        // A file only remembered from an add, and gone since: there is nothing to remove.
        if (!document) {
          this.#added.delete(key);
          throw notFound();
        }
      }
      this.#added.delete(key);
      return source;
    });
  }

  /** Moves a file just written into the store; refuses an id the library already has. */
  async #store(
    outcome: AddedSource & { ok: true },
    scratch: string | null,
    from: string,
  ): Promise<AddedSource> {
    const written = path.resolve(outcome.file);
    try {
      if (this.documents().some((document) => document.meta.id === outcome.id))
        throw new BotError(ErrorCode.AddDuplicate, `${outcome.id} is already in the knowledge base`);
      const stored = await this.store?.put([
        { file: path.basename(written), bytes: await readFile(written) },
      ]);
      const problem = stored?.problems[0];
      if (problem) throw new BotError(ErrorCode.AddUnreadable, problem.reason);
    } finally {
      await unlink(written).catch(() => undefined);
    }
    return scratch ? { ...outcome, input: path.basename(from) } : outcome;
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

/** A file name safe to write in a folder of our own: no path, no control characters. */
function safeFileName(name: string): string {
  const base = path
    .basename(name.replace(/\\/g, '/'))
    .replace(/[\p{Cc}/]/gu, '')
    .trim();
  return base === '' || base === '.' || base === '..' ? 'attachment' : base.slice(0, 200);
}
