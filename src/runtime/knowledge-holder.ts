import type { Engine, EngineOptions } from '../answer/index.js';
import { sourceLanguages } from '../answer/languages.js';
import type { Answer, AnswerOptions, QuestionAnswerer } from '../answer/types.js';
import type { KnowledgeDocument, KnowledgeProblem } from '../knowledge/types.js';
import type { Logger } from '../log/logger.js';
import type { SnapshotStore } from '../snapshot/index.js';
import { type BuiltEngine, buildEngine } from './build-engine.js';

/** What a reload did. */
export interface ReloadResult {
  /** True when the new index now serves; false when the previous one was kept. */
  swapped: boolean;
  documents: number;
  problems: KnowledgeProblem[];
  /** Documents parsed and indexed afresh (the rest were reused as they were). */
  indexed?: number;
}

/**
 * Holds the engine that answers and replaces it when the knowledge folder changes. The files
 * serving now keep their ids (a newcomer with a taken id is reported, not served). A reload
 * re-reads only changed files and re-indexes only their documents; until the new engine is
 * complete, questions are answered by the previous one, which is never modified. A reload that
 * finds a newly broken file keeps the previous index serving and logs the file by name; files
 * that were already broken at the last good load do not block a reload. With a snapshot store,
 * start-up reuses the saved index for every file that still matches it, and the index is saved
 * again after each change.
 */
export class KnowledgeHolder implements QuestionAnswerer {
  private current: BuiltEngine | undefined;
  private knownProblems = new Set<string>();
  private reloading: Promise<ReloadResult> | undefined;
  private pending = false;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly logger: Logger,
    private readonly engineOptions: Partial<EngineOptions>,
    private readonly snapshot?: SnapshotStore,
  ) {}

  /** The engine serving now; throws before the first successful load. */
  get engine(): Engine {
    if (!this.current) throw new Error('knowledge is not loaded yet');
    return this.current.engine;
  }

  get loaded(): boolean {
    return this.current !== undefined;
  }

  answer(question: string, options?: AnswerOptions): Answer {
    return this.engine.answer(question, options);
  }

  /** The documents of the engine serving now (none before the first load). */
  get documents(): readonly KnowledgeDocument[] {
    return this.current?.engine.documents ?? [];
  }

  /** First load: serves whatever loads, logging each broken file. Throws when nothing loads. */
  async load(): Promise<ReloadResult> {
    const started = performance.now();
    const built = await buildEngine(this.dir, this.engineOptions, {
      ...(this.snapshot ? { snapshot: this.snapshot } : {}),
      logger: this.logger,
    });
    for (const problem of built.problems)
      this.logger.error({ file: problem.file, reason: problem.reason }, 'knowledge file skipped');
    this.swap(built);
    this.logger.info(
      { reused: built.reused, indexed: built.indexed, ms: Math.round(performance.now() - started) },
      built.matchesSnapshot ? 'index loaded from snapshot' : 'index built',
    );
    if (!built.matchesSnapshot) this.save();
    return {
      swapped: true,
      documents: built.engine.documents.length,
      problems: built.problems,
      indexed: built.indexed,
    };
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

  /** Resolves when every snapshot write started so far has finished. */
  saved(): Promise<void> {
    return this.saving;
  }

  private async reloadOnce(): Promise<ReloadResult> {
    try {
      const started = performance.now();
      const built = await buildEngine(this.dir, this.engineOptions, {
        ...(this.current ? { previous: this.current } : {}),
        logger: this.logger,
      });
      const { problems } = built;
      const fresh = problems.filter((problem) => !this.knownProblems.has(problem.file));
      if (fresh.length > 0) {
        for (const problem of problems) {
          this.logger.error(
            { file: problem.file, reason: problem.reason },
            'knowledge reload: broken file; previous index keeps serving',
          );
        }
        return { swapped: false, documents: built.engine.documents.length, problems };
      }
      const changed =
        built.indexed > 0 || built.engine.documents.length !== this.current?.engine.documents.length;
      this.swap(built);
      this.logger.info(
        {
          documents: built.engine.documents.length,
          passages: built.engine.passageCount,
          indexed: built.indexed,
          ms: Math.round(performance.now() - started),
        },
        'knowledge reloaded',
      );
      if (changed) this.save();
      return { swapped: true, documents: built.engine.documents.length, problems, indexed: built.indexed };
    } catch (error) {
      this.logger.error({ err: error }, 'knowledge reload failed; previous index keeps serving');
      return { swapped: false, documents: 0, problems: [] };
    }
  }

  private swap(built: BuiltEngine): void {
    this.current = built;
    this.knownProblems = new Set(built.problems.map((problem) => problem.file));
    // With the sentence encoder, the sentences are embedded in the background (only new ones after
    // a reload), so a question then waits only for its own vector.
    const started = performance.now();
    built.engine.prefetchMeaning().then(
      (embedded) => {
        if (embedded > 0)
          this.logger.info(
            { embedded, ms: Math.round(performance.now() - started) },
            'sentence meaning prepared',
          );
      },
      (error: unknown) =>
        this.logger.warn({ err: error }, 'sentence meaning not prepared; embedded on demand'),
    );
    // The sources' languages (up to 0.7 s on a large library) are learnt now, so that the first
    // uncertain or uncovered answer after a load does not wait for them.
    setImmediate(() => sourceLanguages(built.engine.documents));
  }

  /** Saves the serving engine after any save under way (never two writers at once). */
  private save(): void {
    const { snapshot } = this;
    if (!snapshot) return;
    this.saving = this.saving.then(async () => {
      const built = this.current as BuiltEngine;
      await snapshot.write(built.engine.index, built.engine.documents, built.stamps);
    });
  }
}
