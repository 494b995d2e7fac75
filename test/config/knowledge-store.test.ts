import { describe, expect, it } from 'vitest';
import { ConfigError, loadAnswerSettings, loadConfig } from '../../src/config/index.js';

describe('KNOWLEDGE_STORE', () => {
  it('is the folder unless set to postgres, in any case', () => {
    expect(loadConfig({}).knowledgeStore).toEqual({ kind: 'folder' });
    expect(loadAnswerSettings({ KNOWLEDGE_STORE: 'Folder' }).knowledgeStore).toEqual({ kind: 'folder' });
    expect(
      loadAnswerSettings({
        KNOWLEDGE_STORE: 'POSTGRES',
        DATABASE_URL: 'postgres://bot:secret@db:5432/research',
      }).knowledgeStore,
    ).toEqual({ kind: 'postgres', databaseUrl: 'postgres://bot:secret@db:5432/research' });
  });

  it('asks for DATABASE_URL when set to postgres without one, naming the import command', () => {
    expect(() => loadConfig({ KNOWLEDGE_STORE: 'postgres' })).toThrow(/needs DATABASE_URL.*npm run import/);
  });

  it('refuses other values, saying which ones it takes', () => {
    expect(() => loadAnswerSettings({ KNOWLEDGE_STORE: 'mysql' })).toThrow(ConfigError);
    expect(() => loadConfig({ KNOWLEDGE_STORE: 'mysql' })).toThrow(
      /KNOWLEDGE_STORE must be folder or postgres/,
    );
  });

  it('never repeats the password of a DATABASE_URL it refuses', () => {
    const secret = 'pw-3f9a-never-shown';
    expect(() =>
      loadConfig({ KNOWLEDGE_STORE: 'postgres', DATABASE_URL: `mysql://u:${secret}@h/db` }),
    ).toThrow(expect.objectContaining({ message: expect.not.stringContaining(secret) }));
  });
});
