import type { Database } from '../store/database.js';

/** The period a report covers: from (inclusive) to (exclusive), ISO timestamps. */
export interface ReportPeriod {
  from: string;
  to: string;
}

/** One stored question with what was shown and the votes it got. */
export interface StoredAnswer {
  id: string;
  askedAt: string;
  platform: string;
  channel: string | null;
  question: string;
  status: string;
  followUp: boolean;
  excerpts: Array<{ source: string; title: string; paragraph: number; quote: string }>;
  up: number;
  down: number;
  /** Distinct askers (by salted hash) are counted from this; null when unknown. */
  userHash: string | null;
}

interface AnswerRow {
  id: string;
  asked_at: string;
  platform: string;
  channel: string | null;
  question: string;
  status: string;
  follow_up: boolean | number;
  excerpts: string;
  user_hash: string | null;
  up: number | string | null;
  down: number | string | null;
}

/** The answers asked within the period, oldest first, each with its 👍 and 👎 counts. */
export async function loadAnswers(db: Database, period: ReportPeriod): Promise<StoredAnswer[]> {
  const rows = await db.all<AnswerRow>(
    `SELECT a.id, a.asked_at, a.platform, a.channel, a.question, a.status, a.follow_up, a.excerpts, a.user_hash,
            (SELECT COUNT(*) FROM votes v WHERE v.answer_id = a.id AND v.vote = 'up') AS up,
            (SELECT COUNT(*) FROM votes v WHERE v.answer_id = a.id AND v.vote = 'down') AS down
       FROM answers a
      WHERE a.asked_at >= ? AND a.asked_at < ?
      ORDER BY a.asked_at, a.id`,
    [period.from, period.to],
  );
  return rows.map((row) => ({
    id: row.id,
    askedAt: row.asked_at,
    platform: row.platform,
    channel: row.channel,
    question: row.question,
    status: row.status,
    followUp: Boolean(row.follow_up),
    excerpts: parseExcerpts(row.excerpts),
    up: Number(row.up ?? 0),
    down: Number(row.down ?? 0),
    userHash: row.user_hash,
  }));
}

function parseExcerpts(raw: string): StoredAnswer['excerpts'] {
  try {
    const parsed = JSON.parse(raw) as unknown;
    return Array.isArray(parsed) ? (parsed as StoredAnswer['excerpts']) : [];
  } catch {
    return [];
  }
}

/** One source added or removed from the chat, as the curator store keeps it. */
export interface StoredCuration {
  at: string;
  platform: string;
  /** The curator, by salted hash only; null when unknown. */
  userHash: string | null;
  action: 'add' | 'remove';
  sourceId: string;
  title: string | null;
  /** The address or file name that was added; null for a removal. */
  input: string | null;
}

interface CurationRow {
  at: string;
  platform: string;
  user_hash: string | null;
  action: string;
  source_id: string;
  title: string | null;
  input: string | null;
}

/** The sources added and removed within the period, oldest first. */
export async function loadCuration(db: Database, period: ReportPeriod): Promise<StoredCuration[]> {
  const rows = await db.all<CurationRow>(
    `SELECT at, platform, user_hash, action, source_id, title, input
       FROM curation
      WHERE at >= ? AND at < ?
      ORDER BY at, source_id, action`,
    [period.from, period.to],
  );
  return rows.map((row) => ({
    at: row.at,
    platform: row.platform,
    userHash: row.user_hash,
    action: row.action === 'remove' ? 'remove' : 'add',
    sourceId: row.source_id,
    title: row.title,
    input: row.input,
  }));
}
