import { writeFile } from 'node:fs/promises';
import type { StoreSettings } from '../config/index.js';
import {
  buildReport,
  formatReportCsv,
  formatReportText,
  loadAnswers,
  loadCuration,
  type ReportPeriod,
} from '../report/index.js';
import { openDatabase } from '../store/index.js';

/** `report [--days N | --from DATE [--to DATE]] [--csv FILE]` options, as given. */
export interface ReportArgs {
  days?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  csv?: string | undefined;
}

/** Default period: the last 30 days. */
export const REPORT_DEFAULT_DAYS = 30;
export const REPORT_DEFAULT_CSV = 'report.csv';

/** The period asked for, or an error message saying how to write it. */
export function reportPeriod(args: ReportArgs, now = new Date()): ReportPeriod | string {
  const day = (value: string, name: string): Date | string => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
      return `--${name} must be a date like 2026-11-01 (got "${value}")`;
    return new Date(`${value}T00:00:00Z`);
  };
  let to = now;
  if (args.to) {
    const parsed = day(args.to, 'to');
    if (typeof parsed === 'string') return parsed;
    to = new Date(parsed.getTime() + 86_400_000); // --to names the last day included
  }
  if (args.from) {
    const from = day(args.from, 'from');
    if (typeof from === 'string') return from;
    return { from: from.toISOString(), to: to.toISOString() };
  }
  const days = args.days === undefined ? REPORT_DEFAULT_DAYS : Number(args.days);
  if (!Number.isInteger(days) || days < 1)
    return `--days must be a whole number of days ≥ 1 (got "${args.days}")`;
  return { from: new Date(to.getTime() - days * 86_400_000).toISOString(), to: to.toISOString() };
}

/** Prints the curator's report for the period and writes it as CSV; returns the exit code. */
export async function runReport(store: StoreSettings, args: ReportArgs): Promise<number> {
  const period = reportPeriod(args);
  if (typeof period === 'string') {
    process.stderr.write(`${period}\n`);
    return 2;
  }
  let db: Awaited<ReturnType<typeof openDatabase>>;
  try {
    db = await openDatabase(store);
  } catch (error) {
    const where = store.databaseUrl
      ? 'the PostgreSQL database (DATABASE_URL)'
      : `the SQLite file ${store.dataFile} (DATA_FILE)`;
    process.stderr.write(
      `could not open ${where}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  try {
    const report = buildReport(await loadAnswers(db, period), period, await loadCuration(db, period));
    const csvFile = args.csv ?? REPORT_DEFAULT_CSV;
    await writeFile(csvFile, formatReportCsv(report), 'utf8');
    process.stdout.write(`${formatReportText(report)}\n\nCSV written to ${csvFile}\n`);
    return 0;
  } finally {
    await db.close();
  }
}
