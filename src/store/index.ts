/** The curator's store: answers, abstentions and votes in SQLite (default) or PostgreSQL. */
export type { Database } from './database.js';
export { databaseRecorder, logOnlyRecorder, type StoreRecorder } from './event-store.js';
export { MIGRATIONS, type Migration, migrate } from './migrations.js';
export { openDatabase, openStore, type StoreOptions } from './open-store.js';
export { openPostgres } from './postgres.js';
export { type AnswerEvent, NO_RECORDER, type Platform, type Recorder, type VoteEvent } from './recorder.js';
export { openSqlite } from './sqlite.js';
export { hashUser, userHashSalt } from './user-hash.js';
