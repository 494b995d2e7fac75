import { hostOf, networkErrorCode } from '../network-error.js';

const DEFAULT_API_URL = 'https://discord.com/api';

/**
 * What failed when the Discord adapter could not start, and what to do, in one sentence (the
 * adapter prefixes "could not connect to Discord: "). A network failure says to check the
 * network, not the token; a refused token says where to get a fresh one.
 */
export function describeDiscordStartFailure(error: unknown, apiUrl?: string): string {
  const network = networkErrorCode(error);
  if (network) {
    return `cannot reach ${hostOf(apiUrl ?? DEFAULT_API_URL)} (${network}): check the network connection, DNS and proxy settings${
      apiUrl ? ', and DISCORD_API_URL' : ''
    }, then start the bot again.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  if ((error as { code?: unknown } | null)?.code === 'TokenInvalid') {
    return `Discord refused DISCORD_TOKEN (${message}): copy a fresh token from the Developer Portal → your application → Bot → Reset Token, put it in DISCORD_TOKEN, and start the bot again.`;
  }
  return message;
}
