import type { IncomingMessage, ServerResponse } from 'node:http';

/** The chat platforms the bot can serve. */
export type PlatformName = 'slack' | 'discord';

/**
 * A chat platform adapter's lifecycle, as the process wiring (`src/index.ts`) sees it.
 * Adapters render the core's Answer; they never rank or quote on their own.
 */
export interface PlatformAdapter {
  readonly platform: PlatformName;
  /** Connects (Socket Mode / gateway) or gets ready to receive HTTP events. Rejects with a clear error. */
  start(): Promise<void>;
  /**
   * Stops taking new questions, waits for the questions already being answered to be replied
   * to (bounded by `graceMs`, default 8000), then disconnects. Safe to call twice.
   */
  stop(graceMs?: number): Promise<void>;
  /** True while connected and able to answer; `/healthz` reports it. */
  isConnected(): boolean;
  /** Why it is not connected, for `/healthz` (undefined while connected). */
  status(): string | undefined;
  /**
   * Slack HTTP mode only: the request listener for `/slack/events` (events, slash commands and
   * interactivity), mounted by `src/server` on the shared HTTP server beside `/healthz`.
   */
  readonly httpHandler?: (req: IncomingMessage, res: ServerResponse) => void;
}
