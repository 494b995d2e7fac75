import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { BotError, ErrorCode } from '../errors.js';
import { addressKind } from './address.js';

/** One address a host name resolves to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all its addresses, e.g. with DNS. */
export type Resolve = (hostname: string) => Promise<ResolvedAddress[]>;

/**
 * How a URL is fetched and how much is accepted. Callers may pass only some fields; the rest
 * take FETCH_DEFAULTS' values (so `publicOnly` is off unless asked for: chat passes
 * CHAT_FETCH_DEFAULTS).
 */
export interface FetchLimits {
  /** Longest wait for the whole answer (resolving, redirects and download), in ms. Default 30,000. */
  timeoutMs: number;
  /** Largest response accepted, in bytes, after decompression. Default 25 MB (ADD_MAX_MB). */
  maxBytes: number;
  /** Most redirects followed. Default 5. */
  maxRedirects: number;
  /** Most pages a PDF may have (files and URLs alike). Default 500. */
  maxPdfPages: number;
  /**
   * Fetch only from public addresses: refuse hosts that resolve to loopback, private, link-local,
   * multicast, unspecified or reserved addresses (IPv4-mapped IPv6 included), on every redirect.
   * Default false (the operator's CLI); true in CHAT_FETCH_DEFAULTS.
   */
  publicOnly: boolean;
  /** Host names or IP addresses exempt from `publicOnly` (ADD_ALLOWED_HOSTS), any case. Default none. */
  allowedHosts: readonly string[];
  /** How host names are resolved. Default: the system resolver (`dns.lookup`, all addresses). */
  resolve?: Resolve;
}

export const FETCH_DEFAULTS: Readonly<FetchLimits> = Object.freeze({
  timeoutMs: 30_000,
  maxBytes: 25 * 1024 * 1024,
  maxRedirects: 5,
  maxPdfPages: 500,
  publicOnly: false,
  allowedHosts: Object.freeze([]) as readonly string[],
});

/** The limits for a URL a chat user gave: the defaults, public addresses only. */
export const CHAT_FETCH_DEFAULTS: Readonly<FetchLimits> = Object.freeze({
  ...FETCH_DEFAULTS,
  publicOnly: true,
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

const systemResolve: Resolve = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({
    address,
    family: family === 6 ? 6 : 4,
  }));

/** A host as URLs write it, comparable: lower case, no brackets, no final dot, IPv6 canonical. */
function hostKey(host: string): string {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
  if (isIP(bare) === 6) {
    try {
      return new URL(`http://[${bare}]/`).hostname.slice(1, -1);
    } catch {
      return bare;
    }
  }
  return bare;
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

function rejectOnAbort(signal: AbortSignal): { promise: Promise<never>; done: () => void } {
  let done: () => void = () => {};
  const promise = new Promise<never>((_resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    done = () => signal.removeEventListener('abort', abort);
  });
  promise.catch(() => undefined);
  return { promise, done };
}

function decoded(response: IncomingMessage): Readable | null {
  const encoding = (response.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : null;
  if (decoder) return pipeline(response, decoder, () => undefined);
  return encoding === 'identity' || encoding === '' ? response : null;
}

/**
 * Fetches a web page or PDF over http(s), refusing what is not one (by content type), what is
 * too large (by its Content-Length or as it arrives), what takes too long and what redirects too
 * often. Each host is resolved once, checked (with `publicOnly`), and connected to at exactly
 * the address checked; every redirect is checked the same way. Every failure is an BotError
 * naming the URL and what to do.
 */
export async function fetchPage(
  url: string,
  options: Partial<FetchLimits> = FETCH_DEFAULTS,
): Promise<FetchedPage> {
  const fetched = await fetchWithin(url, options, { anyType: false });
  if (!fetched.kind)
    throw new BotError(
      ErrorCode.AddFetchFailed,
      `${url}: not a web page or PDF (content type ${fetched.contentType ?? 'not stated'}); add the address of an article or a PDF`,
    );
  return { ...fetched, kind: fetched.kind };
}

/**
 * Downloads a file a chat platform holds (an attachment), whatever its content type, within the
 * same limits as a page. `headers` (e.g. the bot token Slack asks for) go to the file's own host
 * only, never to a host it redirects to.
 */
export async function downloadFile(
  url: string,
  options: Partial<FetchLimits>,
  headers: Readonly<Record<string, string>> = {},
): Promise<Uint8Array> {
  return (await fetchWithin(url, options, { headers, anyType: true })).bytes;
}

async function fetchWithin(
  url: string,
  options: Partial<FetchLimits>,
  /** `anyType`: read whatever the content type; else stop at one that is not a page or PDF. */
  extra: { headers?: Readonly<Record<string, string>>; anyType: boolean },
): Promise<Omit<FetchedPage, 'kind'> & { kind: FetchedKind | null }> {
  const limits: FetchLimits = { ...FETCH_DEFAULTS, ...options };
  const resolve = limits.resolve ?? systemResolve;
  const allowed = new Set(limits.allowedHosts.map(hostKey));
  const seconds = Math.round(limits.timeoutMs / 100) / 10;
  const megabytes = Math.round(limits.maxBytes / 1024 / 102.4) / 10;
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const fail = (message: string, code = ErrorCode.AddFetchFailed) => new BotError(code, `${url}: ${message}`);
  const timedOut = () =>
    fail(
      `no complete answer within ${seconds} s; check the address, or save the page from a browser and add the file`,
    );
  const refused = (what: string) =>
    fail(
      `refused: ${what}; the bot only fetches public web addresses (an operator can allow a host with ADD_ALLOWED_HOSTS)`,
      ErrorCode.AddRefused,
    );
  const tooLarge = () =>
    fail(
      `larger than ${megabytes} MB; save the part you need as a file and add that (${megabytes} MB is the most the bot downloads, set by ADD_MAX_MB)`,
      ErrorCode.AddTooLarge,
    );

  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw fail('not a valid web address; give an http:// or https:// address', ErrorCode.AddRefused);
  }
  const firstHost = current.host;
  for (let redirects = 0; ; redirects++) {
    const via = redirects === 0 ? '' : `it redirects to ${current.href}, and `;
    if (current.protocol !== 'http:' && current.protocol !== 'https:') {
      throw fail(
        `refused: ${via}${current.protocol} addresses are not fetched; give an http:// or https:// address`,
        ErrorCode.AddRefused,
      );
    }
    if (current.username !== '' || current.password !== '') {
      throw fail(
        `refused: ${via}the address holds a user name or password; give the address without them`,
        ErrorCode.AddRefused,
      );
    }
    const host = hostKey(current.hostname);
    let target: ResolvedAddress;
    if (isIP(host) !== 0) {
      target = { address: host, family: isIP(host) === 6 ? 6 : 4 };
    } else {
      const abort = rejectOnAbort(signal);
      let addresses: ResolvedAddress[];
      try {
        addresses = await Promise.race([resolve(host), abort.promise]);
      } catch (error) {
        if (signal.aborted) throw timedOut();
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        throw fail(`${via}could not find ${host} (${code}); check the address and your connection`);
      } finally {
        abort.done();
      }
      const first = addresses[0];
      if (!first)
        throw fail(`${via}could not find ${host} (no address); check the address and your connection`);
      target = { address: first.address, family: isIP(first.address) === 6 ? 6 : 4 };
      if (limits.publicOnly && !allowed.has(host)) {
        // Every answer must be public: a mixed answer is how DNS rebinding slips a private one in.
        for (const { address } of addresses) {
          const kind = addressKind(address);
          if (kind) throw refused(`${via}${host} resolves to ${address}, ${article(kind)} ${kind} address`);
        }
      }
    }
    if (limits.publicOnly && !allowed.has(host) && isIP(host) !== 0) {
      const kind = addressKind(host);
      if (kind) throw refused(`${via}${host} is ${article(kind)} ${kind} address`);
    }

    let response: IncomingMessage;
    try {
      response = await request(current, target, signal, current.host === firstHost ? extra.headers : {});
    } catch (error) {
      if (signal.aborted) throw timedOut();
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw fail(`${via}could not connect (${code}); check the address and your connection`);
    }
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location) {
      response.destroy();
      if (redirects >= limits.maxRedirects) {
        throw fail(
          `more than ${limits.maxRedirects} redirects; open it in a browser and add the address it ends at`,
        );
      }
      try {
        current = new URL(location, current);
      } catch {
        throw fail(`it redirects to ${location}, which is not a valid address; check the address`);
      }
      continue;
    }
    if (status < 200 || status >= 300) {
      response.destroy();
      throw fail(
        `the server answered ${[status, response.statusMessage].filter(Boolean).join(' ')}; check the address`,
      );
    }
    const contentType = response.headers['content-type'] ?? null;
    const kind = kindOf(contentType);
    if (!kind && !extra.anyType) {
      response.destroy();
      return { kind, bytes: new Uint8Array(), contentType, url: current.href };
    }
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > limits.maxBytes) {
      response.destroy();
      throw tooLarge();
    }
    const body = decoded(response);
    if (!body) {
      response.destroy();
      throw fail(
        `the server sent it in an encoding the bot cannot read (${response.headers['content-encoding']}); save the page from a browser and add the file`,
      );
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        size += chunk.byteLength;
        if (size > limits.maxBytes) throw tooLarge();
        chunks.push(chunk);
      }
    } catch (error) {
      response.destroy();
      if (error instanceof BotError) throw error;
      if (signal.aborted) throw timedOut();
      throw fail(`the download broke off (${(error as Error).message}); try again`);
    }
    return { kind, bytes: Buffer.concat(chunks), contentType, url: current.href };
  }
}

/** One GET to `url`, connected to `target` and nowhere else (no second lookup). */
function request(
  url: URL,
  target: ResolvedAddress,
  signal: AbortSignal,
  extraHeaders: Readonly<Record<string, string>> = {},
): Promise<IncomingMessage> {
  const transport = url.protocol === 'https:' ? https : http;
  const pinned = (
    _hostname: string,
    options: { all?: boolean },
    callback: (error: Error | null, address: string | ResolvedAddress[], family?: number) => void,
  ) => {
    if (options.all) callback(null, [target]);
    else callback(null, target.address, target.family);
  };
  return new Promise((resolve, reject) => {
    const outgoing = transport.request(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port === '' ? undefined : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        agent: false,
        signal,
        lookup: pinned as never,
        headers: {
          'user-agent': 'research-bot (npm run add)',
          accept: 'text/html,application/pdf;q=0.9,*/*;q=0.5',
          'accept-encoding': 'gzip, deflate, br',
          ...extraHeaders,
        },
      },
      resolve,
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}
