import { randomUUID } from 'node:crypto';
import type { Logger } from '../log/logger.js';
import type { Database } from './database.js';
import type { AnswerEvent, CurationEvent, Recorder, VoteEvent } from './recorder.js';
import { hashUser } from './user-hash.js';

/** A recorder that also says where it keeps things, and can be flushed and closed. */
export interface StoreRecorder extends Recorder {
  /** `log-only` when no database could be used. */
  readonly kind: 'sqlite' | 'postgres' | 'log-only';
  /** Resolves when every write so far has finished (or failed and been logged). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** A failed write is warned about at most this often; the events themselves are always logged. */
const WARN_EVERY_MS = 60_000;

/**
 * Writes answers and votes to the database in the background, one after another. A write that
 * fails is logged instead (never the question text or the user) with a warning, and answering
 * goes on; the next write tries the database again.
 */
export function databaseRecorder(
  db: Database,
  salt: string,
  logger: Logger,
  now: () => Date = () => new Date(),
): StoreRecorder {
  let queue: Promise<void> = Promise.resolve();
  let lastWarning = Number.NEGATIVE_INFINITY;
  const userHash = (platform: string, user: string | undefined) =>
    user ? hashUser(salt, platform, user) : null;

  function write(event: Record<string, unknown>, work: () => Promise<void>): void {
    queue = queue.then(work).catch((error: unknown) => {
      if (Date.now() - lastWarning >= WARN_EVERY_MS) {
        lastWarning = Date.now();
        logger.warn(
          { err: error instanceof Error ? error.message : String(error), store: db.kind },
          'store: could not write to the database; events are logged only until it answers again',
        );
      }
      logger.info(event, 'store: event not stored');
    });
  }

  return {
    kind: db.kind,
    recordAnswer(event: AnswerEvent): string {
      const id = randomUUID();
      const askedAt = now().toISOString();
      const { answer } = event;
      const excerpts = answer.excerpts.map((excerpt) => ({
        source: excerpt.source.id,
        title: excerpt.source.title,
        paragraph: excerpt.location.paragraph,
        quote: excerpt.quote,
      }));
      write({ kind: 'answer', id, platform: event.platform, status: answer.status }, () =>
        db.run(
          'INSERT INTO answers (id, asked_at, platform, user_hash, channel, question, status, follow_up, excerpts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [
            id,
            askedAt,
            event.platform,
            userHash(event.platform, event.user),
            event.channel ?? null,
            answer.question,
            answer.status,
            event.followUp,
            JSON.stringify(excerpts),
          ],
        ),
      );
      return id;
    },
    recordVote(event: VoteEvent): void {
      const votedAt = now().toISOString();
      write({ kind: 'vote', answerId: event.answerId, platform: event.platform, vote: event.vote }, () =>
        db.run('INSERT INTO votes (answer_id, voted_at, platform, user_hash, vote) VALUES (?, ?, ?, ?, ?)', [
          event.answerId ?? null,
          votedAt,
          event.platform,
          userHash(event.platform, event.user),
          event.vote,
        ]),
      );
    },
    recordCuration(event: CurationEvent): void {
      const at = now().toISOString();
      write(
        { kind: 'curation', action: event.action, platform: event.platform, source: event.sourceId },
        () =>
          db.run(
            'INSERT INTO curation (at, platform, user_hash, action, source_id, title, input) VALUES (?, ?, ?, ?, ?, ?, ?)',
            [
              at,
              event.platform,
              userHash(event.platform, event.user),
              event.action,
              event.sourceId,
              event.title,
              event.input ?? null,
            ],
          ),
      );
    },
    flush: () => queue,
    async close() {
      await queue;
      await db.close();
    },
  };
}

/** Keeps nothing but a log line per event (no question text, no user): the store's fallback. */
export function logOnlyRecorder(logger: Logger): StoreRecorder {
  return {
    kind: 'log-only',
    recordAnswer(event) {
      const id = randomUUID();
      logger.info(
        { kind: 'answer', id, platform: event.platform, status: event.answer.status },
        'store: event not stored',
      );
      return id;
    },
    recordVote(event) {
      logger.info(
        { kind: 'vote', answerId: event.answerId, platform: event.platform, vote: event.vote },
        'store: event not stored',
      );
    },
    recordCuration(event) {
      logger.info(
        { kind: 'curation', action: event.action, platform: event.platform, source: event.sourceId },
        'store: event not stored',
      );
    },
    flush: async () => undefined,
    close: async () => undefined,
  };
}
