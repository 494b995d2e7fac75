import { describe, expect, it } from 'vitest';
import { describeDiscordStartFailure } from '../../src/discord/start-failure.js';

const dnsFailure = () =>
  Object.assign(new TypeError('fetch failed'), {
    cause: Object.assign(new Error('getaddrinfo ENOTFOUND discord.com'), { code: 'ENOTFOUND' }),
  });

describe('discord start-up failure sentences', () => {
  it('tells Discord being unreachable from Discord refusing the token', () => {
    expect(describeDiscordStartFailure(dnsFailure())).toBe(
      'cannot reach discord.com (ENOTFOUND): check the network connection, DNS and proxy settings, then start the bot again.',
    );
    const refused = Object.assign(new Error('An invalid token was provided.'), { code: 'TokenInvalid' });
    expect(describeDiscordStartFailure(refused)).toMatch(
      /^Discord refused DISCORD_TOKEN \(An invalid token was provided\.\): copy a fresh token .* Reset Token/,
    );
  });
});
