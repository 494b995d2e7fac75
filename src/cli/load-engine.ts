import { createEngine, type Engine, type EngineOptions } from '../answer/index.js';
import { loadKnowledge } from '../knowledge/index.js';
import { printableName, printableText } from '../printable.js';

/** Loads the folder and builds the engine, reporting each unusable file on stderr by name. */
export async function loadEngineForCli(dir: string, options: Partial<EngineOptions> = {}): Promise<Engine> {
  const { documents, problems } = await loadKnowledge(dir);
  for (const problem of problems)
    process.stderr.write(
      `warning: skipped ${printableName(problem.file)}: ${printableText(problem.reason)}\n`,
    );
  if (documents.length === 0) throw new Error(`no usable knowledge files in ${dir}`);
  return createEngine(documents, options);
}
