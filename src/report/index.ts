/** The curator's report: uncovered questions by wording, downvoted answers, top topics, sources added and removed; text and CSV. */
export {
  buildReport,
  CURATOR_LABEL_LENGTH,
  type CurationEntry,
  type CuratorReport,
  TOP_TOPICS,
} from './build-report.js';
export { formatReportCsv, formatReportText } from './format-report.js';
export { groupSimilarQuestions, type QuestionGroup, SIMILAR_WORDING } from './group-questions.js';
export {
  loadAnswers,
  loadCuration,
  type ReportPeriod,
  type StoredAnswer,
  type StoredCuration,
} from './load.js';
