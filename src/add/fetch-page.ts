import { BotError, ErrorCode } from '../errors.js';

/** Limits for fetching a URL. */
export interface FetchLimits {
  /** Longest wait for the whole response, in milliseconds. Default 20,000. */
  timeoutMs: number;
  /** Largest response accepted, in bytes. Default 20 MB. */
  maxBytes: number;
}

export const FETCH_DEFAULTS: Readonly<FetchLimits> = Object.freeze({
  timeoutMs: 20_000,
  maxBytes: 20 * 1024 * 1024,
});

export type FetchedKind = 'html' | 'pdf' | 'text';

export interface FetchedPage {
  kind: FetchedKind;
  bytes: Uint8Array;
  contentType: string | null;
  /** The address after redirects. */
  url: string;
}

function kindOf(contentType: string | null): FetchedKind | null {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'application/pdf') return 'pdf';
  if (type === 'text/plain' || type === 'text/markdown') return 'text';
  return null;
}

/**
 * Fetches a web page or PDF, refusing what is not one (by content type), what is too large (by
 * its Content-Length or as it arrives) and what takes too long. Every failure is an BotError
 * naming the URL and what to do.
 */
export async function fetchPage(url: string, limits: FetchLimits = FETCH_DEFAULTS): Promise<FetchedPage> {
  const seconds = Math.round(limits.timeoutMs / 100) / 10;
  const megabytes = Math.round(limits.maxBytes / 1024 / 102.4) / 10;
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const fail = (message: string) => new BotError(ErrorCode.AddFetchFailed, `${url}: ${message}`);
  const timedOut = () =>
    fail(
      `no complete answer within ${seconds} s; check the address, or save the page from a browser and add the file`,
    );
  let response: Response;
  try {
    response = await fetch(url, {
      signal,
      redirect: 'follow',
      headers: {
        'user-agent': 'research-bot (npm run add)',
        accept: 'text/html,application/pdf;q=0.9,*/*;q=0.5',
      },
    });
  } catch (error) {
    if (signal.aborted) throw timedOut();
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw fail(
      `could not connect (${cause?.code ?? cause?.message ?? (error as Error).message}); check the address and your connection`,
    );
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw fail(`the server answered ${response.status} ${response.statusText}; check the address`);
  }
  const contentType = response.headers.get('content-type');
  const kind = kindOf(contentType);
  if (!kind) {
    await response.body?.cancel().catch(() => undefined);
    throw fail(
      `not a web page or PDF (content type ${contentType ?? 'not stated'}); add the address of an article or a PDF`,
    );
  }
  const tooLarge = () => fail(`larger than ${megabytes} MB; save the part you need as a file and add that`);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      if (size > limits.maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'BotError') throw error;
    if (signal.aborted) throw timedOut();
    throw fail(`the download broke off (${(error as Error).message}); try again`);
  }
  return { kind, bytes: Buffer.concat(chunks), contentType, url: response.url || url };
}
