import type { PlatformName } from './chat/index.js';

export type { PlatformName };

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
}
