import type { Server } from 'node:http';
import { isatty } from 'node:tty';
import { config as loadDotenv } from 'dotenv';
import type { PlatformAdapter } from './adapter.js';
import type { LibraryStore } from './add/library.js';
import type { EngineOptions } from './answer/engine.js';
import type { QuestionAnswerer } from './answer/types.js';
import { ConfigError, dotenvWarnings, loadConfig, NoPlatformError } from './config/index.js';
import { openPostgresKnowledge } from './knowledge-db/open-knowledge.js';
import { createLogger } from './log/logger.js';
import { chooseLogFormat } from './log/pretty.js';
import { RefusalLog } from './log/refusal-log.js';
import { createPlatforms } from './platforms.js';
import { KnowledgeHolder, watchKnowledge } from './runtime/index.js';
import { generalSpeller } from './search/index.js';
import { defaultSentenceEncoder, warmUpSentenceEncoder } from './search/sentence-encoder.js';
import { createHttpServer } from './server/index.js';
import { indexSettings, SnapshotStore, snapshotFileFor } from './snapshot/index.js';
import { openStore } from './store/index.js';

/** SIGTERM/SIGINT: adapters get this long to finish the answers under way… */
const SHUTDOWN_GRACE_MS = 8000;
/** …and the process exits by this deadline whatever happens. */
const SHUTDOWN_DEADLINE_MS = 9500;

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  for (const warning of dotenvWarnings()) process.stderr.write(`${warning}\n`);
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env, { requirePlatform: true });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof NoPlatformError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel, chooseLogFormat(config.logFormat, isatty(1)));
  // The sentence encoder's worker starts loading its model now, beside the knowledge.
  const engineOptions = {
    maxExcerpts: config.maxExcerpts,
    meaning: config.meaningCheck ? defaultSentenceEncoder() : null,
  };
  const snapshot = config.indexCacheDir
    ? new SnapshotStore(
        snapshotFileFor(config.indexCacheDir, config.knowledgeDir),
        indexSettings(engineOptions),
        logger,
      )
    : undefined;
  const knowledge = await openKnowledge(config, engineOptions, snapshot, logger);
  // The general-English speller (word list and fuzzy index) loads now, not on the first
  // question holding a word the sources lack, so no user waits for it.
  generalSpeller();
  // Likewise the sentence encoder's model (about a second), run once on inputs as large as
  // questions send so its memory is at its working size; a failure only turns the check off.
  if (engineOptions.meaning) warmUpSentenceEncoder(engineOptions.meaning);

  // Votes, abstentions and answers for the curator's report; a database that cannot be reached
  // only degrades to logging (with a warning), it never stops the bot.
  const store = await openStore(config.store, logger);

  let stopping = false;
  const refusals = new RefusalLog(logger);
  const { adapters, slackEvents } = createPlatforms(
    config,
    knowledge.answerer,
    logger,
    refusals,
    store,
    knowledge.libraryStore,
  );
  const server: Server = createHttpServer({
    health: async () => {
      const report = await knowledge.health();
      const platforms = Object.fromEntries(
        adapters.map((adapter) => [
          adapter.platform,
          { connected: adapter.isConnected(), status: adapter.status() ?? 'connected' },
        ]),
      );
      return {
        healthy: report.healthy && adapters.every((adapter) => adapter.isConnected()) && !stopping,
        knowledge: report.knowledge,
        platforms,
        ...(stopping ? { reason: 'shutting down' } : {}),
      };
    },
    ...(slackEvents ? { slackEvents } : {}),
    refusals,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, () => resolve());
  });
  const address = server.address();
  logger.info(
    { port: typeof address === 'object' && address ? address.port : config.port },
    'http server listening (/healthz)',
  );

  const shutdown = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    // After a failed start the one line that matters is the failure; the rest is for debugging.
    const note = exitCode === 0 ? logger.info.bind(logger) : logger.debug.bind(logger);
    note({ signal }, 'shutting down: finishing answers under way');
    setTimeout(() => {
      logger.warn('shutdown deadline reached; exiting');
      process.exit(0);
    }, SHUTDOWN_DEADLINE_MS).unref();
    await Promise.allSettled(adapters.map((adapter) => stopAdapter(adapter, logger)));
    // After the adapters drained: answers under way may still read the knowledge database.
    await knowledge.stop();
    await store
      .close()
      .catch((error: unknown) => logger.warn({ err: error }, 'store: did not close cleanly'));
    server.closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    refusals.flush();
    note('stopped');
    process.exit(exitCode);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  for (const adapter of adapters) {
    try {
      await adapter.start();
      logger.info({ platform: adapter.platform }, `${adapter.platform}: ready`);
    } catch (error) {
      // The message is one sentence saying what failed and what to do; `err` keeps the detail for collectors.
      const message = error instanceof Error ? error.message : `${adapter.platform}: could not start`;
      logger.fatal({ platform: adapter.platform, err: error }, message);
      await shutdown('startup failure', 1);
    }
  }
}

/** The knowledge the bot answers from, whichever store holds it: what the rest of start-up needs. */
interface OpenKnowledge {
  answerer: QuestionAnswerer;
  libraryStore?: LibraryStore;
  health(): Promise<{ healthy: boolean; knowledge: Record<string, unknown> }>;
  stop(): Promise<void>;
}

/**
 * The folder (indexed in memory, reloaded when files change or on SIGHUP) or the knowledge in
 * PostgreSQL (KNOWLEDGE_STORE=postgres: shared by every replica, kept in step by NOTIFY).
 */
async function openKnowledge(
  config: ReturnType<typeof loadConfig>,
  engineOptions: Partial<EngineOptions>,
  snapshot: SnapshotStore | undefined,
  logger: ReturnType<typeof createLogger>,
): Promise<OpenKnowledge> {
  if (config.knowledgeStore.kind === 'postgres') {
    const opened = await openPostgresKnowledge(config.knowledgeStore.databaseUrl, engineOptions, logger);
    logger.info({ store: 'postgres', documents: opened.knowledge.documents.length }, 'knowledge loaded');
    return {
      answerer: opened.knowledge,
      libraryStore: opened.db,
      async health() {
        const knowledge = await opened.health();
        return { healthy: knowledge.database === 'ok', knowledge };
      },
      stop: () => opened.close(),
    };
  }
  const holder = new KnowledgeHolder(config.knowledgeDir, logger, engineOptions, snapshot);
  const loaded = await holder.load();
  logger.info(
    { dir: config.knowledgeDir, documents: loaded.documents, passages: holder.engine.passageCount },
    'knowledge loaded',
  );
  const stopWatching = watchKnowledge(config.knowledgeDir, () => void holder.reload(), logger);
  process.on('SIGHUP', () => {
    logger.info('SIGHUP: reloading knowledge');
    void holder.reload();
  });
  return {
    answerer: holder,
    async health() {
      return {
        healthy: holder.loaded,
        knowledge: { documents: holder.engine.documents.length, passages: holder.engine.passageCount },
      };
    },
    async stop() {
      stopWatching();
    },
  };
}

async function stopAdapter(adapter: PlatformAdapter, logger: ReturnType<typeof createLogger>): Promise<void> {
  try {
    await adapter.stop(SHUTDOWN_GRACE_MS);
  } catch (error) {
    logger.error({ platform: adapter.platform, err: error }, 'adapter did not stop cleanly');
  }
}

process.on('unhandledRejection', (reason) => {
  process.stderr.write(`unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}\n`);
});

main().catch((error: unknown) => {
  process.stderr.write(
    `research-bot could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
