import type { ConversationTurn } from './follow-up.js';

/** How many conversations are remembered, and for how long. */
export interface ConversationLimits {
  maxConversations: number;
  ttlMs: number;
}

export const CONVERSATION_DEFAULTS: Readonly<ConversationLimits> = Object.freeze({
  /** Most conversations kept; the least recently used is forgotten first. */
  maxConversations: 5000,
  /** A conversation idle this long is forgotten: a follow-up an hour later is a new question. */
  ttlMs: 60 * 60 * 1000,
});

/**
 * The last turn of each conversation, in memory, keyed by the adapter's conversation key (a
 * Slack thread, a Discord message the bot sent). Memory only: a restart forgets conversations,
 * which costs at most a follow-up read as a new question.
 */
export class ConversationMemory {
  private readonly turns = new Map<string, { turn: ConversationTurn; at: number }>();

  constructor(
    private readonly options: Readonly<ConversationLimits> = CONVERSATION_DEFAULTS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The conversation's last turn, or undefined when unknown or expired. */
  get(key: string): ConversationTurn | undefined {
    const entry = this.turns.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.options.ttlMs) {
      this.turns.delete(key);
      return undefined;
    }
    return entry.turn;
  }

  remember(key: string, turn: ConversationTurn): void {
    this.turns.delete(key);
    this.turns.set(key, { turn, at: this.now() });
    while (this.turns.size > this.options.maxConversations) {
      const oldest = this.turns.keys().next().value;
      if (oldest === undefined) break;
      this.turns.delete(oldest);
    }
  }

  get size(): number {
    return this.turns.size;
  }
}
