import { randomBytes } from 'node:crypto';
import { access, link, mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes `content` to `dir/name` atomically and never over an existing file: the text goes to a
 * hidden temporary file first (the knowledge watcher ignores it), which is then linked under its
 * real name, an operation that fails if the name is taken. Returns false when it was taken.
 */
export async function writeNewFile(dir: string, name: string, content: string): Promise<boolean> {
  await mkdir(dir, { recursive: true });
  const temporary = path.join(dir, `.${name}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(temporary, content, { flag: 'wx' });
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
