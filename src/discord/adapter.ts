import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { PlatformAdapter } from '../adapter.js';
import type { QuestionAnswerer } from '../answer/index.js';
import type { Logger } from '../log/logger.js';
import type { HandlerContext } from './handlers/context.js';
import { handleInteraction } from './handlers/interaction.js';
import { handleMessage } from './handlers/message.js';
import { InflightCounter } from './inflight.js';
import { DISCORD_DEFAULTS, type DiscordOptions } from './options.js';
import { RateLimiter } from './rate-limit.js';

export interface DiscordDeps {
  answerer: QuestionAnswerer;
  logger: Logger;
}

/** How long start() waits for the gateway's READY and the servers' data. */
const READY_TIMEOUT_MS = 30_000;
const DEFAULT_GRACE_MS = 8000;

/**
 * The Discord adapter: a discord.js client answering @mentions, DMs and /research. It needs
 * the Guilds, GuildMessages and DirectMessages intents only: Discord delivers the text of
 * messages that mention the bot, and of DMs, without the privileged MessageContent intent.
 */
export function createDiscordAdapter(options: DiscordOptions, deps: DiscordDeps): PlatformAdapter {
  if (!options.token)
    throw new Error('DISCORD_TOKEN is empty: copy the bot token from the Developer Portal → Bot.');
  const logger = deps.logger.child({ platform: 'discord' });
  const rateLimit = options.rateLimit ?? DISCORD_DEFAULTS.rateLimit;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    // DM channels are not cached before their first message; without this, DMs are dropped.
    partials: [Partials.Channel],
    allowedMentions: { parse: [], repliedUser: false },
    ...(options.apiUrl ? { rest: { api: options.apiUrl } } : {}),
  });
  let state: 'new' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed' = 'new';
  let reason: string | undefined = 'not started';
  const inflight = new InflightCounter();
  const context: HandlerContext = {
    answerer: deps.answerer,
    logger,
    limiter: new RateLimiter(rateLimit.max, rateLimit.windowMs),
    inflight,
    maxExcerpts: options.maxExcerpts ?? DISCORD_DEFAULTS.maxExcerpts,
    accepting: () => state === 'running',
  };
  // Each handler catches its own errors; these guards keep a bug from ever crashing the process.
  client.on(Events.MessageCreate, (message) => {
    handleMessage(message, context).catch((error: unknown) =>
      logger.error({ err: error }, 'discord: message handler failed'),
    );
  });
  client.on(Events.InteractionCreate, (interaction) => {
    handleInteraction(interaction, context).catch((error: unknown) =>
      logger.error({ err: error }, 'discord: interaction handler failed'),
    );
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord: client error'));
  client.on(Events.ShardDisconnect, (event) => {
    reason = `gateway disconnected (code ${event.code})`;
    logger.warn({ code: event.code }, 'discord: gateway disconnected');
  });
  client.on(Events.ShardResume, () => {
    reason = undefined;
  });
  let stopping: Promise<void> | undefined;

  return {
    platform: 'discord',
    async start() {
      if (state !== 'new') throw new Error(`discord adapter cannot start from state ${state}`);
      state = 'starting';
      reason = 'connecting';
      try {
        const ready = new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error('Discord did not become ready in 30 s')),
            READY_TIMEOUT_MS,
          );
          client.once(Events.ClientReady, () => {
            clearTimeout(timer);
            resolve();
          });
        });
        await client.login(options.token);
        await ready;
        state = 'running';
        reason = undefined;
        logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord: connected');
      } catch (error) {
        state = 'failed';
        reason = `could not connect to Discord: ${(error as Error).message}`;
        await client.destroy().catch(() => undefined);
        throw new Error(reason);
      }
    },
    stop(graceMs = DEFAULT_GRACE_MS) {
      stopping ??= (async () => {
        const wasRunning = state === 'running';
        state = 'stopping';
        reason = 'shutting down';
        if (wasRunning && !(await inflight.drained(graceMs)))
          logger.warn('discord: stopped with answers still under way');
        await client.destroy();
        state = 'stopped';
      })();
      return stopping;
    },
    isConnected: () => state === 'running' && client.isReady() && reason === undefined,
    status: () => (state === 'running' && client.isReady() && reason === undefined ? undefined : reason),
  };
}
