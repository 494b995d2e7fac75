import { type FSWatcher, watch } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../log/logger.js';

/**
 * How long every changed file's size and modification time must stay the same before the folder
 * is reloaded (as chokidar's `awaitWriteFinish`). A copy, a sync or an editor writes a file in
 * several steps; a file that merely parses after a short pause may still be half written.
 */
export const RELOAD_SETTLE_MS = 1000;

/** How often changed files are looked at while they settle. */
const POLL_MS = 100;

/** What a file looks like right now: its size and modification time, or that it is gone. */
async function fingerprint(file: string): Promise<string> {
  try {
    const info = await stat(file);
    return `${info.size}:${info.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

/**
 * Calls `reload` once every file changed in the knowledge folder has settled: its size and
 * modification time unchanged for `settleMs` (default RELOAD_SETTLE_MS), and no new change
 * reported meanwhile. A burst of changes gives one reload. Returns a function that stops
 * watching. (Writers that can should still write to a temporary name and link or rename it,
 * which is atomic, as `npm run add` does: src/add/write-file.ts.)
 */
export function watchKnowledge(
  dir: string,
  reload: () => void,
  logger: Logger,
  settleMs = RELOAD_SETTLE_MS,
): () => void {
  const pollMs = Math.max(10, Math.min(POLL_MS, Math.floor(settleMs / 2)));
  /** Changed files (null: the platform did not say which; every file is looked at). */
  const pending = new Map<string | null, string | undefined>();
  let lastChange = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let watcher: FSWatcher | undefined;

  const namesToCheck = async (): Promise<string[]> => {
    if (!pending.has(null)) return [...pending.keys()] as string[];
    return readdir(dir).catch(() => []);
  };

  const poll = async () => {
    timer = undefined;
    if (stopped) return;
    let changed = false;
    for (const name of await namesToCheck()) {
      const before = pending.get(name);
      const now = await fingerprint(path.join(dir, name));
      if (before !== now) {
        // The first look only records the file; a difference after that is a write still going on.
        if (before !== undefined) changed = true;
        pending.set(name, now);
      }
    }
    if (changed) lastChange = Date.now();
    if (stopped) return;
    if (Date.now() - lastChange >= settleMs) {
      pending.clear();
      reload();
      return;
    }
    timer = setTimeout(() => void poll(), pollMs);
  };

  try {
    watcher = watch(dir, { persistent: false }, (_event, filename) => {
      const name = filename ? filename.toString() : null;
      if (!pending.has(name)) pending.set(name, undefined);
      lastChange = Date.now();
      timer ??= setTimeout(() => void poll(), pollMs);
    });
    watcher.on('error', (error) =>
      logger.warn({ err: error, dir }, 'knowledge watcher stopped; SIGHUP still reloads'),
    );
  } catch (error) {
    logger.warn({ err: error, dir }, 'cannot watch the knowledge folder; SIGHUP still reloads');
  }
  return () => {
    stopped = true;
    clearTimeout(timer);
    watcher?.close();
  };
}
