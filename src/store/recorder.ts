import { randomUUID } from 'node:crypto';
import type { Answer } from '../answer/types.js';

/** Where a question came from. */
export type Platform = 'slack' | 'discord' | 'cli';

/** One question and what the bot did with it, as the adapters report it. */
export interface AnswerEvent {
  platform: Platform;
  /** The asker's platform id; the store keeps only a salted hash of it. */
  user?: string | undefined;
  /** Where it was asked (channel id); kept for the report's per-channel view. */
  channel?: string | undefined;
  answer: Answer;
  /** True when the question was a follow-up that took an earlier topic. */
  followUp: boolean;
}

/** A 👍 or 👎 on an answer. */
export interface VoteEvent {
  platform: Platform;
  user?: string | undefined;
  vote: 'up' | 'down';
  /** The answer's id from `recordAnswer`, when the button carried it. */
  answerId?: string | undefined;
}

/** A source added or removed from the chat by a curator. */
export interface CurationEvent {
  platform: Platform;
  /** The curator's platform id; the store keeps only a salted hash of it. */
  user?: string | undefined;
  action: 'add' | 'remove';
  /** The knowledge file's source id. */
  sourceId: string;
  /** The source's title, when it has one. */
  title: string | null;
  /** What was added: the address, or the attached file's name. Absent for a removal. */
  input?: string | undefined;
}

/**
 * Takes what the curator's report needs: answers (and abstentions) and votes. Calls return at
 * once and never throw: writing happens in the background, and a store that cannot be reached
 * only logs (see `openStore`), so answering never waits for or fails with the database.
 */
export interface Recorder {
  /** Records the answer and returns its id (for vote buttons). */
  recordAnswer(event: AnswerEvent): string;
  recordVote(event: VoteEvent): void;
  /** Records a source added or removed from the chat. */
  recordCuration(event: CurationEvent): void;
}

/** A recorder that keeps nothing (the default for adapters given none). */
export const NO_RECORDER: Recorder = Object.freeze({
  recordAnswer: () => randomUUID(),
  recordVote: () => undefined,
  recordCuration: () => undefined,
});
