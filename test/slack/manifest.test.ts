import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLACK_DEFAULTS } from '../../src/slack/index.js';

const MANIFEST = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'slack-app-manifest.yaml',
);

interface Manifest {
  features: {
    slash_commands: Array<{ command: string }>;
    app_home: { messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[] };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
  };
}

describe('slack app manifest', () => {
  it('declares the default slash command, the events, scopes (files:read for the files curators share) and interactivity the adapter uses', async () => {
    const manifest = parse(await readFile(MANIFEST, 'utf8')) as Manifest;
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([SLACK_DEFAULTS.command]);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(['app_mention', 'message.im']);
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([
      'app_mentions:read',
      'chat:write',
      'commands',
      'files:read',
      'im:history',
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.features.app_home).toMatchObject({
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
  });
});
