import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { PlatformAdapter } from '../adapter.js';
import { type ChatOptions, createChat } from '../chat/index.js';
import type { HandlerContext } from './handlers/context.js';
import { handleInteraction } from './handlers/interaction.js';
import { handleMessage } from './handlers/message.js';
import { loggableError } from './log-error.js';
import { type DiscordOptions, resolveDiscordOptions } from './options.js';
import { describeDiscordStartFailure } from './start-failure.js';

/**
 * What the adapter is given rather than builds: what its conversation needs (the answerer, the
 * recorder, channel source sets), and the logger it logs to as a `platform: discord` child (the
 * token never reaches it).
 */
export type DiscordDeps = Omit<ChatOptions, 'platform' | 'rateLimit' | 'loggableError'>;

/** How long start() waits for the gateway's READY and the servers' data. */
const READY_TIMEOUT_MS = 30_000;
const DEFAULT_GRACE_MS = 8000;

/**
 * The Discord adapter: a discord.js client answering @mentions, DMs and /research. It needs
 * the Guilds, GuildMessages and DirectMessages intents only: Discord delivers the text of
 * messages that mention the bot, and of DMs, without the privileged MessageContent intent.
 * Throws at once, saying what to fix, when an option is invalid (e.g. an empty token); nothing
 * connects before start().
 */
export function createDiscordAdapter(options: DiscordOptions, deps: DiscordDeps): PlatformAdapter {
  const { token, apiUrl, rateLimit, maxExcerpts } = resolveDiscordOptions(options);
  const logger = deps.logger.child({ platform: 'discord' });
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    // DM channels are not cached before their first message; without this, DMs are dropped.
    partials: [Partials.Channel],
    allowedMentions: { parse: [], repliedUser: false },
    ...(apiUrl ? { rest: { api: apiUrl } } : {}),
  });
  let state: 'new' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed' = 'new';
  let reason: string | undefined = 'not started';
  const chat = createChat({ ...deps, platform: 'discord', logger, rateLimit, loggableError });
  const context: HandlerContext = {
    chat,
    logger,
    maxExcerpts,
    apiUrl,
    listening: () => state === 'running' || state === 'stopping',
  };
  // Each handler catches its own errors; these guards keep a bug from ever crashing the process.
  client.on(Events.MessageCreate, (message) => {
    handleMessage(message, context).catch((error: unknown) =>
      logger.error({ err: loggableError(error) }, 'discord: message handler failed'),
    );
  });
  client.on(Events.InteractionCreate, (interaction) => {
    handleInteraction(interaction, context).catch((error: unknown) =>
      logger.error({ err: loggableError(error) }, 'discord: interaction handler failed'),
    );
  });
  client.on(Events.Error, (error) => logger.error({ err: loggableError(error) }, 'discord: client error'));
  client.on(Events.ShardDisconnect, (event) => {
    reason = `gateway disconnected: ${describeCloseCode(event.code)}`;
    logger.warn({ code: event.code }, 'discord: gateway disconnected for good');
  });
  client.on(Events.ShardReconnecting, () => {
    reason = 'reconnecting to the gateway';
    logger.info('discord: reconnecting');
  });
  for (const back of [Events.ShardResume, Events.ShardReady] as const) {
    client.on(back, () => {
      if (state === 'running') reason = undefined;
    });
  }
  let stopping: Promise<void> | undefined;

  return {
    platform: 'discord',
    async start() {
      if (state !== 'new') throw new Error(`discord adapter cannot start from state ${state}`);
      state = 'starting';
      reason = 'connecting';
      try {
        await loginAndWaitForReady(client, token, READY_TIMEOUT_MS);
        state = 'running';
        reason = undefined;
        logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord: ready');
      } catch (error) {
        state = 'failed';
        reason = `could not connect to Discord: ${describeDiscordStartFailure(error, apiUrl)}`;
        await client.destroy().catch(() => undefined);
        throw new Error(reason);
      }
    },
    stop(graceMs = DEFAULT_GRACE_MS) {
      stopping ??= (async () => {
        const wasRunning = state === 'running';
        state = 'stopping';
        reason = 'shutting down';
        if (wasRunning) await chat.close(graceMs);
        await client.destroy();
        state = 'stopped';
        reason = 'stopped';
      })();
      return stopping;
    },
    isConnected: () => state === 'running' && client.isReady() && reason === undefined,
    status: () => (state === 'running' && client.isReady() && reason === undefined ? undefined : reason),
  };
}

/** Gateway close codes after which discord.js gives up, with what to do about them. */
const CLOSE_CODE_HINTS: Readonly<Record<number, string>> = Object.freeze({
  4004: 'authentication failed (4004): check DISCORD_TOKEN (Developer Portal → Bot → Reset Token)',
  4010: 'invalid shard (4010)',
  4011: 'sharding required (4011)',
  4012: 'invalid API version (4012)',
  4013: 'invalid intents (4013)',
  4014: 'disallowed intents (4014): the bot asked for an intent not enabled in the Developer Portal',
});

function describeCloseCode(code: number): string {
  return CLOSE_CODE_HINTS[code] ?? `close code ${code}`;
}

/**
 * Logs in and resolves once the client is ready (READY and every server's data received).
 * Rejects when login fails, when the gateway closes for good, or after `timeoutMs`, always
 * leaving no timer or listener behind.
 */
function loginAndWaitForReady(client: Client, token: string, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const settle = (error?: Error) => {
      clearTimeout(timer);
      client.off(Events.ClientReady, onReady);
      client.off(Events.ShardDisconnect, onDisconnect);
      if (error) reject(error);
      else resolve();
    };
    const onReady = () => settle();
    const onDisconnect = (event: { code: number }) => settle(new Error(describeCloseCode(event.code)));
    const timer = setTimeout(
      () => settle(new Error(`the gateway did not become ready within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    client.once(Events.ClientReady, onReady);
    client.once(Events.ShardDisconnect, onDisconnect);
    client
      .login(token)
      .catch((error: unknown) => settle(error instanceof Error ? error : new Error(String(error))));
  });
}
