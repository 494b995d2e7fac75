import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTP_LIMITS, type HttpLimits } from './limits.js';

/** Why a request was turned away before it reached a handler: an HTTP status and a short reason for the log. */
export interface Refusal {
  status: 400 | 401 | 408 | 413 | 503;
  reason: string;
}

export class RequestRefusedError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.reason);
    this.name = 'RequestRefusedError';
  }
}

/** A request whose body has been read in full, as Bolt's receivers accept it (`rawBody`). */
export type BufferedRequest = IncomingMessage & { rawBody: Buffer };

/** A 413 for a declared Content-Length over the limit: decided from the headers, before any body is read. */
export function refuseByContentLength(
  req: IncomingMessage,
  maxBytes = HTTP_LIMITS.maxBodyBytes,
): Refusal | undefined {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    return { status: 413, reason: `body of ${declared} bytes is over the ${maxBytes}-byte limit` };
  }
  return undefined;
}

/**
 * Answers a refused request and closes its connection once the answer is out, so a client
 * that stalls or keeps sending cannot hold the socket. A 503 says when to retry.
 */
export function sendRefusal(req: IncomingMessage, res: ServerResponse, refusal: Refusal): void {
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  res.once('finish', () => req.socket.destroy());
  res.writeHead(refusal.status, {
    connection: 'close',
    'content-type': 'application/json',
    ...(refusal.status === 503 ? { 'retry-after': '5' } : {}),
  });
  res.end(`${JSON.stringify({ error: refusal.reason })}\n`);
}

/** A body being received: when it started, and how to give up on it. */
interface BodyInFlight {
  startedAt: number;
  evict: () => void;
}

/**
 * Reads request bodies within limits: at most `maxBodyBytes` each (else 413), within
 * `bodyTimeoutMs` (else 408), and at most `maxBodiesInFlight` at once. When all slots are taken,
 * the body that has been arriving longest is given up (408) to make room: Slack sends its whole
 * body at once, so a real request finishes in milliseconds while stalled ones are the oldest.
 * So a flood of stalled or oversized bodies holds at most maxBodiesInFlight × maxBodyBytes,
 * and cannot keep Slack's own requests out.
 */
export class BodyReader {
  private readonly inFlight = new Set<BodyInFlight>();

  constructor(
    private readonly limits: Pick<
      HttpLimits,
      'maxBodyBytes' | 'bodyTimeoutMs' | 'maxBodiesInFlight'
    > = HTTP_LIMITS,
  ) {}

  /** Bodies being received now. */
  get reading(): number {
    return this.inFlight.size;
  }

  /** The request with its body in `rawBody`; rejects with RequestRefusedError. Reads a body only once. */
  async read(req: IncomingMessage): Promise<BufferedRequest> {
    const buffered = req as Partial<BufferedRequest> & IncomingMessage;
    if (Buffer.isBuffer(buffered.rawBody)) return buffered as BufferedRequest;
    const early = refuseByContentLength(req, this.limits.maxBodyBytes);
    if (early) throw new RequestRefusedError(early);
    if (this.inFlight.size >= this.limits.maxBodiesInFlight) this.evictOldest();
    buffered.rawBody = await this.collect(req);
    return buffered as BufferedRequest;
  }

  private evictOldest(): void {
    let oldest: BodyInFlight | undefined;
    for (const body of this.inFlight) if (!oldest || body.startedAt < oldest.startedAt) oldest = body;
    oldest?.evict();
  }

  private collect(req: IncomingMessage): Promise<Buffer> {
    const { maxBodyBytes, bodyTimeoutMs } = this.limits;
    return new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const slot: BodyInFlight = {
        startedAt: performance.now(),
        evict: () =>
          finish({ status: 408, reason: 'body still arriving when the slot was needed for a newer request' }),
      };
      const finish = (error?: Refusal) => {
        this.inFlight.delete(slot);
        clearTimeout(timer);
        req.off('data', onData);
        req.off('end', onEnd);
        req.off('error', onGone);
        req.off('close', onGone);
        if (error) {
          req.pause();
          reject(new RequestRefusedError(error));
        } else resolve(Buffer.concat(chunks, size));
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBodyBytes) finish({ status: 413, reason: `body over the ${maxBodyBytes}-byte limit` });
        else chunks.push(chunk);
      };
      const onEnd = () => finish();
      const onGone = () => finish({ status: 400, reason: 'the client closed the connection mid-body' });
      const timer = setTimeout(
        () => finish({ status: 408, reason: `body not received within ${bodyTimeoutMs / 1000} s` }),
        bodyTimeoutMs,
      );
      this.inFlight.add(slot);
      req.on('data', onData);
      req.once('end', onEnd);
      req.once('error', onGone);
      req.once('close', onGone);
    });
  }
}
