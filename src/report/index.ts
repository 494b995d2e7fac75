/** The curator's report: uncovered questions by wording, downvoted answers, top topics; text and CSV. */
export { buildReport, type CuratorReport, TOP_TOPICS } from './build-report.js';
export { formatReportCsv, formatReportText } from './format-report.js';
export { groupSimilarQuestions, type QuestionGroup, SIMILAR_WORDING } from './group-questions.js';
export { loadAnswers, type ReportPeriod, type StoredAnswer } from './load.js';
