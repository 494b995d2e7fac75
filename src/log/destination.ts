import { writeSync } from 'node:fs';

/** Most bytes held for a destination that is not ready; lines beyond it are dropped and counted. */
export const MAX_QUEUED_LOG_BYTES = 8 * 1024 * 1024;
/** Wait before retrying a write the destination was not ready for (EAGAIN). */
const RETRY_MS = 20;

/**
 * Where log lines go: a file descriptor (stdout by default), written line by line, in order.
 * Unlike pino's default destination it can never hold the process hostage:
 * - when the reader is gone (EPIPE, EBADF, …) it stops writing and drops lines silently;
 * - when the destination is not ready (EAGAIN) it queues at most `MAX_QUEUED_LOG_BYTES` and
 *   retries on a timer, never in a busy loop; lines beyond that are dropped and counted;
 * - on exit it writes what is still queued in one attempt, giving up on any error.
 * So a shutdown finishes by its deadline whatever happens to stdout.
 */
export class LogDestination {
  /** Lines dropped because the queue was full. */
  dropped = 0;
  private queue: Buffer[] = [];
  private queuedBytes = 0;
  private retry: NodeJS.Timeout | undefined;
  private broken = false;

  constructor(
    private readonly fd: number,
    private readonly transform: (line: string) => string = (line) => line,
  ) {}

  /** pino calls this with each serialized line. Never throws, never retries in a loop. */
  write(line: string): boolean {
    if (this.broken) return true;
    const bytes = Buffer.from(this.transform(line));
    if (this.queuedBytes + bytes.length > MAX_QUEUED_LOG_BYTES) {
      this.dropped += 1;
      return true;
    }
    this.queue.push(bytes);
    this.queuedBytes += bytes.length;
    if (!this.retry) this.drain();
    return true;
  }

  /** Writes what is still queued, for the moment the process exits: one attempt, no waiting. */
  flushSync(): void {
    clearTimeout(this.retry);
    this.retry = undefined;
    this.drain(false);
  }

  /** Writes queued lines until done, or until the destination is not ready (then retries later if `retryLater`). */
  private drain(retryLater = true): void {
    while (this.queue.length > 0 && !this.broken) {
      const chunk = this.queue[0] as Buffer;
      let written: number;
      try {
        written = writeSync(this.fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
          if (retryLater) this.retry = setTimeout(() => this.retryDrain(), RETRY_MS).unref();
          return;
        }
        // The reader is gone or the descriptor is unusable: logging stops, the bot does not.
        this.broken = true;
        this.queue = [];
        this.queuedBytes = 0;
        return;
      }
      this.queuedBytes -= written;
      if (written < chunk.length) this.queue[0] = chunk.subarray(written);
      else this.queue.shift();
    }
  }

  private retryDrain(): void {
    this.retry = undefined;
    this.drain();
  }
}
