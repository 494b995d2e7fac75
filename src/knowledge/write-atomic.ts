import { randomBytes } from 'node:crypto';
import { link, open, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a new file so that nobody ever sees it half written, and never over an existing file:
 * the content goes to a hidden temporary name in the same folder (`.name.tmp-…`, which the
 * loader ignores), is flushed to disk, and is then linked under its real name in one step.
 * Rejects with EEXIST (leaving everything as it was) when `file` already exists.
 * For the bot's own writes into the knowledge folder (e.g. `npm run add`), so a running bot
 * reloads whole files only.
 */
export async function writeNewFileAtomically(file: string, content: string | Uint8Array): Promise<void> {
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  const handle = await open(temporary, 'wx');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    // link() fails if `file` exists, unlike rename(): an existing source is never overwritten.
    await link(temporary, file);
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}
