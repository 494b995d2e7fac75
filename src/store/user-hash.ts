import { createHmac, randomBytes } from 'node:crypto';
import type { Database } from './database.js';

/**
 * Users are stored only as a salted hash: HMAC-SHA-256 of platform and id with a secret salt,
 * so the report can count distinct askers without keeping who they are. The salt is
 * USER_HASH_SALT when set (keep it secret, and the same across replicas); otherwise one is made
 * at first start and kept in the database's settings.
 */
export function hashUser(salt: string, platform: string, userId: string): string {
  return createHmac('sha256', salt).update(`${platform}:${userId}`).digest('hex');
}

/** The configured salt, or the one stored in the database (made and stored on first use). */
export async function userHashSalt(db: Database, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const [row] = await db.all<{ value: string }>("SELECT value FROM settings WHERE key = 'user_hash_salt'");
  if (row) return row.value;
  const salt = randomBytes(32).toString('hex');
  // Two replicas starting together: the first insert wins and both read it back.
  await db
    .run(
      db.kind === 'postgres'
        ? "INSERT INTO settings (key, value) VALUES ('user_hash_salt', ?) ON CONFLICT (key) DO NOTHING"
        : "INSERT OR IGNORE INTO settings (key, value) VALUES ('user_hash_salt', ?)",
      [salt],
    )
    .catch(() => undefined);
  const [stored] = await db.all<{ value: string }>("SELECT value FROM settings WHERE key = 'user_hash_salt'");
  return stored?.value ?? salt;
}
