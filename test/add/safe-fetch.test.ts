import { readFile, writeFile } from 'node:fs/promises';
import { createServer as createTlsServer } from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fetchPage } from '../../src/add/fetch-page.js';
import {
  addressKind,
  addSources,
  CHAT_FETCH_DEFAULTS,
  FETCH_DEFAULTS,
  type FetchLimits,
  type ResolvedAddress,
} from '../../src/add/index.js';
import { BotError, ErrorCode } from '../../src/errors.js';
import { servePages } from '../helpers/page-server.js';
import { buildPdf } from '../helpers/pdf.js';
import { removeTempFolders, snapshot, tempFolder } from '../helpers/temp-folder.js';

/*
 * No test here may send traffic outside 127.0.0.0/8. Host names are resolved by stubs, and every
 * TCP connection this file's process opens goes through the guard below: it records the host and
 * throws for any host other than the loopback server's address or the stubbed name pinned to it.
 */
const CONNECTABLE = new Set(['127.0.0.1', 'fake-site.test']);
const connections: string[] = [];
const realConnect = net.Socket.prototype.connect;

beforeAll(() => {
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const first = args[0];
    const options = (Array.isArray(first) ? first[0] : first) as { host?: string; path?: string } | number;
    const host =
      typeof options === 'object' ? (options.host ?? options.path ?? 'localhost') : String(args[1]);
    connections.push(host);
    if (!CONNECTABLE.has(host)) throw new Error(`test guard: refused to connect to ${host}`);
    return (realConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof realConnect;
});

afterAll(() => {
  net.Socket.prototype.connect = realConnect;
});

afterEach(async () => {
  connections.length = 0;
  await removeTempFolders();
});

/** A resolver answering from a table, recording each name it was asked for. */
function stubResolver(table: Record<string, string | string[]>) {
  const calls: string[] = [];
  const resolve = async (hostname: string): Promise<ResolvedAddress[]> => {
    calls.push(hostname);
    const answer = table[hostname];
    if (answer === undefined)
      throw Object.assign(new Error(`no such host ${hostname}`), { code: 'ENOTFOUND' });
    return (Array.isArray(answer) ? answer : [answer]).map((address) => ({
      address,
      family: net.isIP(address) === 6 ? 6 : 4,
    }));
  };
  return { resolve, calls };
}

async function refusal(url: string, limits: Partial<FetchLimits>): Promise<BotError> {
  try {
    await fetchPage(url, limits);
  } catch (error) {
    if (error instanceof BotError) return error;
    throw error;
  }
  throw new Error(`${url} was fetched`);
}

const ARTICLE_HTML = await readFile(
  path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pages', 'article.html'),
  'utf8',
);
/** A self-signed certificate for fake-site.test (P-256, valid for a century) and its key. */
const TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgKCJDXslquKy9aVFQ
AmyqEka8u4uhFHJbU4/KobYHnomhRANCAATMIk8Z5UQp8WuHEx4lKG8X20lpPjHZ
Y6Z5GHDeCJIcjgpENnvr6SfAWMolTHsHMAjlN+FEkuslJxlFN5fT6anh
-----END PRIVATE KEY-----`;
const TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBpTCCAUqgAwIBAgIUdtErAdDx8NVUOBAW1jh6+LmqcdMwCgYIKoZIzj0EAwIw
GTEXMBUGA1UEAwwOZmFrZS1zaXRlLnRlc3QwIBcNMjYxMjA0MTYwOTIxWhgPMjEy
NjExMTAxNjA5MjFaMBkxFzAVBgNVBAMMDmZha2Utc2l0ZS50ZXN0MFkwEwYHKoZI
zj0CAQYIKoZIzj0DAQcDQgAEzCJPGeVEKfFrhxMeJShvF9tJaT4x2WOmeRhw3giS
HI4KRDZ76+knwFjKJUx7BzAI5TfhRJLrJScZRTeX0+mp4aNuMGwwHQYDVR0OBBYE
FO7pxiKoU2+8MV52In1xdftNAUjqMB8GA1UdIwQYMBaAFO7pxiKoU2+8MV52In1x
dftNAUjqMA8GA1UdEwEB/wQFMAMBAf8wGQYDVR0RBBIwEIIOZmFrZS1zaXRlLnRl
c3QwCgYIKoZIzj0EAwIDSQAwRgIhAKnse2K7XRmx06xj90LNTF/EwaeqjNYYHStQ
ORwnnfuTAiEAqFbth1g5OYJTBbRg0ab1E4Rl99VWf30v79t720KWpF4=
-----END CERTIFICATE-----`;
const PUBLIC_NOTE =
  'the bot only fetches public web addresses (an operator can allow a host with ADD_ALLOWED_HOSTS)';

let server: Awaited<ReturnType<typeof servePages>>;
let port: string;
let pdf: Uint8Array;
const hostHeaders: string[] = [];

beforeAll(async () => {
  pdf = await buildPdf({
    pages: ['schools', 'teachers', 'students', 'parents'].map((topic) => ({
      lines: [
        `The study asked ${topic} how the new timetable changed their week.`,
        `Most ${topic} said it gave them more time for reading and for maths.`,
      ],
    })),
  });
  const chain: Record<string, Parameters<typeof servePages>[0][string]> = {};
  for (let n = 1; n <= 6; n++) {
    chain[`/chain/${n}`] = (_request, response) =>
      response.writeHead(302, { location: n === 1 ? '/article' : `/chain/${n - 1}` }).end();
  }
  server = await servePages({
    ...chain,
    '/article': (request, response) => {
      hostHeaders.push(request.headers.host ?? '');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE_HTML);
    },
    '/to-internal': (_request, response) =>
      response.writeHead(302, { location: 'http://internal.example/secret' }).end(),
    '/to-loopback': (_request, response) =>
      response.writeHead(301, { location: `http://127.0.0.1:${port}/article` }).end(),
    '/to-file': (_request, response) => response.writeHead(302, { location: 'file:///etc/passwd' }).end(),
    '/declares-huge': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) });
      response.write('<p>the start of a very long page');
    },
    '/streams-huge': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<p>${'word '.repeat(300_000)}</p>`);
    },
    '/gzip-bomb': (_request, response) =>
      response
        .writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' })
        .end(gzipSync(`<p>${' '.repeat(3 * 1024 * 1024)}</p>`)),
    '/gzipped': (_request, response) =>
      response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' })
        .end(gzipSync(ARTICLE_HTML)),
    '/report.pdf': (_request, response) =>
      response.writeHead(200, { 'content-type': 'application/pdf' }).end(Buffer.from(pdf)),
  });
  port = new URL(server.base).port;
});

afterAll(() => server.close());

describe('which addresses are public', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::a00:1', 'private'],
    ['2002:c0a8:101::1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['224.0.0.251', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['100.64.0.1', 'shared (carrier-grade NAT)'],
    ['255.255.255.255', 'reserved'],
    ['240.0.0.1', 'reserved'],
  ])('tells that %s is %s', (address, kind) => {
    expect(addressKind(address)).toBe(kind);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '2002:808:808::1',
  ])('finds %s public', (address) => {
    expect(addressKind(address)).toBeNull();
  });
});

describe('fetching only public addresses', () => {
  it.each([
    ['127.0.0.1', 'a loopback'],
    ['10.1.2.3', 'a private'],
    ['172.16.5.4', 'a private'],
    ['192.168.0.1', 'a private'],
    ['169.254.169.254', 'a link-local'],
    ['224.0.0.251', 'a multicast'],
    ['0.0.0.0', 'an unspecified'],
    ['100.64.0.1', 'a shared (carrier-grade NAT)'],
    ['255.255.255.255', 'a reserved'],
    ['::1', 'a loopback'],
    ['fd00::5', 'a private'],
    ['fe80::1', 'a link-local'],
    ['ff02::1', 'a multicast'],
    ['::', 'an unspecified'],
    ['::ffff:127.0.0.1', 'a loopback'],
    ['::ffff:7f00:1', 'a loopback'],
    ['::ffff:10.0.0.1', 'a private'],
    ['64:ff9b::a00:1', 'a private'],
  ])('refuses a host that resolves to %s (%s address), before connecting', async (address, kind) => {
    const { resolve, calls } = stubResolver({ 'target.test': address });
    const error = await refusal('http://target.test/page', { publicOnly: true, resolve });
    expect(error.code).toBe(ErrorCode.AddRefused);
    expect(error.message).toBe(
      `http://target.test/page: refused: target.test resolves to ${address}, ${kind} address; ${PUBLIC_NOTE}`,
    );
    expect(calls).toEqual(['target.test']);
    expect(connections).toEqual([]);
  });

  it.each([
    ['http://10.0.0.5/x', '10.0.0.5 is a private address'],
    ['http://[::1]:8080/', '::1 is a loopback address'],
    ['http://[::ffff:169.254.169.254]/latest/meta-data', '::ffff:a9fe:a9fe is a link-local address'],
    ['http://2130706433/', '127.0.0.1 is a loopback address'],
    ['http://0x7f.1/', '127.0.0.1 is a loopback address'],
  ])('refuses the IP address %s without resolving or connecting', async (url, why) => {
    const { resolve, calls } = stubResolver({});
    const error = await refusal(url, { publicOnly: true, resolve });
    expect(error.message).toBe(`${url}: refused: ${why}; ${PUBLIC_NOTE}`);
    expect(calls).toEqual([]);
    expect(connections).toEqual([]);
  });

  it('refuses a name when any of its addresses is not public (a mixed DNS answer), before connecting', async () => {
    const { resolve } = stubResolver({ 'mixed.test': ['93.184.216.34', '10.0.0.1'] });
    const error = await refusal('https://mixed.test/', { publicOnly: true, resolve });
    expect(error.message).toContain('refused: mixed.test resolves to 10.0.0.1, a private address');
    expect(connections).toEqual([]);
  });

  it('refuses a redirect to a host that resolves to a private address, at that hop', async () => {
    const { resolve, calls } = stubResolver({ 'internal.example': '10.1.2.3' });
    const url = `${server.base}/to-internal`;
    const error = await refusal(url, { publicOnly: true, allowedHosts: ['127.0.0.1'], resolve });
    expect(error.message).toBe(
      `${url}: refused: it redirects to http://internal.example/secret, and internal.example resolves to 10.1.2.3, a private address; ${PUBLIC_NOTE}`,
    );
    expect(calls).toEqual(['internal.example']);
    expect(connections).toEqual(['127.0.0.1']);
  });

  it('checks every hop: an allowed host may not redirect to one that is not allowed', async () => {
    const { resolve } = stubResolver({ 'fake-site.test': '127.0.0.1' });
    const url = `http://fake-site.test:${port}/to-loopback`;
    const error = await refusal(url, { publicOnly: true, allowedHosts: ['fake-site.test'], resolve });
    expect(error.message).toBe(
      `${url}: refused: it redirects to http://127.0.0.1:${port}/article, and 127.0.0.1 is a loopback address; ${PUBLIC_NOTE}`,
    );
    expect(connections).toEqual(['fake-site.test']);
  });

  it('refuses a name that resolves to 127.0.0.1, and the server hears nothing', async () => {
    const { resolve } = stubResolver({ 'fake-site.test': '127.0.0.1' });
    hostHeaders.length = 0;
    const error = await refusal(`http://fake-site.test:${port}/article`, { publicOnly: true, resolve });
    expect(error.message).toContain('refused: fake-site.test resolves to 127.0.0.1, a loopback address');
    expect(connections).toEqual([]);
    expect(hostHeaders).toEqual([]);
  });

  it('fetches from a host ADD_ALLOWED_HOSTS names, at the address it resolved once, with the name as Host', async () => {
    // A second lookup would answer 10.9.9.9: the fetch must not make one.
    let answers = 0;
    const calls: string[] = [];
    const resolve = async (hostname: string): Promise<ResolvedAddress[]> => {
      calls.push(hostname);
      return [{ address: answers++ === 0 ? '127.0.0.1' : '10.9.9.9', family: 4 }];
    };
    hostHeaders.length = 0;
    const limits = {
      ...CHAT_FETCH_DEFAULTS,
      allowedHosts: ['FAKE-SITE.test', 'intranet.local'],
      resolve,
    };
    const page = await fetchPage(`http://fake-site.test:${port}/article`, limits);
    expect(page.kind).toBe('html');
    expect(new TextDecoder().decode(page.bytes)).toContain('personalized learning');
    expect(page.url).toBe(`http://fake-site.test:${port}/article`);
    expect(hostHeaders).toEqual([`fake-site.test:${port}`]);
    expect(calls).toEqual(['fake-site.test']);
    expect(connections).toEqual(['fake-site.test']);
  });

  it('connects over TLS at the pinned address, naming the host for SNI and checking its certificate', async () => {
    // A self-signed certificate for fake-site.test: the handshake reaches the server under that
    // name, and the bot refuses the certificate because nothing vouches for it.
    const servernames: string[] = [];
    const tls = createTlsServer(
      {
        key: TLS_KEY,
        cert: TLS_CERT,
        SNICallback: (name, done) => {
          servernames.push(name);
          done(null, undefined);
        },
      },
      (_request, response) => response.end('<p>hi</p>'),
    );
    tls.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    try {
      const { port: tlsPort } = tls.address() as net.AddressInfo;
      const { resolve } = stubResolver({ 'fake-site.test': '127.0.0.1' });
      const error = await refusal(`https://fake-site.test:${tlsPort}/`, {
        ...CHAT_FETCH_DEFAULTS,
        allowedHosts: ['fake-site.test'],
        resolve,
      });
      expect(error.message).toMatch(/could not connect \([A-Z_]*CERT[A-Z_]*\); check the address/);
      expect(connections).toEqual(['fake-site.test']);
    } finally {
      tls.closeAllConnections();
      await new Promise((resolve) => tls.close(resolve));
    }
    expect(servernames).toEqual(['fake-site.test']);
  });

  it('refuses a loopback page through addSources with CHAT_FETCH_DEFAULTS, and writes nothing', async () => {
    expect(CHAT_FETCH_DEFAULTS.publicOnly).toBe(true);
    expect(FETCH_DEFAULTS.publicOnly).toBe(false);
    const dir = await tempFolder();
    const before = await snapshot(dir);
    const url = `${server.base}/article`;
    const [outcome] = await addSources([url], { dir, dryRun: false, fetch: CHAT_FETCH_DEFAULTS });
    expect(outcome).toEqual({
      ok: false,
      input: url,
      error: `${url}: refused: 127.0.0.1 is a loopback address; ${PUBLIC_NOTE}`,
    });
    expect(await snapshot(dir)).toEqual(before);
    expect(connections).toEqual([]);
  });
});

describe('what is fetched, and how much', () => {
  it.each([
    ['ftp://files.test/report.pdf', 'ftp:'],
    ['file:///etc/passwd', 'file:'],
    ['data:text/html,<p>hello</p>', 'data:'],
    ['javascript:alert(1)', 'javascript:'],
  ])('refuses %s: only http and https addresses', async (url, scheme) => {
    const error = await refusal(url, {});
    expect(error.message).toBe(
      `${url}: refused: ${scheme} addresses are not fetched; give an http:// or https:// address`,
    );
    expect(connections).toEqual([]);
  });

  it('refuses a redirect to a file: address', async () => {
    const url = `${server.base}/to-file`;
    const error = await refusal(url, {});
    expect(error.message).toBe(
      `${url}: refused: it redirects to file:///etc/passwd, and file: addresses are not fetched; give an http:// or https:// address`,
    );
  });

  it('refuses an address with a user name and password in it, before connecting', async () => {
    const url = `http://user:secret@127.0.0.1:${port}/article`;
    const error = await refusal(url, {});
    expect(error.message).toContain('refused: the address holds a user name or password');
    expect(connections).toEqual([]);
  });

  it('follows as many redirects as allowed and refuses one more', async () => {
    const five = await fetchPage(`${server.base}/chain/5`);
    expect(five.url).toBe(`${server.base}/article`);
    const error = await refusal(`${server.base}/chain/6`, {});
    expect(error.message).toBe(
      `${server.base}/chain/6: more than 5 redirects; open it in a browser and add the address it ends at`,
    );
    expect((await refusal(`${server.base}/chain/3`, { maxRedirects: 2 })).message).toContain(
      'more than 2 redirects',
    );
  });

  it('refuses a download whose declared length is over maxBytes, without reading it', async () => {
    const error = await refusal(`${server.base}/declares-huge`, { maxBytes: 1024 * 1024 });
    expect(error.code).toBe(ErrorCode.AddTooLarge);
    expect(error.message).toMatch(/: larger than 1 MB; save the part you need as a file and add that/);
    expect(error.message).toContain('1 MB is the most the bot downloads, set by ADD_MAX_MB');
  });

  it('refuses a download that grows past maxBytes as it arrives, compressed or not', async () => {
    const limits = { maxBytes: 1024 * 1024 };
    expect((await refusal(`${server.base}/streams-huge`, limits)).message).toContain('larger than 1 MB');
    expect((await refusal(`${server.base}/gzip-bomb`, limits)).message).toContain('larger than 1 MB');
  });

  it('reads a gzip-compressed page', async () => {
    const page = await fetchPage(`${server.base}/gzipped`);
    expect(new TextDecoder().decode(page.bytes)).toBe(ARTICLE_HTML);
  });

  it('gives up when resolving the name takes longer than timeoutMs', async () => {
    const resolve = () => new Promise<ResolvedAddress[]>(() => undefined);
    const error = await refusal('https://slow-dns.test/', { timeoutMs: 200, resolve });
    expect(error.message).toBe(
      'https://slow-dns.test/: no complete answer within 0.2 s; check the address, or save the page from a browser and add the file',
    );
    expect(connections).toEqual([]);
  });

  it('says when a name cannot be found', async () => {
    const { resolve } = stubResolver({});
    const error = await refusal('https://nowhere.test/', { resolve });
    expect(error.message).toBe(
      'https://nowhere.test/: could not find nowhere.test (ENOTFOUND); check the address and your connection',
    );
  });

  it('refuses a PDF with more pages than maxPdfPages, from a URL and from a file', async () => {
    const dir = await tempFolder();
    const file = path.join(dir, 'report.pdf');
    await writeFile(file, pdf);
    const knowledge = path.join(dir, 'knowledge');
    const outcomes = await addSources([`${server.base}/report.pdf`, file], {
      dir: knowledge,
      dryRun: true,
      fetch: { maxPdfPages: 3 },
    });
    expect(outcomes.map((outcome) => (outcome.ok ? 'added' : outcome.error))).toEqual([
      `${server.base}/report.pdf: the PDF has 4 pages; the most the bot reads is 3; split off the pages you need as a smaller PDF and add that`,
      `${file}: the PDF has 4 pages; the most the bot reads is 3; split off the pages you need as a smaller PDF and add that`,
    ]);
    const [fits] = await addSources([file], { dir: knowledge, dryRun: true, fetch: { maxPdfPages: 4 } });
    expect(fits).toMatchObject({ ok: true, pages: 4 });
  });
});

describe('the operator environment', () => {
  it('fetches with the limits the issue sets, unless told otherwise', () => {
    expect(FETCH_DEFAULTS).toMatchObject({
      timeoutMs: 30_000,
      maxBytes: 25 * 1024 * 1024,
      maxRedirects: 5,
      maxPdfPages: 500,
      allowedHosts: [],
      publicOnly: false,
    });
    expect(CHAT_FETCH_DEFAULTS).toMatchObject({ publicOnly: true });
  });

  it('lets ADD_ALLOWED_HOSTS name an IP address, in any IPv6 spelling', async () => {
    const { resolve } = stubResolver({});
    const url = `http://127.0.0.1:${port}/article`;
    const page = await fetchPage(url, { ...CHAT_FETCH_DEFAULTS, allowedHosts: ['127.0.0.1'], resolve });
    expect(page.kind).toBe('html');
    const error = await refusal('http://[::1]:1/', {
      ...CHAT_FETCH_DEFAULTS,
      allowedHosts: ['0:0:0:0:0:0:0:1'],
      resolve,
      timeoutMs: 500,
    });
    // Allowed, so not refused: it went on to connect, which the guard stops.
    expect(error.message).toBe(
      'http://[::1]:1/: could not connect (test guard: refused to connect to ::1); check the address and your connection',
    );
    expect(connections).toContain('::1');
  });
});
