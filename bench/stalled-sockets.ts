/**
 * `npm run bench:sockets`: what 1,000 stalled sockets cost the bot process (issue 14, point 3).
 *
 * Starts the real bot (Slack HTTP mode, against the local fake Slack, seed knowledge), lets it
 * settle, then keeps 1,000 hostile connections open to /slack/events for `DURATION_S` seconds:
 * - a third declare a 4 MB body, send 1 MB of it and stall (what the probe did);
 * - a third declare a body just under the limit, send nearly all of it and stall;
 * - a third send half their headers and stall.
 * Whenever the bot closes one, the attacker opens another after a short pause, so the pressure
 * stays at 1,000. Meanwhile, once a second, it asks /healthz and sends one correctly signed
 * slash command. Prints the bot's resident memory (VmRSS) before and at its peak, and how many
 * health checks and commands were answered. Exits 1 when the target is missed: RSS +100 MB at
 * most, every health check 200, every command answered. Linux only (reads /proc).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HTTP_LIMITS } from '../src/server/index.js';
import { FakeSlack } from '../test/helpers/slack-fake-api.js';
import { postSlashCommand, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../test/helpers/slack-signing.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOCKETS = Number(process.env.STALLED_SOCKETS ?? 1000);
const DURATION_S = Number(process.env.STALLED_SECONDS ?? 20);
const REOPEN_PAUSE_MS = 250;
const TARGET_RSS_GROWTH_MB = 100;

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

function startBot(fake: FakeSlack): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      LOG_FORMAT: 'json',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /"port":(\d+).*http server listening/.exec(output)?.[1];
      if (port && output.includes('slack: ready')) resolve({ child, port: Number(port) });
    });
    child.once('exit', (code) => reject(new Error(`bot exited (${code}):\n${output}`)));
  });
}

type Kind = 'huge-body' | 'body-under-limit' | 'half-headers';

/** Attack payloads, made once so the attacker's own CPU does not starve the probes. */
const ONE_MB = Buffer.alloc(1024 * 1024, 'a');
const NEARLY_THE_LIMIT = Buffer.alloc(HTTP_LIMITS.maxBodyBytes - 10, 'a');

/** One hostile connection that reopens itself (after a pause) whenever the bot closes it. */
function stalledSocket(
  port: number,
  kind: Kind,
  state: { open: number; closedByBot: number; running: boolean },
) {
  const open = () => {
    if (!state.running) return;
    const socket: Socket = connect(port, '127.0.0.1');
    state.open += 1;
    socket.on('error', () => undefined);
    socket.on('data', () => undefined);
    socket.once('close', () => {
      state.open -= 1;
      if (!state.running) return;
      state.closedByBot += 1;
      setTimeout(open, REOPEN_PAUSE_MS);
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const head = (length: number) =>
      `POST /slack/events HTTP/1.1\r\nHost: bot\r\nContent-Type: application/x-www-form-urlencoded\r\nX-Slack-Request-Timestamp: ${timestamp}\r\nX-Slack-Signature: v0=${'0'.repeat(64)}\r\nContent-Length: ${length}\r\n\r\n`;
    if (kind === 'huge-body') {
      socket.write(head(4 * 1024 * 1024));
      socket.write(ONE_MB);
    } else if (kind === 'body-under-limit') {
      socket.write(head(HTTP_LIMITS.maxBodyBytes));
      socket.write(NEARLY_THE_LIMIT);
    } else socket.write('POST /slack/events HTTP/1.1\r\nHost: bot\r\nX-Slack-Signa');
    sockets.push(socket);
  };
  open();
}

const sockets: Socket[] = [];

async function main(): Promise<number> {
  if (process.platform !== 'linux') {
    process.stdout.write('bench:sockets reads /proc: Linux only\n');
    return 2;
  }
  const fake = await FakeSlack.start();
  const { child, port } = await startBot(fake);
  const pid = child.pid as number;
  const base = `http://127.0.0.1:${port}`;
  let asked = 0;
  const ask = async (): Promise<boolean> => {
    const id = `q${asked++}`;
    const ack = await postSlashCommand(`${base}/slack/events`, {
      text: 'what did RAND find for reading?',
      response_url: fake.responseUrl(id),
    }).catch(() => undefined);
    if (ack?.status !== 200) return false;
    return fake
      .waitFor(() => fake.responsesTo(id)[0], 5000)
      .then(() => true)
      .catch(() => false);
  };

  // Warm up: one question and a few health checks, then let the heap settle.
  await ask();
  for (let i = 0; i < 5; i += 1) await fetch(`${base}/healthz`);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const before = await rssMb(pid);

  const state = { open: 0, closedByBot: 0, running: true };
  const kinds = (process.env.STALLED_KINDS?.split(',') ?? [
    'huge-body',
    'body-under-limit',
    'half-headers',
  ]) as Kind[];
  for (let i = 0; i < SOCKETS; i += 1) stalledSocket(port, kinds[i % kinds.length] as Kind, state);

  let peak = before;
  let minOpen = Number.POSITIVE_INFINITY;
  const probes: Array<Promise<{ health: boolean; answered: boolean }>> = [];
  const started = Date.now();
  let nextProbe = started + 1000;
  while (Date.now() - started < DURATION_S * 1000) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    peak = Math.max(peak, await rssMb(pid));
    if (Date.now() - started > 3000) minOpen = Math.min(minOpen, state.open);
    if (Date.now() >= nextProbe) {
      nextProbe += 1000;
      // Once a second, concurrently with the sampling: a health check and a real, signed command.
      probes.push(
        Promise.all([
          fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5000) }).then(
            (res) => res.status === 200,
            () => false,
          ),
          ask(),
        ]).then(([health, answered]) => ({ health, answered })),
      );
    }
  }
  const results = await Promise.all(probes);
  const healthAll = results.length;
  const healthOk = results.filter((result) => result.health).length;
  const commands = results.length;
  const answered = results.filter((result) => result.answered).length;
  state.running = false;
  for (const socket of sockets) socket.destroy();
  child.kill('SIGTERM');
  await fake.close();

  const growth = peak - before;
  const pass = growth <= TARGET_RSS_GROWTH_MB && healthOk === healthAll && answered === commands;
  const lines = [
    `research-bot bench:sockets: ${SOCKETS} stalled sockets for ${DURATION_S} s (a third each: 4 MB body stalled after 1 MB, body under the ${HTTP_LIMITS.maxBodyBytes / 1024} KiB limit stalled, half headers stalled; reopened ${REOPEN_PAUSE_MS} ms after the bot closes one)`,
    `Node ${process.version}, ${process.platform}/${process.arch}`,
    `bot RSS before: ${before.toFixed(1)} MB`,
    `bot RSS peak:   ${peak.toFixed(1)} MB (+${growth.toFixed(1)} MB)`,
    `attacker sockets open (lowest after the first 3 s): ${Number.isFinite(minOpen) ? minOpen : 0}; closed by the bot: ${state.closedByBot}`,
    `/healthz 200: ${healthOk}/${healthAll}`,
    `signed commands answered meanwhile: ${answered}/${commands}`,
    `${pass ? 'PASS' : 'FAIL'}  RSS growth +${growth.toFixed(1)} MB <= +${TARGET_RSS_GROWTH_MB} MB, every /healthz 200, every command answered`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return pass ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:sockets failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
