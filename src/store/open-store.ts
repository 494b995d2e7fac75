import type { Logger } from '../log/logger.js';
import type { Database } from './database.js';
import { databaseRecorder, logOnlyRecorder, type StoreRecorder } from './event-store.js';
import { migrate } from './migrations.js';
import { openPostgres } from './postgres.js';
import { openSqlite } from './sqlite.js';
import { userHashSalt } from './user-hash.js';

/** Where the curator's store lives. */
export interface StoreOptions {
  /** PostgreSQL URL (DATABASE_URL); when set, used instead of the SQLite file. Never logged. */
  databaseUrl?: string | undefined;
  /** SQLite file (DATA_FILE) when there is no DATABASE_URL. */
  dataFile: string;
  /** Secret salt for user hashes (USER_HASH_SALT); default: one kept in the database. */
  userHashSalt?: string | undefined;
}

/** Opens the configured database and brings its schema up to date; throws when it cannot. */
export async function openDatabase(options: StoreOptions): Promise<Database> {
  const db = options.databaseUrl
    ? await openPostgres(options.databaseUrl)
    : await openSqlite(options.dataFile);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}

/**
 * The recorder the bot uses: the database when it can be opened and migrated, otherwise (with a
 * warning saying why) one that only logs, so answers never wait for or fail with the database.
 */
export async function openStore(options: StoreOptions, logger: Logger): Promise<StoreRecorder> {
  try {
    const db = await openDatabase(options);
    const salt = await userHashSalt(db, options.userHashSalt);
    logger.info(
      { store: db.kind, ...(db.kind === 'sqlite' ? { file: options.dataFile } : {}) },
      'store: votes and questions are kept for the curator report',
    );
    return databaseRecorder(db, salt, logger);
  } catch (error) {
    logger.warn(
      {
        store: options.databaseUrl ? 'postgres' : 'sqlite',
        err: error instanceof Error ? error.message : String(error),
      },
      'store: database unavailable; answering goes on and votes and questions are only logged (check DATABASE_URL or DATA_FILE)',
    );
    return logOnlyRecorder(logger);
  }
}
