import { randomBytes } from 'node:crypto';
import { access, link, mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BotError, ErrorCode } from '../errors.js';

/**
 * Writes `content` to `dir/name` atomically and never over an existing file: the text goes to a
 * hidden temporary file first (the knowledge watcher ignores it), which is then linked under its
 * real name, an operation that fails if the name is taken. Returns false when it was taken.
 */
export async function writeNewFile(dir: string, name: string, content: string): Promise<boolean> {
  const temporary = path.join(dir, `.${name}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temporary, content, { flag: 'wx' });
  } catch (error) {
    throw unwritable(dir, error);
  }
  try {
    await link(temporary, path.join(dir, name));
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    // A file system without hard links (some network and container mounts): rename, after
    // checking the name is free.
    const taken = await access(path.join(dir, name)).then(
      () => true,
      () => false,
    );
    if (taken) return false;
    await rename(temporary, path.join(dir, name));
    return true;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/**
 * A folder this process may not write as one sentence with the fix (the usual case: a folder
 * mounted into the container, owned by another user or mounted read-only); other errors as they are.
 */
export function unwritable(dir: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EROFS')
    return new BotError(
      ErrorCode.KnowledgeFolderUnwritable,
      `${dir} is read-only (mounted with :ro?); mount it writable to add sources, e.g. -v "$PWD/knowledge:/app/knowledge".`,
    );
  if (code !== 'EACCES' && code !== 'EPERM') return error;
  const uid = process.getuid?.() ?? 'unknown';
  const gid = process.getgid?.() ?? 'unknown';
  return new BotError(
    ErrorCode.KnowledgeFolderUnwritable,
    `${dir} is not writable by this user (uid ${uid}, gid ${gid}); give it the folder (on the host: sudo chown -R ${uid}:${gid} <your knowledge folder>) or run as the folder's owner (docker run --user "$(id -u):$(id -g)" …).`,
  );
}
