import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dotenvWarnings, ignoredDotenvLines } from '../../src/config/index.js';
import { removeTempFolders, tempFolder } from '../helpers/temp-folder.js';

afterEach(removeTempFolders);

describe('.env lines the loader ignores', () => {
  it('names a line without "=" by its number and variable, never its value', async () => {
    const file = path.join(await tempFolder(), '.env');
    await writeFile(file, '# Slack\nSLACK_BOT_TOKEN xoxb-secret-value\nPORT=3000\n');
    const warnings = dotenvWarnings(file);
    expect(warnings).toEqual([
      `${file} line 2 was ignored: it has no "=" after SLACK_BOT_TOKEN; write SLACK_BOT_TOKEN=value.`,
    ]);
    expect(warnings.join('')).not.toContain('xoxb-secret-value');
  });

  it('passes assignments, comments, blank lines, export and values quoted over several lines', () => {
    const text = [
      '# comment',
      '',
      'A=1',
      'export B = 2',
      'C: 3',
      'KEY="-----BEGIN KEY-----',
      'not a line of its own',
      '-----END KEY-----"',
      'lowercase words here',
    ].join('\n');
    expect(ignoredDotenvLines(text)).toEqual([{ line: 9 }]);
  });

  it('says nothing when there is no .env file', () => {
    expect(dotenvWarnings('/nonexistent/folder/.env')).toEqual([]);
  });
});
