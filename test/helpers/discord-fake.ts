import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** One REST request the bot made to the fake, as received. */
export interface RestCall {
  method: string;
  /** Path after `/api`, e.g. `/v10/channels/123/messages`. */
  path: string;
  query: URLSearchParams;
  /** The `Authorization` header, or undefined (interaction callbacks carry none). */
  authorization: string | undefined;
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are whatever discord.js sent; tests pick fields.
  body: any;
  /** What the fake answered (e.g. the posted message, with its new id). */
  // biome-ignore lint/suspicious/noExplicitAny: tests pick fields.
  response?: any;
}

/** A gateway payload the bot sent to the fake (IDENTIFY, HEARTBEAT, …). */
export interface GatewayFrame {
  op: number;
  d: unknown;
}

export interface FakeDiscordOptions {
  /** HELLO's heartbeat interval; short so tests see heartbeats. Default 250 ms. */
  heartbeatIntervalMs?: number;
  /** Status for GET /gateway/bot (401 simulates a bad token). Default 200. */
  gatewayStatus?: number;
  /** Close code sent right after IDENTIFY instead of READY (e.g. 4014 disallowed intents). */
  closeAfterIdentify?: number;
}

/** Who and where, in the fake's one server. */
export const FAKE_IDS = Object.freeze({
  bot: '1100000000000000001',
  application: '1100000000000000001',
  guild: '1200000000000000001',
  channel: '1300000000000000001',
  everyoneRole: '1200000000000000001',
  role: '1400000000000000001',
  asker: '1500000000000000001',
  otherBot: '1500000000000000099',
  command: '1600000000000000001',
});

/** The bot's mention, as a user types it. */
export const BOT_MENTION = `<@${FAKE_IDS.bot}>`;

const EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A fresh snowflake; `ageMs` makes it look that much older (interaction deadlines). */
export function snowflake(ageMs = 0): string {
  increment = (increment + 1n) % 4096n;
  return (((BigInt(Date.now() - ageMs) - EPOCH) << 22n) | increment).toString();
}

/** A Discord user in the fake. */
export interface FakeUser {
  id: string;
  username: string;
  bot?: boolean;
}

const ASKER: FakeUser = { id: FAKE_IDS.asker, username: 'asker' };
const BOT_USER: FakeUser = { id: FAKE_IDS.bot, username: 'research-bot', bot: true };

function apiUser(user: FakeUser) {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: null,
    avatar: null,
    bot: user.bot ?? false,
  };
}

/**
 * What every interaction of `type` (2 a command, 3 a component) from `user` in the guild's
 * channel carries; `roles` are the member's role ids.
 */
function guildInteraction(id: string, type: 2 | 3, user: FakeUser, roles: readonly string[] = []) {
  return {
    id,
    application_id: FAKE_IDS.application,
    type,
    token: `interaction-token-${id}`,
    version: 1,
    guild_id: FAKE_IDS.guild,
    channel_id: FAKE_IDS.channel,
    channel: { id: FAKE_IDS.channel, type: 0, guild_id: FAKE_IDS.guild, name: 'general' },
    member: {
      user: apiUser(user),
      roles: [...roles],
      joined_at: new Date().toISOString(),
      permissions: '2248473465835073',
      deaf: false,
      mute: false,
      flags: 0,
    },
    app_permissions: '2248473465835073',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': FAKE_IDS.guild },
    context: 0,
  };
}

/** What a test says about a message posted by someone in the fake. */
export interface IncomingMessage {
  content: string;
  author?: FakeUser;
  /** Omit for a DM (no guild). Default: the fake's text channel in its guild. */
  dm?: boolean;
  /** Users Discord lists as mentioned (it also lists the author of a message replied to). */
  mentions?: FakeUser[];
  mentionRoles?: string[];
  mentionEveryone?: boolean;
  /** The id of the bot message this one replies to. */
  replyTo?: string;
  /** Files attached to the message (made with `FakeDiscord.hostFile`, so the fake serves them). */
  attachments?: FakeAttachment[];
  /** The author's role ids in the guild (ignored in a DM). Roles must exist in the fake's guild. */
  roles?: string[];
}

/** A file attached to a message, as Discord describes it; its url is on the fake's own host. */
export interface FakeAttachment {
  id: string;
  filename: string;
  url: string;
  size: number;
  content_type: string;
}

/** What a test says about a /research invocation. */
export interface IncomingCommand {
  name?: string;
  question?: string;
  ephemeral?: boolean;
  /** How old the interaction is when it arrives (ms), to exercise deferral. Default 0. */
  ageMs?: number;
  user?: FakeUser;
  /** The member's role ids. Default none. */
  roles?: string[];
}

/**
 * A local, offline Discord: REST under `/api` (records every call and answers the few routes the
 * bot uses) and a gateway at `/gateway` on the same port. GET /v10/gateway/bot points
 * discord.js at the gateway, which says HELLO, takes IDENTIFY and heartbeats, sends READY and
 * GUILD_CREATE, then whatever MESSAGE_CREATE and INTERACTION_CREATE dispatches the test sends.
 */
export class FakeDiscord {
  readonly calls: RestCall[] = [];
  readonly frames: GatewayFrame[] = [];
  /** Query strings of gateway connections (v, encoding, compress). */
  readonly gatewayQueries: URLSearchParams[] = [];
  /** Paths of every request for an attached file (`/attachments/…`), served or not. */
  readonly fileRequests: string[] = [];
  private readonly files = new Map<string, { bytes: Uint8Array; contentType: string }>();
  private readonly sockets = new Set<WebSocket>();
  /** Sockets past IDENTIFY or RESUME: dispatches go to these only, as Discord's do. */
  private readonly live = new Set<WebSocket>();
  /** The latest dispatches, replayed on RESUME as Discord does, so a reconnect loses no event. */
  private readonly dispatched: Array<{ s: number; frame: string }> = [];
  private sequence = 0;
  private readonly waiters = new Set<() => void>();
  private held: Array<() => void> | undefined;
  private readonly failures: Array<{ method: string; path: RegExp; times: number }> = [];

  private constructor(
    private readonly server: http.Server,
    private readonly wss: WebSocketServer,
    private readonly options: FakeDiscordOptions,
  ) {}

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const server = http.createServer();
    const wss = new WebSocketServer({ server, path: '/gateway' });
    const fake = new FakeDiscord(server, wss, options);
    server.on('request', (req, res) => fake.onRequest(req, res));
    wss.on('connection', (socket, req) => fake.onConnection(socket, req));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return fake;
  }

  private get origin(): string {
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The REST base to pass as `apiUrl` (DISCORD_API_URL). */
  get apiUrl(): string {
    return `http://${this.origin}/api`;
  }

  get gatewayUrl(): string {
    return `ws://${this.origin}/gateway`;
  }

  /** True while a bot is connected to the gateway. */
  get connected(): boolean {
    return this.sockets.size > 0;
  }

  /** REST calls whose method and path match. */
  callsTo(method: string, path: RegExp): RestCall[] {
    return this.calls.filter((call) => call.method === method && path.test(call.path));
  }

  /** Messages the bot posted (replies, follow-ups in the channel, DMs). */
  postedMessages(): RestCall[] {
    return this.callsTo('POST', /^\/v10\/channels\/\d+\/messages$/);
  }

  /** Resolves with `probe()`'s first defined value, re-checked on every REST call and frame and every 20 ms. */
  waitFor<T>(probe: () => T | undefined, timeoutMs = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value === undefined) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        clearInterval(poll);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        clearInterval(poll);
        reject(new Error(`FakeDiscord.waitFor timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      // Also polls, for conditions outside the fake (the adapter's state).
      const poll = setInterval(check, 20);
      this.waiters.add(check);
      check();
    });
  }

  private notify(): void {
    for (const check of [...this.waiters]) check();
  }

  /**
   * Keeps `bytes` for download from the fake's own host, as Discord's CDN would, and returns the
   * attachment to put on a message (`sendMessage({ attachments })`). Downloads are recorded in
   * `fileRequests`.
   */
  hostFile(filename: string, bytes: Uint8Array, contentType: string): FakeAttachment {
    const id = snowflake();
    const filePath = `/attachments/${FAKE_IDS.channel}/${id}/${encodeURIComponent(filename)}`;
    this.files.set(filePath, { bytes, contentType });
    return {
      id,
      filename,
      url: `http://${this.origin}${filePath}`,
      size: bytes.byteLength,
      content_type: contentType,
    };
  }

  /** Dispatches MESSAGE_CREATE as if a person (or bot) posted; returns the message id. */
  sendMessage(message: IncomingMessage): string {
    const id = snowflake();
    const author = message.author ?? ASKER;
    const inGuild = !message.dm;
    const channelId = inGuild ? FAKE_IDS.channel : `19${author.id.slice(2)}`;
    this.dispatch('MESSAGE_CREATE', {
      id,
      channel_id: channelId,
      // Discord sends the channel type with every MESSAGE_CREATE; discord.js needs it to build a DM channel.
      channel_type: inGuild ? 0 : 1,
      ...(inGuild
        ? {
            guild_id: FAKE_IDS.guild,
            member: { roles: [...(message.roles ?? [])], joined_at: new Date().toISOString() },
          }
        : {}),
      author: apiUser(author),
      content: message.content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: message.mentionEveryone ?? false,
      mentions: (message.mentions ?? []).map(apiUser),
      mention_roles: message.mentionRoles ?? [],
      attachments: (message.attachments ?? []).map((attachment) => ({
        ...attachment,
        proxy_url: attachment.url,
      })),
      embeds: [],
      pinned: false,
      type: message.replyTo ? 19 : 0,
      ...(message.replyTo
        ? {
            message_reference: {
              type: 0,
              message_id: message.replyTo,
              channel_id: channelId,
              ...(inGuild ? { guild_id: FAKE_IDS.guild } : {}),
            },
          }
        : {}),
    });
    return id;
  }

  /** Dispatches INTERACTION_CREATE for `/research`; returns the interaction id. */
  sendCommand(command: IncomingCommand): string {
    const id = snowflake(command.ageMs ?? 0);
    const user = command.user ?? ASKER;
    const options: Array<{ name: string; type: number; value: string | boolean }> = [];
    if (command.question !== undefined) options.push({ name: 'question', type: 3, value: command.question });
    if (command.ephemeral !== undefined)
      options.push({ name: 'ephemeral', type: 5, value: command.ephemeral });
    this.dispatch('INTERACTION_CREATE', {
      ...guildInteraction(id, 2, user, command.roles),
      data: { id: FAKE_IDS.command, name: command.name ?? 'research', type: 1, options },
    });
    return id;
  }

  /**
   * Dispatches INTERACTION_CREATE for a click on a component of the bot's message `messageId`:
   * a select menu choice (`values`) or a button (no values). Returns the interaction id.
   */
  sendComponent(component: {
    customId: string;
    messageId: string;
    values?: string[];
    user?: FakeUser;
    roles?: string[];
  }): string {
    const id = snowflake();
    const user = component.user ?? ASKER;
    this.dispatch('INTERACTION_CREATE', {
      ...guildInteraction(id, 3, user, component.roles),
      message: this.botMessage(FAKE_IDS.channel, { content: '' }, component.messageId),
      data: component.values
        ? { custom_id: component.customId, component_type: 3, values: component.values }
        : { custom_id: component.customId, component_type: 2 },
    });
    return id;
  }

  /** Sends a dispatch (op 0) to every connected bot. */
  dispatch(type: string, data: unknown): void {
    this.sequence++;
    const frame = JSON.stringify({ op: 0, t: type, s: this.sequence, d: data });
    this.dispatched.push({ s: this.sequence, frame });
    if (this.dispatched.length > 1000) this.dispatched.shift();
    for (const socket of this.live) socket.send(frame);
  }

  /**
   * Holds the answers to the bot's POST …/messages calls (they are recorded, not answered) until
   * the returned release function is called: a reply "in flight", for shutdown tests.
   */
  holdPosts(): () => void {
    this.held = [];
    return () => {
      for (const respond of this.held ?? []) respond();
      this.held = undefined;
    };
  }

  /** The next `times` requests matching `method` and `path` get 403 Missing Permissions. */
  refuse(method: string, path: RegExp, times = 1): void {
    this.failures.push({ method, path, times });
  }

  /** Closes the gateway connection(s) with `code`, as Discord does on errors. */
  disconnect(code: number): void {
    for (const socket of this.sockets) socket.close(code);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onConnection(socket: WebSocket, req: http.IncomingMessage): void {
    this.sockets.add(socket);
    this.gatewayQueries.push(new URL(req.url ?? '/', 'http://fake').searchParams);
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.live.delete(socket);
    });
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as GatewayFrame;
      this.frames.push(frame);
      if (frame.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (frame.op === 2) {
        this.onIdentify(socket);
        if (!this.options.closeAfterIdentify) this.live.add(socket);
      }
      if (frame.op === 6) {
        // A client that lost its connection (e.g. a heartbeat missed while its event loop was
        // busy) resumes: it gets what was dispatched since its last sequence, then RESUMED.
        const seen = Number((frame.d as { seq?: number } | null)?.seq ?? 0);
        for (const missed of this.dispatched) if (missed.s > seen) socket.send(missed.frame);
        this.sequence++;
        socket.send(JSON.stringify({ op: 0, t: 'RESUMED', s: this.sequence, d: {} }));
        this.live.add(socket);
      }
      this.notify();
    });
    socket.send(
      JSON.stringify({ op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs ?? 250 } }),
    );
  }

  private onIdentify(socket: WebSocket): void {
    if (this.options.closeAfterIdentify) {
      socket.close(this.options.closeAfterIdentify);
      return;
    }
    const send = (type: string, data: unknown) => {
      this.sequence++;
      socket.send(JSON.stringify({ op: 0, t: type, s: this.sequence, d: data }));
    };
    send('READY', {
      v: 10,
      user: { ...apiUser(BOT_USER), verified: true, mfa_enabled: false, flags: 0 },
      guilds: [{ id: FAKE_IDS.guild, unavailable: true }],
      session_id: 'fake-session',
      resume_gateway_url: this.gatewayUrl,
      shard: [0, 1],
      application: { id: FAKE_IDS.application, flags: 0 },
    });
    send('GUILD_CREATE', {
      id: FAKE_IDS.guild,
      name: 'Research Lab',
      icon: null,
      owner_id: FAKE_IDS.asker,
      unavailable: false,
      member_count: 3,
      large: false,
      joined_at: new Date().toISOString(),
      features: [],
      roles: [
        {
          id: FAKE_IDS.everyoneRole,
          name: '@everyone',
          permissions: '2248473465835073',
          position: 0,
          color: 0,
        },
        { id: FAKE_IDS.role, name: 'researchers', permissions: '0', position: 1, color: 0 },
      ],
      emojis: [],
      stickers: [],
      channels: [
        {
          id: FAKE_IDS.channel,
          type: 0,
          guild_id: FAKE_IDS.guild,
          name: 'general',
          position: 0,
          permission_overwrites: [],
        },
      ],
      threads: [],
      members: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
    });
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const pathname = new URL(req.url ?? '/', 'http://fake').pathname;
    if (pathname.startsWith('/attachments/')) {
      this.fileRequests.push(pathname);
      const file = this.files.get(pathname);
      if (file) res.writeHead(200, { 'content-type': file.contentType }).end(file.bytes);
      else res.writeHead(404).end();
      req.resume();
      this.notify();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const text = Buffer.concat(chunks).toString('utf8');
      const call: RestCall = {
        method: req.method ?? 'GET',
        path: url.pathname.replace(/^\/api/, ''),
        query: url.searchParams,
        authorization: req.headers.authorization,
        body: text && req.headers['content-type']?.includes('json') ? JSON.parse(text) : text || undefined,
      };
      this.calls.push(call);
      const [status, body] = this.route(call);
      call.response = body;
      const respond = () => {
        if (body === undefined) res.writeHead(status).end();
        else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      if (this.held && call.method === 'POST' && /\/messages$/.test(call.path)) this.held.push(respond);
      else respond();
      this.notify();
    });
  }

  private route(call: RestCall): [number, unknown?] {
    const { method, path } = call;
    const failure = this.failures.find((f) => f.times > 0 && f.method === method && f.path.test(path));
    if (failure) {
      failure.times--;
      return [403, { message: 'Missing Permissions', code: 50013 }];
    }
    if (method === 'GET' && path === '/v10/gateway/bot') {
      const status = this.options.gatewayStatus ?? 200;
      if (status !== 200) return [status, { message: '401: Unauthorized', code: 0 }];
      return [
        200,
        {
          url: this.gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
        },
      ];
    }
    if (method === 'GET' && path === '/v10/applications/@me') {
      return [200, { id: FAKE_IDS.application, name: 'research-bot', bot_public: true, flags: 0 }];
    }
    if (method === 'PUT' && /^\/v10\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      return [200, call.body];
    }
    const channelMessages = /^\/v10\/channels\/(\d+)\/messages$/.exec(path);
    if (method === 'POST' && channelMessages) {
      return [200, this.botMessage(channelMessages[1] as string, call.body)];
    }
    if (method === 'POST' && /^\/v10\/channels\/\d+\/typing$/.test(path)) return [204];
    if (method === 'POST' && /^\/v10\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return [204];
    if (/^\/v10\/webhooks\/\d+\/[^/]+(\/messages\/(@|%40)original)?$/.test(path)) {
      return [200, this.botMessage(FAKE_IDS.channel, call.body)];
    }
    return [404, { message: 'Unknown route in FakeDiscord', code: 0 }];
  }

  /** The message object Discord returns for a message the bot posted. */
  // biome-ignore lint/suspicious/noExplicitAny: echoes the request body discord.js sent.
  private botMessage(channelId: string, body: any, id = snowflake()) {
    return {
      id,
      channel_id: channelId,
      author: apiUser(BOT_USER),
      content: body?.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: body?.embeds ?? [],
      pinned: false,
      type: body?.message_reference ? 19 : 0,
      flags: body?.flags ?? 0,
      ...(body?.message_reference ? { message_reference: body.message_reference } : {}),
    };
  }
}

/** The default asker and the bot itself, as authors or mentions in tests. */
export const FAKE_USERS = Object.freeze({ asker: ASKER, bot: BOT_USER });

/** A distinct person (or bot) per `n`, so tests do not share a rate limit. */
export function fakeUser(n: number, bot = false): FakeUser {
  return { id: (1_500_000_000_000_000_000n + BigInt(n)).toString(), username: `person${n}`, bot };
}
