import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, NoPlatformError } from './errors.js';

/** Everything the bot process reads from the environment, validated once and frozen. */
export interface Config {
  /** Folder of knowledge files (KNOWLEDGE_DIR). Default: `knowledge/` beside `src/` or `dist/`. */
  readonly knowledgeDir: string;
  /**
   * Where the knowledge is answered from (KNOWLEDGE_STORE): `folder` (the default: KNOWLEDGE_DIR,
   * indexed in memory) or `postgres` (the database of DATABASE_URL, shared by every replica; load
   * it with `npm run import`). See docs/knowledge-in-postgres.md.
   */
  readonly knowledgeStore: Readonly<KnowledgeStoreSettings>;
  /** Port of the HTTP server: /healthz, and /slack/events in Slack HTTP mode (PORT). Default 3000. */
  readonly port: number;
  /** pino level (LOG_LEVEL): fatal, error, warn, info, debug, trace or silent. Default info. */
  readonly logLevel: string;
  /**
   * LOG_FORMAT: `json` (one JSON object per line, for log collectors) or `pretty` (plain lines).
   * Unset (undefined): pretty when stdout is a terminal, JSON otherwise.
   */
  readonly logFormat?: 'json' | 'pretty';
  /** Most excerpts per answer (MAX_EXCERPTS), 1–10. Default 3. */
  readonly maxExcerpts: number;
  /**
   * Channel id → the source terms it answers from (CHANNEL_SOURCES), matched like `from:` terms
   * (a document id or id prefix, or words of a publisher or title). Channels not listed answer
   * from every source. Default: none.
   */
  readonly channelSources: Readonly<Record<string, readonly string[]>>;
  /**
   * The curator's store: PostgreSQL when DATABASE_URL is set (never logged), else the SQLite
   * file DATA_FILE (default `var/research-bot.sqlite` beside `src/`); USER_HASH_SALT is the
   * secret salt for user hashes (default: one kept in the database).
   */
  readonly store: Readonly<StoreSettings>;
  /**
   * Folder for the saved index (INDEX_CACHE_DIR), so start-up skips rebuilding it. Default:
   * `.index-cache` beside the knowledge folder. `null` (INDEX_CACHE_DIR=off): never saved.
   */
  readonly indexCacheDir: string | null;
  /**
   * MEANING_CHECK: `on` (default) gives the answer model the sentence encoder's cosines of the
   * question with its best candidates, and lets its fitted confidence decide between a sure answer,
   * an uncertain one and "not covered" (src/search/answer-model.ts); `off` orders the candidates
   * without cosines and decides by word coverage alone.
   */
  readonly meaningCheck: boolean;
  /** Adding sources: who may do it from the chat, and what may be fetched. */
  readonly add: Readonly<AddSettings>;
  /** Slack, when SLACK_BOT_TOKEN is set. */
  readonly slack?: Readonly<SlackConfig>;
  /** Discord, when DISCORD_TOKEN is set. */
  readonly discord?: Readonly<DiscordConfig>;
}

export interface SlackConfig {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  command: string;
  visibility: 'in_channel' | 'ephemeral';
}

export interface DiscordConfig {
  token: string;
  apiUrl?: string;
  guildId?: string;
  rateLimit: { max: number; windowMs: number };
}

/** Defaults for every optional variable, in one place. */
export const CONFIG_DEFAULTS = Object.freeze({
  port: 3000,
  logLevel: 'info',
  maxExcerpts: 3,
  slackCommand: '/research',
  slackVisibility: 'in_channel' as const,
  discordRateLimit: '5/10s',
  addMaxMb: 25,
});

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** `knowledge/` beside `src/` (run with tsx) or `dist/` (built): the repo's and the image's layout. */
function defaultKnowledgeDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'knowledge');
}

/** `var/research-bot.sqlite` beside `src/` or `dist/` (a volume in Docker). */
function defaultDataFile(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'var', 'research-bot.sqlite');
}

/**
 * CHANNEL_SOURCES: `C0123ABCD=the74,hechinger; 112233445566778899=the74` — entries separated by
 * `;` (or new lines), each a channel id, `=`, and comma-separated source terms.
 */
export function parseChannelSources(
  raw: string | undefined,
  problems: string[],
): Readonly<Record<string, readonly string[]>> {
  const sets: Record<string, readonly string[]> = {};
  if (!raw) return Object.freeze(sets);
  for (const entry of raw
    .split(/[;\n]/)
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z0-9]+)\s*=\s*(.+)$/.exec(entry);
    const terms =
      match?.[2]
        ?.split(',')
        .map((term) => term.trim())
        .filter(Boolean) ?? [];
    if (!match?.[1] || terms.length === 0) {
      problems.push(
        `CHANNEL_SOURCES entry "${entry}" must look like CHANNELID=source,source (e.g. C0123ABCD=the74,"Hechinger Report" → C0123ABCD=the74,Hechinger Report); separate channels with ";".`,
      );
      continue;
    }
    sets[match[1]] = Object.freeze(terms.map((term) => term.replace(/^["'“‘]|["'”’]$/g, '')));
  }
  return Object.freeze(sets);
}

/** Reads variables from `env`, collecting every problem instead of stopping at the first. */
function envReader(env: NodeJS.ProcessEnv, problems: string[]) {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(
        `${name} must be a whole number from ${min} to ${max} (got "${raw}"); leave it unset for ${fallback}.`,
      );
      return fallback;
    }
    return value;
  };
  const url = (name: string, what: string): string | undefined => {
    const raw = read(name);
    if (raw === undefined) return undefined;
    if (!/^https?:\/\/[^\s]+$/.test(raw)) {
      problems.push(
        `${name} must be an http(s) URL (${what}); got "${raw}". Leave it unset for the default.`,
      );
      return undefined;
    }
    return raw;
  };
  return { read, integer, url };
}

/** Where the knowledge is: the folder, or PostgreSQL at `databaseUrl` (DATABASE_URL, never logged). */
export type KnowledgeStoreSettings = { kind: 'folder' } | { kind: 'postgres'; databaseUrl: string };

/** What the command line needs: where the knowledge and its saved index are, how many excerpts to give. */
export type AnswerSettings = Pick<
  Config,
  'knowledgeDir' | 'knowledgeStore' | 'maxExcerpts' | 'indexCacheDir' | 'meaningCheck'
>;

function readKnowledgeStore(
  reader: ReturnType<typeof envReader>,
  problems: string[],
): KnowledgeStoreSettings {
  const kind = reader.read('KNOWLEDGE_STORE')?.toLowerCase() ?? 'folder';
  if (kind === 'folder') return { kind };
  if (kind !== 'postgres') {
    problems.push(`KNOWLEDGE_STORE must be folder or postgres (got "${kind}"); leave it unset for folder.`);
    return { kind: 'folder' };
  }
  const databaseUrl = reader.read('DATABASE_URL');
  if (!databaseUrl || !/^postgres(?:ql)?:\/\/\S*$/.test(databaseUrl)) {
    problems.push(
      'KNOWLEDGE_STORE=postgres needs DATABASE_URL, a PostgreSQL URL like postgres://user:password@host:5432/dbname (the knowledge is loaded into it with npm run import -- knowledge/).',
    );
    return { kind: 'folder' };
  }
  return { kind, databaseUrl };
}

function readAnswerSettings(reader: ReturnType<typeof envReader>, problems: string[]): AnswerSettings {
  const knowledgeDir = path.resolve(reader.read('KNOWLEDGE_DIR') ?? defaultKnowledgeDir());
  const cache = reader.read('INDEX_CACHE_DIR');
  const meaning = reader.read('MEANING_CHECK')?.toLowerCase() ?? 'on';
  if (meaning !== 'on' && meaning !== 'off')
    problems.push(`MEANING_CHECK must be on or off (got "${meaning}"); leave it unset for on.`);
  return {
    meaningCheck: meaning !== 'off',
    knowledgeDir,
    knowledgeStore: Object.freeze(readKnowledgeStore(reader, problems)),
    maxExcerpts: reader.integer('MAX_EXCERPTS', CONFIG_DEFAULTS.maxExcerpts, 1, 10),
    indexCacheDir:
      cache?.toLowerCase() === 'off' ? null : path.resolve(cache ?? defaultIndexCacheDir(knowledgeDir)),
  };
}

/** Adding sources: CURATORS, ADD_ALLOWED_HOSTS, ADD_MAX_MB. */
export interface AddSettings {
  /**
   * Slack user ids (`U…`, `W…`), Discord user ids and Discord role ids allowed to add and remove
   * sources from the chat (CURATORS, comma-separated). Empty (the default): nobody can.
   */
  curators: readonly string[];
  /**
   * Host names or IP addresses a link may point to although they are not public
   * (ADD_ALLOWED_HOSTS, comma-separated), e.g. an intranet wiki. Default: none.
   */
  allowedHosts: readonly string[];
  /** The largest download, in bytes (ADD_MAX_MB, whole megabytes, 1–1000). Default 25 MB. */
  maxBytes: number;
}

function readAddSettings(reader: ReturnType<typeof envReader>, problems: string[]): AddSettings {
  const list = (name: string) =>
    (reader.read(name) ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  const curators = list('CURATORS');
  const odd = curators.filter((id) => !/^(?:[UW][A-Z0-9]{2,}|\d{15,22})$/.test(id));
  if (odd.length > 0)
    problems.push(
      `CURATORS must list Slack user ids (U0123ABCD: profile → ⋮ → Copy member ID) or Discord user or role ids (digits: Developer Mode → right-click → Copy ID), separated by commas; these are neither: ${odd.join(', ')}.`,
    );
  return {
    curators,
    allowedHosts: list('ADD_ALLOWED_HOSTS'),
    maxBytes: reader.integer('ADD_MAX_MB', CONFIG_DEFAULTS.addMaxMb, 1, 1000) * 1024 * 1024,
  };
}

/** CURATORS, ADD_ALLOWED_HOSTS and ADD_MAX_MB only (`npm run add`), validated; throws ConfigError. */
export function loadAddSettings(env: NodeJS.ProcessEnv = process.env): AddSettings {
  const problems: string[] = [];
  const settings = readAddSettings(envReader(env, problems), problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(settings);
}

/** Where the curator's store is: DATABASE_URL, DATA_FILE, USER_HASH_SALT. */
export interface StoreSettings {
  databaseUrl?: string;
  dataFile: string;
  userHashSalt?: string;
}

function readStoreSettings(reader: ReturnType<typeof envReader>, problems: string[]): StoreSettings {
  const databaseUrl = reader.read('DATABASE_URL');
  if (databaseUrl && !/^postgres(?:ql)?:\/\/\S*$/.test(databaseUrl))
    problems.push(
      'DATABASE_URL must be a PostgreSQL URL like postgres://user:password@host:5432/dbname; leave it unset for the SQLite file (DATA_FILE).',
    );
  const salt = reader.read('USER_HASH_SALT');
  if (salt !== undefined && salt.length < 16)
    problems.push(
      'USER_HASH_SALT must be at least 16 characters (e.g. the output of `openssl rand -hex 32`).',
    );
  return {
    dataFile: path.resolve(reader.read('DATA_FILE') ?? defaultDataFile()),
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(salt ? { userHashSalt: salt } : {}),
  };
}

/** DATABASE_URL, DATA_FILE and USER_HASH_SALT only (`npm run report`), validated; throws ConfigError. */
export function loadStoreSettings(env: NodeJS.ProcessEnv = process.env): StoreSettings {
  const problems: string[] = [];
  const settings = readStoreSettings(envReader(env, problems), problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(settings);
}

/** Where the saved index goes when INDEX_CACHE_DIR is unset: `.index-cache` beside the knowledge folder. */
export function defaultIndexCacheDir(knowledgeDir: string): string {
  return path.join(path.dirname(path.resolve(knowledgeDir)), '.index-cache');
}

/** KNOWLEDGE_DIR, MAX_EXCERPTS and INDEX_CACHE_DIR only (the CLI), validated; throws ConfigError. */
export function loadAnswerSettings(env: NodeJS.ProcessEnv = process.env): AnswerSettings {
  const problems: string[] = [];
  const settings = readAnswerSettings(envReader(env, problems), problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(settings);
}

/**
 * Reads and validates the configuration. Every problem is collected and thrown together in one
 * ConfigError, each saying how to fix it; secret values never appear in messages.
 * Throws NoPlatformError when `requirePlatform` and neither Slack nor Discord is configured.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: { requirePlatform?: boolean } = {},
): Config {
  const problems: string[] = [];
  const reader = envReader(env, problems);
  const { read, integer, url } = reader;
  const answerSettings = readAnswerSettings(reader, problems);

  const logLevel = read('LOG_LEVEL')?.toLowerCase() ?? CONFIG_DEFAULTS.logLevel;
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}").`);
  const logFormat = read('LOG_FORMAT')?.toLowerCase();
  if (logFormat !== undefined && logFormat !== 'json' && logFormat !== 'pretty')
    problems.push(
      `LOG_FORMAT must be json or pretty (got "${logFormat}"); leave it unset for pretty on a terminal, JSON otherwise.`,
    );

  let slack: SlackConfig | undefined;
  const botToken = read('SLACK_BOT_TOKEN');
  const appToken = read('SLACK_APP_TOKEN');
  const signingSecret = read('SLACK_SIGNING_SECRET');
  if (botToken) {
    if (!botToken.startsWith('xoxb-')) {
      problems.push(
        'SLACK_BOT_TOKEN must be the Bot User OAuth Token starting with xoxb- (Slack app → OAuth & Permissions).',
      );
    }
    if (appToken && !appToken.startsWith('xapp-')) {
      problems.push(
        'SLACK_APP_TOKEN must be an app-level token starting with xapp- (Slack app → Basic Information → App-Level Tokens, scope connections:write).',
      );
    }
    if (!appToken && !signingSecret) {
      problems.push(
        'Slack needs SLACK_APP_TOKEN (Socket Mode: Basic Information → App-Level Tokens) or SLACK_SIGNING_SECRET (HTTP mode: Basic Information → App Credentials → Signing Secret).',
      );
    }
    const command = read('SLACK_COMMAND') ?? CONFIG_DEFAULTS.slackCommand;
    if (!/^\/[a-z0-9_-]{1,31}$/.test(command))
      problems.push(`SLACK_COMMAND must look like /research (got "${command}").`);
    const visibility = read('SLACK_VISIBILITY') ?? CONFIG_DEFAULTS.slackVisibility;
    if (visibility !== 'in_channel' && visibility !== 'ephemeral') {
      problems.push(`SLACK_VISIBILITY must be in_channel or ephemeral (got "${visibility}").`);
    }
    const apiUrl = url('SLACK_API_URL', 'the Slack Web API base, e.g. https://slack.com/api/');
    slack = {
      botToken,
      command,
      visibility: visibility === 'ephemeral' ? 'ephemeral' : 'in_channel',
      ...(appToken ? { appToken } : {}),
      ...(signingSecret ? { signingSecret } : {}),
      ...(apiUrl ? { apiUrl } : {}),
    };
  } else if (appToken || signingSecret) {
    problems.push(
      'SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not: add the Bot User OAuth Token (xoxb-…, Slack app → OAuth & Permissions).',
    );
  }

  let discord: DiscordConfig | undefined;
  const discordToken = read('DISCORD_TOKEN');
  if (discordToken) {
    const apiUrl = url('DISCORD_API_URL', 'a REST proxy base such as http://proxy:8080/api');
    const guildId = read('DISCORD_GUILD_ID');
    if (guildId && !/^\d{15,22}$/.test(guildId))
      problems.push(
        `DISCORD_GUILD_ID must be a server id (digits; Discord → Developer Mode → right-click the server → Copy Server ID); got "${guildId}".`,
      );
    const rate = read('DISCORD_RATE_LIMIT') ?? CONFIG_DEFAULTS.discordRateLimit;
    const match = /^(\d{1,4})\s*\/\s*(\d{1,5})\s*s$/.exec(rate);
    if (!match || Number(match[1]) < 1 || Number(match[2]) < 1)
      problems.push(
        `DISCORD_RATE_LIMIT must look like 5/10s (questions per seconds, per user); got "${rate}".`,
      );
    discord = {
      token: discordToken,
      rateLimit: Object.freeze(
        match ? { max: Number(match[1]), windowMs: Number(match[2]) * 1000 } : { max: 5, windowMs: 10_000 },
      ),
      ...(apiUrl ? { apiUrl } : {}),
      ...(guildId ? { guildId } : {}),
    };
  }

  const channelSources = parseChannelSources(read('CHANNEL_SOURCES'), problems);
  const store = Object.freeze(readStoreSettings(reader, problems));
  const add = Object.freeze(readAddSettings(reader, problems));
  const config: Config = {
    ...answerSettings,
    channelSources,
    store,
    add,
    port: integer('PORT', CONFIG_DEFAULTS.port, 0, 65_535),
    logLevel,
    ...(logFormat === 'json' || logFormat === 'pretty' ? { logFormat } : {}),
    ...(slack ? { slack: Object.freeze(slack) } : {}),
    ...(discord ? { discord: Object.freeze(discord) } : {}),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  if (options.requirePlatform && !slack && !discord) throw new NoPlatformError();
  return Object.freeze(config);
}
