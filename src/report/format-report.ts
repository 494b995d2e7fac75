import type { CurationEntry, CuratorReport } from './build-report.js';

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** The report as text for a terminal. */
export function formatReportText(report: CuratorReport): string {
  const lines = [
    `research-bot curator report, ${report.period.from.slice(0, 10)} to ${report.period.to.slice(0, 10)} (end excluded)`,
    `${report.questions} questions from ${report.askers} askers, ${report.answered} answered (${percent(report.answeredShare)}), ${report.followUps} follow-ups`,
    '',
    `Not covered by the sources, or answered only with the closest passages (${report.uncovered.reduce((n, group) => n + group.questions.length, 0)} questions in ${report.uncovered.length} groups):`,
  ];
  if (report.uncovered.length === 0) lines.push('  (none)');
  for (const group of report.uncovered) {
    lines.push(`  ${group.questions.length}× ${group.wording}`);
    for (const other of [...new Set(group.questions)].filter((q) => q !== group.wording).slice(0, 4))
      lines.push(`       also: ${other}`);
  }
  lines.push('', `Answers voted down (${report.downvoted.length}):`);
  if (report.downvoted.length === 0) lines.push('  (none)');
  for (const answer of report.downvoted) {
    lines.push(
      `  👎 ${answer.down} 👍 ${answer.up}  ${answer.question}  (${answer.askedAt.slice(0, 16).replace('T', ' ')})`,
    );
    for (const excerpt of answer.excerpts)
      lines.push(`       “${oneLine(excerpt.quote, 160)}” — ${excerpt.source}#${excerpt.paragraph}`);
  }
  lines.push('', 'Most asked topics:');
  if (report.topics.length === 0) lines.push('  (none)');
  for (const topic of report.topics)
    lines.push(
      `  ${topic.topic.padEnd(20)} ${String(topic.questions).padStart(4)} questions, ${percent(topic.answeredShare)} answered`,
    );
  const added = report.curation.filter((entry) => entry.action === 'add').length;
  lines.push(
    '',
    `Sources added and removed from the chat (${added} added, ${report.curation.length - added} removed):`,
  );
  if (report.curation.length === 0) lines.push('  (none)');
  for (const entry of report.curation) {
    const from = entry.input ? ` from ${oneLine(entry.input, 160)}` : '';
    lines.push(
      `  ${minute(entry.at)}  ${verb(entry).padEnd(7)}  ${source(entry)}${from}, ${curator(entry)} on ${entry.platform}`,
    );
  }
  return lines.join('\n');
}

const minute = (at: string) => at.slice(0, 16).replace('T', ' ');
const verb = (entry: CurationEntry) => (entry.action === 'add' ? 'added' : 'removed');
const source = (entry: CurationEntry) =>
  entry.title ? `${oneLine(entry.title, 120)} (${entry.sourceId})` : entry.sourceId;
const curator = (entry: CurationEntry) =>
  entry.curator ? `by curator ${entry.curator}` : 'by an unknown curator';

/**
 * The same report as CSV (RFC 4180): one row per item, `section` saying which list it belongs
 * to: summary, uncovered, downvoted, topic, curation. A curation row's item is the source id and
 * its detail says what was done, when, where and by whom, then the title and what was added.
 */
export function formatReportCsv(report: CuratorReport): string {
  const rows: unknown[][] = [['section', 'rank', 'item', 'count', 'answered_share', 'detail']];
  rows.push([
    'summary',
    '',
    'questions',
    report.questions,
    report.answeredShare,
    `answered ${report.answered}`,
  ]);
  rows.push(['summary', '', 'askers', report.askers, '', '']);
  rows.push(['summary', '', 'follow-ups', report.followUps, '', '']);
  const added = report.curation.filter((entry) => entry.action === 'add').length;
  rows.push(['summary', '', 'sources added', added, '', '']);
  rows.push(['summary', '', 'sources removed', report.curation.length - added, '', '']);
  report.uncovered.forEach((group, at) => {
    rows.push([
      'uncovered',
      at + 1,
      group.wording,
      group.questions.length,
      0,
      [...new Set(group.questions)].join(' | '),
    ]);
  });
  report.downvoted.forEach((answer, at) => {
    const excerpts = answer.excerpts.map(
      (excerpt) => `${excerpt.source}#${excerpt.paragraph}: ${excerpt.quote}`,
    );
    rows.push([
      'downvoted',
      at + 1,
      answer.question,
      answer.down,
      '',
      [`up ${answer.up}`, ...excerpts].join(' | '),
    ]);
  });
  report.topics.forEach((topic, at) => {
    rows.push([
      'topic',
      at + 1,
      topic.topic,
      topic.questions,
      topic.answeredShare,
      `answered ${topic.answered}`,
    ]);
  });
  report.curation.forEach((entry, at) => {
    rows.push([
      'curation',
      at + 1,
      entry.sourceId,
      '',
      '',
      [
        `${verb(entry)} ${minute(entry.at)} on ${entry.platform} ${curator(entry)}`,
        ...(entry.title ? [`title: ${entry.title}`] : []),
        ...(entry.input ? [`from ${entry.input}`] : []),
      ].join(' | '),
    ]);
  });
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

function csvField(value: unknown): string {
  const text = String(value ?? '');
  // A leading = + - @ would make a spreadsheet run the cell as a formula: prefix a quote.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
