import path from 'node:path';
import { parseArgs } from 'node:util';
import { config as loadDotenv } from 'dotenv';
import type { CitationStyle } from './cite/index.js';
import {
  defaultIndexCacheDir,
  dotenvWarnings,
  loadAddSettings,
  loadAnswerSettings,
  loadStoreSettings,
} from './config/index.js';

const USAGE = `usage:
  ask [--json] [--cite apa|mla|chicago] "question"
                              answer one question (exit 0 on an answer or "not covered");
                              from:NAME / from:"two words" / since:2017 in it restrict the sources;
                              --cite adds each excerpt's citation in that style
  ask [--json] < questions    answer each line of stdin, one answer per line (JSON Lines with --json)
  check-knowledge [--verbose] validate every knowledge file; non-zero exit on any problem
  eval [--verbose] [--questions FILE] [--extra FILE]
                              score the evaluation questions (hit@1, hit@3, abstention)
  eval --squad [--sample N] [--questions FILE]
                              ReQA-style SQuAD v1.1 dev figures on the public half (articles 0-23),
                              MiniSearch beside them, and abstention on articles not in the base
  eval --news [--verbose] [--knowledge DIR]
                              natural questions over the public news pages: builds their
                              knowledge base with add (in DIR, kept and reused, else a temporary
                              folder), prints hit@1, hit@3, sure-right, sure-wrong and abstention,
                              with MiniSearch BM25 beside it
  eval --extraction [--verbose] [--pages FILE]
                              score web-page extraction (F1, precision, recall, leaking pages)
  add [--dry-run] [--json] <file or URL>...
                              turn web pages (.html or http(s) URL), PDFs and .txt/.md files
                              into knowledge files; never overwrites, refuses duplicates
  import <folder>             load a knowledge folder into PostgreSQL (DATABASE_URL), replacing
                              sources with the same id or file name; prints the import rate
  export <folder>             write every source in PostgreSQL back as its knowledge file, byte
                              for byte
  report [--days N | --from DATE [--to DATE]] [--csv FILE]
                              the curator's report for a period (default the last 30 days):
                              uncovered questions grouped by wording, answers voted down,
                              top topics and the share answered; also written as CSV
                              (default report.csv). Reads DATABASE_URL, else DATA_FILE.
The knowledge folder is --knowledge DIR, else KNOWLEDGE_DIR, else ./knowledge; MAX_EXCERPTS sets
excerpts per answer (default 3); the index is saved in INDEX_CACHE_DIR (default .index-cache
beside the knowledge folder; off: never). With KNOWLEDGE_STORE=postgres, ask, add and eval --squad
use the knowledge in DATABASE_URL instead of the folder.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', short: 'v', default: false },
      questions: { type: 'string' },
      extra: { type: 'string' },
      knowledge: { type: 'string' },
      extraction: { type: 'boolean', default: false },
      squad: { type: 'boolean', default: false },
      news: { type: 'boolean', default: false },
      sample: { type: 'string' },
      pages: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      cite: { type: 'string' },
      days: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      csv: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command || values.help ? 0 : 2;
  }
  loadDotenv({ quiet: true });
  for (const warning of dotenvWarnings()) process.stderr.write(`${warning}\n`);
  // Each command loads only its own modules: `ask` starts without the PDF, HTML, CSL and database
  // code. The engine's modules load after the sentence encoder's worker has started, so the
  // worker loads its model meanwhile, on the other core.
  if (command === 'report') return (await import('./cli/report.js')).runReport(loadStoreSettings(), values);
  if (command === 'import' || command === 'export') {
    const { databaseUrl } = loadStoreSettings();
    const [folder] = rest;
    if (!databaseUrl || !folder) {
      process.stderr.write(
        `${command} needs DATABASE_URL (postgres://user:password@host:5432/dbname) and a folder: npm run ${command} -- knowledge/\n`,
      );
      return 2;
    }
    const { runImport, runExport } = await import('./cli/transfer.js');
    return command === 'import'
      ? runImport(databaseUrl, path.resolve(folder))
      : runExport(databaseUrl, path.resolve(folder));
  }
  const settings = loadAnswerSettings();
  const dir = values.knowledge ? path.resolve(values.knowledge) : settings.knowledgeDir;
  const { maxExcerpts } = settings;
  // The answer model (MEANING_CHECK, default on) needs the sentence encoder.
  const meaningOption = async () =>
    settings.meaningCheck
      ? { meaning: (await import('./search/sentence-encoder.js')).defaultSentenceEncoder() }
      : {};
  // --knowledge moves the default cache with the folder; INDEX_CACHE_DIR still wins.
  const indexCacheDir =
    values.knowledge && process.env.INDEX_CACHE_DIR === undefined
      ? defaultIndexCacheDir(dir)
      : settings.indexCacheDir;
  switch (command) {
    case 'ask': {
      const requested = values.cite?.toLowerCase();
      let cite: CitationStyle | undefined;
      if (requested !== undefined) {
        const { CITATION_STYLES, isCitationStyle } = await import('./cite/index.js');
        if (!isCitationStyle(requested)) {
          process.stderr.write(
            `--cite must be one of ${CITATION_STYLES.join(', ')} (got "${values.cite}")\n`,
          );
          return 2;
        }
        cite = requested;
      }
      const options = {
        maxExcerpts,
        ...(await meaningOption()),
      };
      const { runAsk } = await import('./cli/ask.js');
      const question = rest.length > 0 ? rest.join(' ') : undefined;
      if (settings.knowledgeStore.kind === 'postgres') {
        const { openPostgresAnswerer } = await import('./cli/transfer.js');
        const opened = await openPostgresAnswerer(settings.knowledgeStore.databaseUrl, options);
        await runAsk(opened.knowledge, question, values.json, cite);
        await opened.close();
        return 0;
      }
      const { loadEngineForCli } = await import('./cli/load-engine.js');
      const engine = await loadEngineForCli(dir, options, indexCacheDir);
      await runAsk(engine, question, values.json, cite);
      return 0;
    }
    case 'check-knowledge': {
      const { runCheckKnowledge } = await import('./cli/check-knowledge.js');
      return (await runCheckKnowledge(dir, values.verbose)) > 0 ? 1 : 0;
    }
    case 'add': {
      if (rest.length === 0) {
        process.stderr.write(`add needs at least one file or URL\n${USAGE}\n`);
        return 2;
      }
      const { maxBytes, allowedHosts } = loadAddSettings();
      const options = {
        dir,
        dryRun: values['dry-run'],
        json: values.json,
        progress: process.stderr,
        fetch: { maxBytes, allowedHosts },
        ...(settings.knowledgeStore.kind === 'postgres'
          ? { databaseUrl: settings.knowledgeStore.databaseUrl }
          : {}),
      };
      const { runAdd } = await import('./cli/add.js');
      return (await runAdd(rest, options)) > 0 ? 1 : 0;
    }
    case 'eval': {
      if (values.squad) {
        const size = values.sample === undefined ? undefined : Number(values.sample);
        if (size !== undefined && !(Number.isInteger(size) && size > 0))
          throw new Error(`--sample must be a positive whole number, not "${values.sample}"`);
        const { defaultSquadFile, runSquadEval } = await import('./cli/eval-squad.js');
        const { meaning = null } = await meaningOption();
        const databaseUrl =
          settings.knowledgeStore.kind === 'postgres' ? settings.knowledgeStore.databaseUrl : null;
        return (await runSquadEval(values.questions ?? defaultSquadFile(), size, meaning, databaseUrl))
          ? 0
          : 1;
      }
      if (values.news) {
        const { NEWS_FILES, runNewsEval } = await import('./cli/eval-news.js');
        return (await runNewsEval({
          questions: values.questions ?? NEWS_FILES.questions,
          pages: values.pages ?? NEWS_FILES.pages,
          ...(values.knowledge ? { knowledgeDir: dir } : {}),
          engine: { ...(await meaningOption()) },
          verbose: values.verbose,
        }))
          ? 0
          : 1;
      }
      if (values.extraction) {
        const { defaultPagesFile, runEvalExtraction } = await import('./cli/eval-extraction.js');
        return (await runEvalExtraction(values.pages ?? defaultPagesFile(), values.verbose)) ? 0 : 1;
      }
      const options = { ...(await meaningOption()) };
      const { loadEngineForCli } = await import('./cli/load-engine.js');
      const engine = await loadEngineForCli(dir, options, indexCacheDir);
      // As the bot answers once it has embedded its sources' sentences (it does, in the background).
      engine.prepareMeaning();
      const { defaultQuestionsFile, runEval } = await import('./cli/eval.js');
      const files = {
        main: values.questions ?? defaultQuestionsFile(),
        ...(values.extra ? { extra: values.extra } : {}),
      };
      return (await runEval(engine, files, values.verbose)) ? 0 : 1;
    }
    default:
      process.stderr.write(`unknown command "${command}"\n${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
