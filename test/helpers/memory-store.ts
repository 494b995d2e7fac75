import { type Database, databaseRecorder, openDatabase, type StoreRecorder } from '../../src/store/index.js';
import { captureLogger } from './slack-harness.js';

/** A curator store in memory and a recorder writing to it, hashing user ids with `salt`. */
export async function memoryStore(salt: string): Promise<{ db: Database; recorder: StoreRecorder }> {
  const db = await openDatabase({ dataFile: ':memory:' });
  return { db, recorder: databaseRecorder(db, salt, captureLogger().logger) };
}
