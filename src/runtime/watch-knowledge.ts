import { type FSWatcher, watch } from 'node:fs';
import type { Logger } from '../log/logger.js';

/** Quiet time after the last change before reloading: editors write a file in several steps. */
export const RELOAD_DEBOUNCE_MS = 300;

/**
 * Calls `reload` once the knowledge folder has been quiet for `debounceMs` after any file in it
 * was added, changed or removed. Returns a function that stops watching.
 */
export function watchKnowledge(
  dir: string,
  reload: () => void,
  logger: Logger,
  debounceMs = RELOAD_DEBOUNCE_MS,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { persistent: false }, () => {
      clearTimeout(timer);
      timer = setTimeout(reload, debounceMs);
    });
    watcher.on('error', (error) =>
      logger.warn({ err: error, dir }, 'knowledge watcher stopped; SIGHUP still reloads'),
    );
  } catch (error) {
    logger.warn({ err: error, dir }, 'cannot watch the knowledge folder; SIGHUP still reloads');
  }
  return () => {
    clearTimeout(timer);
    watcher?.close();
  };
}
