import pg from 'pg';
import { KNOWLEDGE_CHANNEL } from './knowledge-db.js';

/** How the listener retries a lost connection: first after `firstRetryMs`, doubling up to `maxRetryMs`. */
export const LISTENER_DEFAULTS = Object.freeze({ firstRetryMs: 250, maxRetryMs: 5000 });

/** What the listener tells its owner. */
export interface ChangeHandlers {
  /** A source changed (added, replaced or removed) through any process: its id. */
  changed(id: string): void;
  /**
   * The listener (re)connected after losing its connection: changes made meanwhile were not
   * heard, so whatever is cached must be read again.
   */
  reconnected(): void;
  /** The connection was lost (the reason, without the URL); it is being retried. */
  lost(reason: string): void;
}

/** A running listener. */
export interface ChangeListener {
  /** True while the LISTEN connection is up. */
  readonly listening: boolean;
  /** Resolves once listening (the first time). */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * LISTENs on KNOWLEDGE_CHANNEL on a connection of its own, and reconnects (with growing pauses)
 * whenever that connection drops, so every process hears every write within moments.
 */
export function listenForChanges(url: string, handlers: ChangeHandlers): ChangeListener {
  let client: pg.Client | undefined;
  let listening = false;
  let stopped = false;
  let retryMs: number = LISTENER_DEFAULTS.firstRetryMs;
  let timer: NodeJS.Timeout | undefined;
  let everConnected = false;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  const retry = (reason: string) => {
    if (stopped || timer) return;
    if (listening) handlers.lost(reason);
    listening = false;
    const current = client;
    client = undefined;
    void current?.end().catch(() => undefined);
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, retryMs);
    timer.unref();
    retryMs = Math.min(retryMs * 2, LISTENER_DEFAULTS.maxRetryMs);
  };

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    client = next;
    next.on('error', (error) => retry(error.message));
    next.on('end', () => retry('connection ended'));
    next.on('notification', (message) => {
      if (message.channel === KNOWLEDGE_CHANNEL && message.payload) handlers.changed(message.payload);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${KNOWLEDGE_CHANNEL}`);
      if (stopped) {
        await next.end().catch(() => undefined);
        return;
      }
      listening = true;
      retryMs = LISTENER_DEFAULTS.firstRetryMs;
      if (everConnected) handlers.reconnected();
      everConnected = true;
      markReady();
    } catch (error) {
      retry(error instanceof Error ? error.message : String(error));
    }
  }

  void connect();
  return {
    get listening() {
      return listening;
    },
    ready,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      listening = false;
      await client?.end().catch(() => undefined);
    },
  };
}
