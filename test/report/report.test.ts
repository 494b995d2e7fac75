import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer, AnswerStatus } from '../../src/answer/index.js';
import {
  buildReport,
  type CuratorReport,
  formatReportCsv,
  formatReportText,
  groupSimilarQuestions,
  loadAnswers,
  loadCuration,
} from '../../src/report/index.js';
import { type Database, databaseRecorder, hashUser, openDatabase } from '../../src/store/index.js';
import { captureLogger } from '../helpers/slack-harness.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PERIOD = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-08T00:00:00.000Z' };

function answer(question: string, status: AnswerStatus, quote?: string): Answer {
  return {
    question,
    answered: status === 'answered',
    status,
    message: '',
    excerpts: quote
      ? [
          {
            quote,
            cutBefore: false,
            cutAfter: false,
            source: {
              id: 'city-daily-funding',
              title: 'Grant',
              untitled: false,
              publisher: 'City Daily',
              author: null,
              date: null,
              url: null,
            },
            location: { paragraph: 1, start: 0, end: quote.length },
            score: 1,
          },
        ]
      : [],
    suggestions: [],
  };
}

/** A week of questions: three ways of asking about costs and two about class sizes go uncovered. */
const SEED: Array<{ day: number; user: string; answer: Answer; votes?: Array<'up' | 'down'> }> = [
  { day: 1, user: 'U1', answer: answer('How much does tutoring cost per pupil?', 'not_covered') },
  { day: 2, user: 'U2', answer: answer('What is the cost of tutoring per pupil?', 'not_covered') },
  { day: 2, user: 'U3', answer: answer('tutoring costs per pupil', 'not_covered') },
  { day: 3, user: 'U1', answer: answer('Do smaller class sizes help?', 'not_covered') },
  { day: 3, user: 'U2', answer: answer('Are smaller classes sizes better?', 'not_covered') },
  {
    day: 4,
    user: 'U4',
    answer: answer(
      'Who pays for tutoring?',
      'answered',
      'The Harbor Foundation will pay for the city tutoring program.',
    ),
    votes: ['down', 'down', 'up'],
  },
  {
    day: 4,
    user: 'U1',
    answer: answer('What did the tutoring study find for math?', 'answered', 'Pupils gained.'),
    votes: ['up'],
  },
  {
    day: 5,
    user: 'U5',
    answer: answer('What did tutors find hardest?', 'answered', 'Keeping pupils together.'),
  },
  // Outside the period: never counted.
  { day: 9, user: 'U9', answer: answer('How much does tutoring cost per pupil?', 'not_covered') },
];

const SALT = 'report-test-salt-0123456789';

/** Sources added and removed by curators; the first and last fall outside the period. */
const CURATION = [
  {
    at: '2026-10-31T23:59:00.000Z',
    user: 'UCURATOR_EARLY',
    action: 'add',
    sourceId: 'early-bird-notes',
    title: 'Early Bird Notes',
    input: 'https://example.org/early',
  },
  {
    at: '2026-11-02T09:30:00.000Z',
    user: 'UCURATOR_ANNA',
    action: 'add',
    sourceId: 'city-daily-funding',
    title: 'Grant covers tutoring',
    input: 'https://citydaily.example/grant',
  },
  {
    at: '2026-11-05T16:45:00.000Z',
    user: 'UCURATOR_BEN',
    action: 'remove',
    sourceId: 'old-tutoring-memo',
    title: 'Old tutoring memo',
  },
  {
    at: '2026-11-08T00:00:00.000Z',
    user: 'UCURATOR_LATE',
    action: 'remove',
    sourceId: 'late-night-notes',
    title: 'Late Night Notes',
  },
] as const;

const label = (platform: string, user: string) => hashUser(SALT, platform, user).slice(0, 8);

const temps: string[] = [];
let file: string;
let db: Database;
let report: CuratorReport;

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'research-bot-report-'));
  temps.push(dir);
  file = path.join(dir, 'store.sqlite');
  db = await openDatabase({ dataFile: file });
  let clock = new Date(PERIOD.from);
  const recorder = databaseRecorder(db, SALT, captureLogger().logger, () => clock);
  for (const [at, entry] of SEED.entries()) {
    clock = new Date(Date.parse(PERIOD.from) + entry.day * 3_600_000 * 20 + at * 60_000);
    const id = recorder.recordAnswer({
      platform: 'slack',
      user: entry.user,
      answer: entry.answer,
      followUp: false,
    });
    for (const vote of entry.votes ?? [])
      recorder.recordVote({ platform: 'slack', user: 'V', vote, answerId: id });
  }
  for (const [at, { at: when, ...event }] of CURATION.entries()) {
    clock = new Date(when);
    recorder.recordCuration({ ...event, platform: at === 2 ? 'discord' : 'slack' });
  }
  await recorder.flush();
  report = buildReport(await loadAnswers(db, PERIOD), PERIOD, await loadCuration(db, PERIOD));
});

afterAll(async () => {
  await db?.close();
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

describe('the curator report on a seeded store', () => {
  it('counts the questions of the period, the askers and the share answered', () => {
    expect(report).toMatchObject({ questions: 8, answered: 3, answeredShare: 0.375, askers: 5 });
  });

  it('groups the uncovered questions by similar wording, biggest group first', () => {
    expect(report.uncovered).toEqual([
      {
        wording: 'How much does tutoring cost per pupil?',
        questions: [
          'How much does tutoring cost per pupil?',
          'What is the cost of tutoring per pupil?',
          'tutoring costs per pupil',
        ],
      },
      {
        wording: 'Do smaller class sizes help?',
        questions: ['Do smaller class sizes help?', 'Are smaller classes sizes better?'],
      },
    ]);
  });

  it('lists answers voted down more than up, with the excerpts shown', () => {
    expect(report.downvoted).toHaveLength(1);
    expect(report.downvoted[0]).toMatchObject({
      question: 'Who pays for tutoring?',
      up: 1,
      down: 2,
      excerpts: [
        {
          source: 'city-daily-funding',
          quote: 'The Harbor Foundation will pay for the city tutoring program.',
        },
      ],
    });
  });

  it('ranks the most asked topics with the share of their questions answered', () => {
    // "tutoring" and "tutors" share a stem: six questions, three of them answered.
    expect(report.topics[0]).toEqual({ topic: 'tutoring', questions: 6, answered: 3, answeredShare: 0.5 });
    expect(report.topics.find((topic) => topic.topic === 'pupil')).toMatchObject({
      questions: 3,
      answered: 0,
    });
  });

  it('prints the same in text and in CSV', () => {
    const text = formatReportText(report);
    expect(text).toContain('8 questions from 5 askers, 3 answered (38%)');
    expect(text).toContain('3× How much does tutoring cost per pupil?');
    expect(text).toContain('also: tutoring costs per pupil');
    expect(text).toContain('👎 2 👍 1  Who pays for tutoring?');
    const csv = formatReportCsv(report).split('\r\n');
    expect(csv[0]).toBe('section,rank,item,count,answered_share,detail');
    expect(csv).toContain(
      'uncovered,1,How much does tutoring cost per pupil?,3,0,How much does tutoring cost per pupil? | What is the cost of tutoring per pupil? | tutoring costs per pupil',
    );
    expect(csv).toContain('topic,1,tutoring,6,0.5,answered 3');
  });
});

describe('sources added and removed from the chat in the curator report', () => {
  it('lists the sources added and removed in the period, oldest first, each with a short curator label', () => {
    expect(report.curation).toEqual([
      {
        at: '2026-11-02T09:30:00.000Z',
        platform: 'slack',
        action: 'add',
        sourceId: 'city-daily-funding',
        title: 'Grant covers tutoring',
        input: 'https://citydaily.example/grant',
        curator: label('slack', 'UCURATOR_ANNA'),
      },
      {
        at: '2026-11-05T16:45:00.000Z',
        platform: 'discord',
        action: 'remove',
        sourceId: 'old-tutoring-memo',
        title: 'Old tutoring memo',
        input: null,
        curator: label('discord', 'UCURATOR_BEN'),
      },
    ]);
    expect(label('slack', 'UCURATOR_ANNA')).toMatch(/^[0-9a-f]{8}$/);
  });

  it('prints an add and a remove in the text report with the action, title, id, input, curator and platform', () => {
    const text = formatReportText(report);
    expect(text).toContain('Sources added and removed from the chat (1 added, 1 removed):');
    expect(text).toContain(
      `  2026-11-02 09:30  added    Grant covers tutoring (city-daily-funding) from https://citydaily.example/grant, by curator ${label('slack', 'UCURATOR_ANNA')} on slack`,
    );
    expect(text).toContain(
      `  2026-11-05 16:45  removed  Old tutoring memo (old-tutoring-memo), by curator ${label('discord', 'UCURATOR_BEN')} on discord`,
    );
  });

  it('writes an add and a remove as curation rows of the CSV report, and counts them in the summary', () => {
    const csv = formatReportCsv(report).split('\r\n');
    expect(csv).toContain('summary,,sources added,1,,');
    expect(csv).toContain('summary,,sources removed,1,,');
    expect(csv).toContain(
      `curation,1,city-daily-funding,,,added 2026-11-02 09:30 on slack by curator ${label('slack', 'UCURATOR_ANNA')} | title: Grant covers tutoring | from https://citydaily.example/grant`,
    );
    expect(csv).toContain(
      `curation,2,old-tutoring-memo,,,removed 2026-11-05 16:45 on discord by curator ${label('discord', 'UCURATOR_BEN')} | title: Old tutoring memo`,
    );
  });

  it('never shows the raw user id of a curator, nor their whole hash', () => {
    for (const output of [formatReportText(report), formatReportCsv(report), JSON.stringify(report)]) {
      expect(output).not.toContain('UCURATOR');
      expect(output).not.toContain(hashUser(SALT, 'slack', 'UCURATOR_ANNA'));
      expect(output).not.toContain(hashUser(SALT, 'discord', 'UCURATOR_BEN'));
    }
  });

  it('leaves out sources added or removed before or after the period', async () => {
    const text = formatReportText(report);
    const csv = formatReportCsv(report);
    for (const outside of ['early-bird-notes', 'Early Bird Notes', 'late-night-notes', 'Late Night Notes']) {
      expect(text).not.toContain(outside);
      expect(csv).not.toContain(outside);
    }
    const all = await loadCuration(db, { from: '2026-10-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' });
    expect(all.map((entry) => entry.sourceId)).toEqual(CURATION.map((entry) => entry.sourceId));
  });

  it('says none when no source was added or removed in the period', () => {
    const empty = buildReport([], PERIOD);
    expect(empty.curation).toEqual([]);
    expect(formatReportText(empty)).toMatch(
      /Sources added and removed from the chat \(0 added, 0 removed\):\n {2}\(none\)/,
    );
    expect(formatReportCsv(empty).split('\r\n')).not.toContainEqual(expect.stringMatching(/^curation,/));
  });

  it('shows a curator with no stored hash as unknown, and a source with no title by its id', () => {
    const built = buildReport([], PERIOD, [
      {
        at: '2026-11-03T08:00:00.000Z',
        platform: 'cli',
        userHash: null,
        action: 'add',
        sourceId: 'untitled-upload',
        title: null,
        input: 'notes.pdf',
      },
    ]);
    expect(formatReportText(built)).toContain(
      '  2026-11-03 08:00  added    untitled-upload from notes.pdf, by an unknown curator on cli',
    );
  });
});

describe('groupSimilarQuestions', () => {
  it('keeps unrelated questions apart and ignores question words', () => {
    const groups = groupSimilarQuestions([
      'Who funded the study?',
      'who funds the study',
      'What is the weather?',
    ]);
    expect(groups.map((group) => group.questions.length)).toEqual([2, 1]);
  });
});

describe('npm run report', () => {
  it('prints the report for a period and writes the CSV', async () => {
    const csv = path.join(temps[0] as string, 'out.csv');
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/cli.ts',
          'report',
          '--from',
          '2026-11-01',
          '--to',
          '2026-11-07',
          '--csv',
          csv,
        ],
        { cwd: ROOT, env: { ...process.env, DATA_FILE: file, DATABASE_URL: '' }, timeout: 30_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('3× How much does tutoring cost per pupil?');
    expect(run.stdout).toContain('2× Do smaller class sizes help?');
    expect(run.stdout).toContain(`CSV written to ${csv}`);
    expect(run.stdout).toContain('Sources added and removed from the chat (1 added, 1 removed):');
    expect(run.stdout).toContain(
      'added    Grant covers tutoring (city-daily-funding) from https://citydaily.example/grant',
    );
    expect(run.stdout).toContain('removed  Old tutoring memo (old-tutoring-memo)');
    expect(run.stdout).not.toContain('UCURATOR');
    const written = await readFile(csv, 'utf8');
    expect(written).toContain('downvoted,1,Who pays for tutoring?,2');
    expect(written).toContain('curation,1,city-daily-funding,,,added 2026-11-02 09:30 on slack');
    expect(written).toContain('curation,2,old-tutoring-memo,,,removed 2026-11-05 16:45 on discord');
  });
});

describe('the curator report of uncertain answers', () => {
  it('lists a question answered only with the closest passages among the uncovered ones, not as answered', () => {
    const stored = (question: string, status: AnswerStatus) => ({
      id: question,
      askedAt: '2026-11-02T10:00:00.000Z',
      platform: 'slack' as const,
      userHash: 'u1',
      channel: 'C1',
      question,
      status,
      followUp: false,
      excerpts: [],
      up: 0,
      down: 0,
    });
    const built = buildReport(
      [stored('What did the grant pay for?', 'answered'), stored('Who audited the grant?', 'uncertain')],
      PERIOD,
    );
    expect(built.answered).toBe(1);
    expect(built.uncovered.flatMap((group) => group.questions)).toEqual(['Who audited the grant?']);
  });
});
