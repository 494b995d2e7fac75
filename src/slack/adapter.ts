import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, ErrorCode as BoltErrorCode, type HTTPReceiver, type SocketModeReceiver } from '@slack/bolt';
import type { PlatformAdapter } from '../adapter.js';
import { type ChatOptions, createChat } from '../chat/index.js';
import { BotError, ErrorCode } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { RefusalLog } from '../log/refusal-log.js';
import {
  BodyReader,
  type Refusal,
  RequestRefusedError,
  refuseByContentLength,
  sendRefusal,
} from '../server/index.js';
import { createBoltLogger } from './bolt-logger.js';
import { registerActions } from './handlers/actions.js';
import type { HandlerContext } from './handlers/context.js';
import { registerDirectMessage } from './handlers/direct-message.js';
import { registerMention } from './handlers/mention.js';
import { registerSlashCommand } from './handlers/slash-command.js';
import { SLACK_MESSAGES } from './messages.js';
import { resolveSlackOptions, type SlackOptions } from './options.js';
import { createReceiver, SLACK_EVENTS_PATH } from './receiver.js';
import { refuseByTimestamp, refuseUnsigned } from './request-guard.js';
import { describeSlackStartFailure, type SlackStartStep } from './start-failure.js';

/**
 * What the Slack adapter is given besides its options: what its conversation needs (the
 * answerer, the recorder, channel source sets) and the logger (tokens never reach it).
 */
export interface SlackDeps extends Omit<ChatOptions, 'platform' | 'rateLimit' | 'loggableError'> {
  /**
   * HTTP mode: where refused requests (bad signature, stale or future timestamp, body too large
   * or too slow) are logged, aggregated per address and minute. Default: one of its own.
   */
  refusals?: RefusalLog;
}

/** The Slack adapter; in HTTP mode with the request listener to mount at `/slack/events`. */
export interface SlackAdapter extends PlatformAdapter {
  /**
   * HTTP mode only: the request listener for `/slack/events` (events, slash commands and
   * interactivity), mounted by `src/server` on the shared HTTP server beside `/healthz`.
   */
  readonly httpHandler?: (req: IncomingMessage, res: ServerResponse) => void;
}

/** Retries for Web API calls (p-retry options): three tries more, at most ~10 s in all. */
const WEB_API_RETRIES = Object.freeze({ retries: 3, factor: 2, minTimeout: 500, maxTimeout: 4000 });

/** Default for `stop(graceMs)`, as the PlatformAdapter contract says. */
const DEFAULT_GRACE_MS = 8000;

type State = 'new' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

/**
 * The Slack adapter: a Bolt app answering the slash command, @mentions and DMs with Block Kit
 * answers. Socket Mode when `appToken` is set; otherwise HTTP mode, where `httpHandler` must be
 * mounted at `/slack/events` on the shared server (the adapter opens no port).
 * Throws a BotError at once when the options cannot work (e.g. no signing secret in HTTP mode).
 */
export function createSlackAdapter(options: SlackOptions, deps: SlackDeps): SlackAdapter {
  const resolved = resolveSlackOptions(options);
  const logger = deps.logger.child({ platform: 'slack', mode: resolved.mode });
  const boltLogger = createBoltLogger(logger);
  const built = createReceiver(resolved, boltLogger);
  const app = new App({
    token: resolved.botToken,
    receiver: built.receiver,
    logger: boltLogger,
    // Otherwise Bolt resets its logger to INFO; ours already follows the pino level.
    logLevel: boltLogger.getLevel(),
    clientOptions: {
      ...(resolved.apiUrl ? { slackApiUrl: resolved.apiUrl } : {}),
      // An answer retried for half an hour (Bolt's default) helps nobody; give up within ~10 s.
      retryConfig: WEB_API_RETRIES,
    },
    // auth.test runs in start(), so a bad token fails start() instead of the first question.
    deferInitialization: true,
  });
  const { refusals: givenRefusals, ...chatDeps } = deps;
  const chat = createChat({ ...chatDeps, platform: 'slack', logger });
  const refusals = givenRefusals ?? new RefusalLog(logger);
  let state: State = 'new';
  let reason: string | undefined = 'not started';
  let socketConnected = false;
  let stopping: Promise<void> | undefined;

  // Counts every request being handled, and turns new ones away politely while stopping.
  app.use(async (args) => {
    if (state !== 'running') {
      if ('command' in args && args.command)
        await args.ack({ response_type: 'ephemeral', text: SLACK_MESSAGES.restarting });
      else if ('ack' in args && typeof args.ack === 'function' && !('event' in args && args.event))
        await args.ack();
      return;
    }
    await chat.track(() => args.next());
  });
  const ctx: HandlerContext = { options: resolved, chat, logger };
  registerSlashCommand(app, ctx);
  registerMention(app, ctx);
  registerDirectMessage(app, ctx);
  registerActions(app, ctx);
  app.error(async (error) => {
    logger.error({ err: error, code: error.code }, 'slack: unhandled error in Bolt');
  });

  if (built.mode === 'socket') watchSocket(built.receiver);

  function watchSocket(receiver: SocketModeReceiver): void {
    receiver.client.on('connected', () => {
      socketConnected = true;
      reason = undefined;
      logger.info('slack: connected (Socket Mode)');
    });
    receiver.client.on('reconnecting', () => {
      socketConnected = false;
      reason = 'reconnecting to Slack (Socket Mode)';
      logger.warn('slack: reconnecting (Socket Mode)');
    });
    receiver.client.on('disconnected', () => {
      socketConnected = false;
      reason = state === 'running' ? 'disconnected from Slack (Socket Mode)' : reason;
    });
  }

  async function start(): Promise<void> {
    if (state !== 'new') throw new Error(`The Slack adapter cannot start twice (it is ${state}).`);
    state = 'starting';
    reason = 'starting';
    let step: SlackStartStep = 'bot-token';
    try {
      await app.init();
      // Running before the socket opens, so an envelope arriving right after Slack's hello is served.
      state = 'running';
      step = 'socket';
      if (built.mode === 'socket') await app.start();
    } catch (error) {
      state = 'failed';
      reason = 'could not connect to Slack';
      await disconnect();
      throw new BotError(
        ErrorCode.SlackStartFailed,
        describeSlackStartFailure(error, step, resolved.apiUrl),
        { cause: error },
      );
    }
    if (stopping) return;
    reason = undefined;
    logger.info({ command: resolved.command, visibility: resolved.visibility }, 'slack: ready');
  }

  async function disconnect(): Promise<void> {
    if (built.mode !== 'socket') return;
    try {
      await app.stop();
    } catch (error) {
      logger.warn({ err: error }, 'slack: error while disconnecting');
    }
    socketConnected = false;
  }

  function stop(graceMs = DEFAULT_GRACE_MS): Promise<void> {
    stopping ??= (async () => {
      const wasRunning = state === 'running';
      state = 'stopping';
      reason = 'stopping';
      if (wasRunning) await chat.close(graceMs);
      await disconnect();
      refusals.flush();
      state = 'stopped';
      reason = 'stopped';
    })();
    return stopping;
  }

  const adapter: SlackAdapter = {
    platform: 'slack',
    start,
    stop,
    isConnected: () => state === 'running' && (built.mode === 'http' || socketConnected),
    status: () => (adapter.isConnected() ? undefined : (reason ?? 'not connected')),
  };
  if (built.mode === 'http') {
    const guard = {
      signingSecret: resolved.signingSecret ?? '',
      refusals,
      bodies: new BodyReader(),
    };
    return { ...adapter, httpHandler: httpHandlerFor(built.receiver, () => state, guard, logger) };
  }
  return adapter;
}

/**
 * The `/slack/events` request listener. Before start() and after stop() it answers 503 (Slack
 * retries events). Otherwise it refuses what is not Slack's as early as it can: a body over the
 * limit (413) or a timestamp outside ±5 minutes (401) from the headers alone; a body too slow
 * (408) or with too many others in flight (503) while reading; a bad signature (401) after.
 * Refusals are logged through the aggregated refusal log, never one line each. Only verified
 * requests reach Bolt, with their body already read.
 */
function httpHandlerFor(
  receiver: HTTPReceiver,
  state: () => State,
  guard: { signingSecret: string; refusals: RefusalLog; bodies: BodyReader },
  logger: Logger,
): (req: IncomingMessage, res: ServerResponse) => void {
  const refuse = (req: IncomingMessage, res: ServerResponse, refusal: Refusal) => {
    guard.refusals.record(req.socket.remoteAddress, refusal.status, refusal.reason);
    sendRefusal(req, res, refusal);
  };
  const pass = (req: IncomingMessage, res: ServerResponse) => {
    try {
      receiver.requestListener(req, res);
    } catch (error) {
      const deferred = (error as { code?: string }).code === BoltErrorCode.HTTPReceiverDeferredRequestError;
      if (!deferred) logger.error({ err: error }, 'slack: could not handle an HTTP request');
      if (!res.headersSent) res.writeHead(deferred ? 404 : 500).end();
    }
  };
  return (req, res) => {
    const now = state();
    if (now !== 'running' && now !== 'stopping') {
      res.writeHead(503, { 'Retry-After': '5' }).end();
      return;
    }
    // Other paths are Bolt's to refuse (404), without reading anything.
    if ((req.url ?? '/').split('?')[0] !== SLACK_EVENTS_PATH) {
      pass(req, res);
      return;
    }
    const early = refuseByContentLength(req) ?? refuseByTimestamp(req);
    if (early) {
      refuse(req, res, early);
      return;
    }
    guard.bodies.read(req).then(
      (buffered) => {
        const unsigned = refuseUnsigned(buffered, guard.signingSecret);
        if (unsigned) refuse(req, res, unsigned);
        else pass(buffered, res);
      },
      (error: unknown) => {
        if (error instanceof RequestRefusedError) refuse(req, res, error.refusal);
        else {
          logger.error({ err: error }, 'slack: could not read an HTTP request');
          if (!res.headersSent) res.writeHead(500).end();
        }
      },
    );
  };
}
