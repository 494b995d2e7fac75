import type { EngineOptions } from '../answer/engine.js';
import type { Logger } from '../log/logger.js';
import type { ChangeListener } from './change-listener.js';
import { KnowledgeDatabase } from './knowledge-db.js';
import { PostgresKnowledge } from './postgres-knowledge.js';

/** The bot's knowledge in PostgreSQL, listening for changes, and how to report and stop it. */
export interface OpenedKnowledge {
  knowledge: PostgresKnowledge;
  db: KnowledgeDatabase;
  /** What /healthz says of the knowledge: the database reachable or not, the listener up or not. */
  health(): Promise<{
    store: 'postgres';
    documents: number;
    database: 'ok' | 'unreachable';
    listening: boolean;
  }>;
  close(): Promise<void>;
}

/**
 * Connects to DATABASE_URL (brings the knowledge schema up to date), reads the catalogue and
 * starts listening for changes. Throws when the database cannot be reached at start-up.
 */
export async function openPostgresKnowledge(
  url: string,
  engineOptions: Partial<EngineOptions>,
  logger: Logger,
): Promise<OpenedKnowledge> {
  let db: KnowledgeDatabase;
  try {
    db = await KnowledgeDatabase.open(url);
  } catch (error) {
    throw new Error(
      `the knowledge database (DATABASE_URL) cannot be reached or migrated: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const knowledge = new PostgresKnowledge(db, engineOptions);
  await knowledge.load();
  const listener: ChangeListener = knowledge.watch(logger);
  return {
    knowledge,
    db,
    async health() {
      return {
        store: 'postgres',
        documents: knowledge.documents.length,
        database: await knowledge.health(),
        listening: listener.listening,
      };
    },
    async close() {
      await listener.stop();
      await db.close().catch(() => undefined);
    },
  };
}
