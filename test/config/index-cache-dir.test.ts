import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnswerSettings, loadConfig } from '../../src/config/index.js';

describe('INDEX_CACHE_DIR', () => {
  it('defaults to .index-cache beside the knowledge folder', () => {
    const settings = loadAnswerSettings({ KNOWLEDGE_DIR: '/srv/library/knowledge' });
    expect(settings.indexCacheDir).toBe(path.resolve('/srv/library/.index-cache'));
  });

  it('takes a folder of its own, resolved to an absolute path', () => {
    expect(loadConfig({ INDEX_CACHE_DIR: 'cache/index' }).indexCacheDir).toBe(path.resolve('cache/index'));
  });

  it('is turned off with "off", in any case', () => {
    expect(loadAnswerSettings({ INDEX_CACHE_DIR: 'OFF' }).indexCacheDir).toBeNull();
  });
});
