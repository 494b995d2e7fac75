import { describe, expect, it } from 'vitest';
import { unwritable } from '../../src/add/write-file.js';
import { BotError, ErrorCode } from '../../src/errors.js';

const failure = (code: string) => Object.assign(new Error(code), { code });

describe('a knowledge folder the bot cannot write', () => {
  it('says which user cannot write it, and the chown and --user fixes, in one sentence', () => {
    const error = unwritable('/app/knowledge', failure('EACCES'));
    expect(error).toBeInstanceOf(BotError);
    expect((error as BotError).code).toBe(ErrorCode.KnowledgeFolderUnwritable);
    const message = (error as BotError).message;
    expect(message).toMatch(/^\/app\/knowledge is not writable by this user \(uid \d+, gid \d+\)/);
    expect(message).toContain('sudo chown -R');
    expect(message).toContain('--user "$(id -u):$(id -g)"');
  });

  it('says a read-only mount is read-only, and how to mount it writable', () => {
    expect((unwritable('/app/knowledge', failure('EROFS')) as Error).message).toContain(
      'read-only (mounted with :ro?)',
    );
  });

  it('leaves any other failure as it was', () => {
    const other = failure('ENOSPC');
    expect(unwritable('/app/knowledge', other)).toBe(other);
  });
});
