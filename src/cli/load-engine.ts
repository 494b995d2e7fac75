import type { Engine, EngineOptions } from '../answer/index.js';
import { printableName, printableText } from '../printable.js';
import { buildEngine } from '../runtime/build-engine.js';
import { indexSettings, SnapshotStore, snapshotFileFor } from '../snapshot/index.js';

/**
 * Loads the folder and builds the engine, reporting each unusable file on stderr by name. With
 * `indexCacheDir`, the saved index is used for every file that still matches it, and saved
 * again when anything changed, so the next command starts fast.
 */
export async function loadEngineForCli(
  dir: string,
  options: Partial<EngineOptions> = {},
  indexCacheDir: string | null = null,
): Promise<Engine> {
  const logger = {
    info: () => undefined,
    warn: (fields: object, message: string) => {
      const reason = (fields as { reason?: string }).reason;
      process.stderr.write(`warning: ${message}${reason ? ` (${printableText(reason)})` : ''}\n`);
    },
  };
  const snapshot = indexCacheDir
    ? new SnapshotStore(snapshotFileFor(indexCacheDir, dir), indexSettings(options), logger)
    : undefined;
  const built = await buildEngine(dir, options, { ...(snapshot ? { snapshot } : {}), logger });
  for (const problem of built.problems)
    process.stderr.write(
      `warning: skipped ${printableName(problem.file)}: ${printableText(problem.reason)}\n`,
    );
  if (snapshot && !built.matchesSnapshot)
    await snapshot.write(built.engine.index, built.engine.documents, built.stamps);
  return built.engine;
}
