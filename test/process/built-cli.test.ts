import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The image's layout: /app/dist (compiled), /app/knowledge, /app/node_modules, package.json. */
describe('the command line in the built image layout', () => {
  let app: string;

  beforeAll(async () => {
    app = await mkdtemp(path.join(os.tmpdir(), 'research-bot-image-'));
    await run(
      process.execPath,
      [
        path.join(root, 'node_modules/typescript/bin/tsc'),
        '-p',
        'tsconfig.build.json',
        '--outDir',
        path.join(app, 'dist'),
      ],
      { cwd: root },
    );
    await cp(path.join(root, 'knowledge'), path.join(app, 'knowledge'), { recursive: true });
    await cp(path.join(root, 'package.json'), path.join(app, 'package.json'));
    await symlink(path.join(root, 'node_modules'), path.join(app, 'node_modules'));
    await writeFile(path.join(app, '.env'), '');
  }, 60_000);

  afterAll(async () => {
    await rm(app, { recursive: true, force: true });
  });

  it('answers `ask --json "question"` through the entrypoint, from any working directory', async () => {
    const { stdout } = await run(
      process.execPath,
      [path.join(app, 'dist/main.js'), 'ask', '--json', 'what did RAND find for reading?'],
      {
        cwd: os.tmpdir(),
        env: { PATH: process.env.PATH },
      },
    );
    const answer = JSON.parse(stdout) as {
      answered: boolean;
      excerpts: Array<{ quote: string; source: { title: string } }>;
    };
    expect(answer.answered).toBe(true);
    expect(answer.excerpts.map((excerpt) => excerpt.quote).join(' ')).toContain(
      'Reading showed a similar positive trend',
    );
  });

  it('adds a source with `add` through the entrypoint, writing into KNOWLEDGE_DIR', async () => {
    const knowledge = path.join(app, 'added');
    const { stdout } = await run(
      process.execPath,
      [path.join(app, 'dist/main.js'), 'add', '--json', path.join(root, 'test/fixtures/pages/article.html')],
      { cwd: os.tmpdir(), env: { PATH: process.env.PATH, KNOWLEDGE_DIR: knowledge } },
    );
    const added = JSON.parse(stdout) as { file: string; title: string };
    expect(added.title).toBe('Schools try personalized learning: what the study found');
    expect(added.file).toBe(
      path.join(knowledge, 'schools-try-personalized-learning-what-the-study-found.md'),
    );
  });

  it('runs the bot for anything but a CLI command, and says what to configure when nothing is', async () => {
    const error = await run(process.execPath, [path.join(app, 'dist/main.js')], {
      cwd: app,
      env: { PATH: process.env.PATH },
    }).catch((caught: { code: number; stderr: string }) => caught);
    expect((error as { code: number }).code).toBe(2);
    expect((error as { stderr: string }).stderr).toContain('SLACK_BOT_TOKEN');
    expect((error as { stderr: string }).stderr).toContain('npm run ask');
  });
});
