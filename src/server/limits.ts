/** Limits on what unauthenticated HTTP clients can make the bot hold; see HTTP_LIMITS for each. */
export interface HttpLimits {
  maxBodyBytes: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  timeoutCheckIntervalMs: number;
  maxBodiesInFlight: number;
  maxConnections: number;
}

/**
 * What the HTTP server accepts from a client before anything is authenticated. Every limit
 * bounds what an unauthenticated client can make the bot hold in memory, and for how long.
 */
export const HTTP_LIMITS: Readonly<HttpLimits> = Object.freeze({
  /**
   * Largest request body, in bytes (256 KiB). Slack's payloads are a few KB; the largest is a
   * button click, which carries the answer message back (up to ~12,000 characters of text, URL
   * encoded). A larger Content-Length is refused with 413 before any of the body is read.
   */
  maxBodyBytes: 256 * 1024,
  /** Time for a client to send its request headers (5 s); then 408 and the connection closes. */
  headersTimeoutMs: 5_000,
  /** Time for a client to send its whole body once the headers are in (5 s); then 408. */
  bodyTimeoutMs: 5_000,
  /** Time for a whole request, headers and body (10 s): Node's own backstop. */
  requestTimeoutMs: 10_000,
  /** Idle time before a kept-alive connection is closed (5 s). */
  keepAliveTimeoutMs: 5_000,
  /** How often Node checks the header and request timeouts (1 s; its default is 30 s). */
  timeoutCheckIntervalMs: 1_000,
  /**
   * Most bodies being received at once (64), so at most 64 × 256 KiB (16 MiB) of
   * unauthenticated bodies is held. A new request beyond it takes the slot of the body that has
   * been arriving longest (answered 408): stalled bodies cannot keep Slack's own requests out.
   */
  maxBodiesInFlight: 64,
  /** Most open connections (2,048); beyond it new connections are closed at once. */
  maxConnections: 2_048,
});
