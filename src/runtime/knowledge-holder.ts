import { createEngine, type Engine } from '../answer/index.js';
import type { Answer, AnswerOptions, QuestionAnswerer } from '../answer/types.js';
import { loadKnowledge } from '../knowledge/index.js';
import type { KnowledgeDocument, KnowledgeProblem } from '../knowledge/types.js';
import type { Logger } from '../log/logger.js';

/** What a reload did. */
export interface ReloadResult {
  /** True when the new index now serves; false when the previous one was kept. */
  swapped: boolean;
  documents: number;
  problems: KnowledgeProblem[];
}

/**
 * Holds the engine that answers and replaces it when the knowledge folder changes. A reload that
 * finds a newly broken file keeps the previous index serving and logs the file by name; files
 * that were already broken at the last good load do not block a reload.
 */
export class KnowledgeHolder implements QuestionAnswerer {
  private current: Engine | undefined;
  private knownProblems = new Set<string>();
  private reloading: Promise<ReloadResult> | undefined;
  private pending = false;

  constructor(
    private readonly dir: string,
    private readonly logger: Logger,
    private readonly engineOptions: { maxExcerpts: number },
  ) {}

  /** The engine serving now; throws before the first successful load. */
  get engine(): Engine {
    if (!this.current) throw new Error('knowledge is not loaded yet');
    return this.current;
  }

  get loaded(): boolean {
    return this.current !== undefined;
  }

  answer(question: string, options?: AnswerOptions): Answer {
    return this.engine.answer(question, options);
  }

  /** The documents of the engine serving now (none before the first load). */
  get documents(): readonly KnowledgeDocument[] {
    return this.current?.documents ?? [];
  }

  /** First load: serves whatever loads, logging each broken file. Throws when nothing loads. */
  async load(): Promise<ReloadResult> {
    const { documents, problems } = await loadKnowledge(this.dir);
    for (const problem of problems)
      this.logger.error({ file: problem.file, reason: problem.reason }, 'knowledge file skipped');
    if (documents.length === 0) throw new Error(`no usable knowledge files in ${this.dir}`);
    this.swap(createEngine(documents, this.engineOptions), problems);
    return { swapped: true, documents: documents.length, problems };
  }

  /** Reloads the folder; concurrent calls coalesce into one more reload after the running one. */
  reload(): Promise<ReloadResult> {
    if (this.reloading) {
      this.pending = true;
      return this.reloading;
    }
    this.reloading = this.reloadOnce().finally(() => {
      this.reloading = undefined;
      if (this.pending) {
        this.pending = false;
        void this.reload();
      }
    });
    return this.reloading;
  }

  private async reloadOnce(): Promise<ReloadResult> {
    try {
      // The files serving now keep their ids: a newcomer with a taken id is reported, not served.
      const established = new Map(this.engine.documents.map((document) => [document.meta.id, document.file]));
      const { documents, problems } = await loadKnowledge(this.dir, { established });
      const fresh = problems.filter((problem) => !this.knownProblems.has(problem.file));
      if (fresh.length > 0 || documents.length === 0) {
        for (const problem of problems) {
          this.logger.error(
            { file: problem.file, reason: problem.reason },
            'knowledge reload: broken file; previous index keeps serving',
          );
        }
        return { swapped: false, documents: documents.length, problems };
      }
      this.swap(createEngine(documents, this.engineOptions), problems);
      this.logger.info(
        { documents: documents.length, passages: this.engine.passageCount },
        'knowledge reloaded',
      );
      return { swapped: true, documents: documents.length, problems };
    } catch (error) {
      this.logger.error({ err: error }, 'knowledge reload failed; previous index keeps serving');
      return { swapped: false, documents: 0, problems: [] };
    }
  }

  private swap(engine: Engine, problems: KnowledgeProblem[]): void {
    this.current = engine;
    this.knownProblems = new Set(problems.map((problem) => problem.file));
  }
}
