import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_KNOWLEDGE_DIR } from '../helpers/seed-engine.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Splits a shell command line into words, honouring double and single quotes (enough for the README). */
function shellWords(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map(
    (match) => match[1] ?? match[2] ?? match[3] ?? '',
  );
}

/**
 * The arguments of every `docker run … research-bot ARGS` line in the README's Docker section
 * (continuation lines joined, comments dropped); a line without arguments runs the bot.
 */
function readmeImageCommands(): string[][] {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Docker'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.replace(/\s#.*$/, '').trim())
    .filter((line) => line.startsWith('docker run '))
    .map((line) => {
      const words = shellWords(line);
      return words.slice(words.lastIndexOf('research-bot') + 1);
    });
}

/** The COPY instructions of one Dockerfile stage, `--from` ones or context ones: [source, destination]. */
function stageCopies(stage: string, from?: string): Array<[string, string]> {
  const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
  const start = dockerfile.search(new RegExp(`^FROM .* AS ${stage}$`, 'm'));
  const next = dockerfile.slice(start + 1).search(/^FROM /m);
  const text = dockerfile.slice(start, next === -1 ? undefined : start + 1 + next);
  const pattern = from ? new RegExp(`^COPY --from=${from} (.+)$`, 'gm') : /^COPY (?!--from)(.+)$/gm;
  return [...text.matchAll(pattern)].flatMap((match) => {
    const words = shellWords(match[1] ?? '');
    const destination = words.pop() ?? '.';
    return words.map((source): [string, string] => [
      source,
      destination.endsWith('/') ? path.join(destination, path.basename(source)) : destination,
    ]);
  });
}

const COMMANDS = readmeImageCommands().filter((args) => args.length > 0);
const SAVED_PAGE = path.join(root, 'test', 'fixtures', 'pages', 'article.html');

/**
 * The image's layout, built the way the Dockerfile's runtime stage builds it: /app/dist compiled,
 * /app/node_modules, what it copies from the build stage, and every file or folder it copies from
 * the build context; the knowledge folder is the seed fixture, as a folder mounted over
 * /app/knowledge would be.
 */
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
    for (const [source, destination] of stageCopies('runtime')) {
      const from = source === 'knowledge' ? SEED_KNOWLEDGE_DIR : path.join(root, source);
      await cp(from, path.join(app, destination), { recursive: true });
    }
    // What the build stage holds besides dist/ (compiled above) is what it copied from the context.
    for (const [source, destination] of stageCopies('runtime', 'build')) {
      const relative = path.relative('/app', source);
      if (relative !== 'dist')
        await cp(path.join(root, relative), path.join(app, destination), { recursive: true });
    }
    await symlink(path.join(root, 'node_modules'), path.join(app, 'node_modules'));
    await writeFile(path.join(app, '.env'), '');
  }, 60_000);

  afterAll(async () => {
    await rm(app, { recursive: true, force: true });
  });

  it('is built from a Dockerfile that copies the program, its dependencies and its data', () => {
    const fromContext = [...stageCopies('build'), ...stageCopies('runtime')].map(([source]) => source);
    expect(fromContext).toEqual(expect.arrayContaining(['package.json', 'src', 'data', 'knowledge', 'eval']));
    const ignored = readFileSync(path.join(root, '.dockerignore'), 'utf8').split('\n');
    for (const source of fromContext) expect(ignored).not.toContain(source);
    expect(stageCopies('runtime', 'build').map(([source]) => source)).toEqual(['/app/dist', '/app/data']);
    expect(stageCopies('runtime', 'deps').map(([source]) => source)).toEqual(['/app/node_modules']);
  });

  it('runs the README commands ask, check-knowledge, eval and add', () => {
    expect(COMMANDS.map(([command]) => command)).toEqual(
      expect.arrayContaining(['ask', 'check-knowledge', 'eval', 'add']),
    );
  });

  it.each(COMMANDS.map((args) => [args.join(' '), args]))(
    'runs the README command `%s` from any working directory, exit 0',
    async (_line, args) => {
      // The README's `add https://…` adds a page; here a saved copy of one, so no network is needed.
      const offline = args.map((arg) => (arg === 'https://…' ? SAVED_PAGE : arg));
      const { stdout, stderr } = await run(process.execPath, [path.join(app, 'dist/main.js'), ...offline], {
        cwd: os.tmpdir(),
        env: { PATH: process.env.PATH },
      });
      expect(stderr).toBe('');
      expect(stdout.length).toBeGreaterThan(0);
      // What `add` wrote goes again, so the other commands see the seed articles alone.
      const added = /^added (\S+):/m.exec(stdout)?.[1];
      if (args[0] === 'add') expect(added).toBeDefined();
      if (added) await rm(added);
    },
  );

  it('answers `ask --json "question"` through the entrypoint, from any working directory', async () => {
    const { stdout } = await run(
      process.execPath,
      [path.join(app, 'dist/main.js'), 'ask', '--json', 'what did RAND find for reading?'],
      { cwd: os.tmpdir(), env: { PATH: process.env.PATH } },
    );
    const answer = JSON.parse(stdout) as {
      status: string;
      excerpts: Array<{ quote: string; source: { title: string } }>;
    };
    expect(['answered', 'uncertain']).toContain(answer.status);
    expect(answer.excerpts.map((excerpt) => excerpt.quote).join(' ')).toMatch(
      /Reading showed a similar positive trend|gains in mathematics and reading/,
    );
  });

  it('checks the knowledge folder with `check-knowledge`', async () => {
    const { stdout } = await run(process.execPath, [path.join(app, 'dist/main.js'), 'check-knowledge'], {
      cwd: app,
      env: { PATH: process.env.PATH },
    });
    expect(stdout).toContain('5 documents loaded, 0 problems');
  });

  it('scores the evaluation questions the image holds with `eval`', async () => {
    const { stdout } = await run(process.execPath, [path.join(app, 'dist/main.js'), 'eval'], {
      cwd: app,
      env: { PATH: process.env.PATH },
    });
    expect(stdout).toContain(`questions: ${path.join(app, 'eval', 'questions.json')}`);
    expect(stdout).toMatch(/public: hit@1 \d+\/14 {2}hit@3 \d+\/14 {2}abstain \d+\/2/);
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
