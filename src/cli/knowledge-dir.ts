import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The knowledge folder: `KNOWLEDGE_DIR` when set, else the `knowledge/` folder beside `src/` or
 * `dist/` (so the CLI works from any working directory, in the repo and in the image).
 */
export function resolveKnowledgeDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KNOWLEDGE_DIR?.trim()) return path.resolve(env.KNOWLEDGE_DIR.trim());
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'knowledge');
}
