import { describe, expect, it } from 'vitest';
import { ConfigError, loadAnswerSettings, loadConfig } from '../../src/config/index.js';

describe('MEANING_CHECK', () => {
  it('is on unless set to off, in any case', () => {
    expect(loadConfig({}).meaningCheck).toBe(true);
    expect(loadAnswerSettings({ MEANING_CHECK: 'On' }).meaningCheck).toBe(true);
    expect(loadAnswerSettings({ MEANING_CHECK: 'OFF' }).meaningCheck).toBe(false);
  });

  it('refuses any other value, saying which ones it takes', () => {
    expect(() => loadAnswerSettings({ MEANING_CHECK: 'maybe' })).toThrow(ConfigError);
    expect(() => loadConfig({ MEANING_CHECK: 'yes' })).toThrow(/MEANING_CHECK must be on or off/);
  });
});
