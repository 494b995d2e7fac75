import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { ASK_PROMPT, runAsk } from '../../src/cli/ask.js';
import { SEED_KNOWLEDGE_DIR, seedEngine } from '../helpers/seed-engine.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The README's sample answers: each code block opening with `$ npm run ask -- "question"`. */
function readmeSamples(): Array<{ question: string; lines: string[] }> {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/```\n\$ npm run ask -- "([^"]+)"\n([\s\S]*?)```/g)].map((match) => ({
    question: match[1] ?? '',
    lines: (match[2] ?? '').trimEnd().split('\n'),
  }));
}

/** What `npm run ask` prints for a question over the seed articles (the README's knowledge). */
function ask(question: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'ask', question],
      {
        cwd: ROOT,
        env: { ...process.env, KNOWLEDGE_DIR: SEED_KNOWLEDGE_DIR, MAX_EXCERPTS: '3' },
        timeout: 30_000,
      },
      (error, stdout) => (error ? reject(error) : resolve(stdout.trimEnd().split('\n'))),
    );
  });
}

describe("the README's sample answers", () => {
  it('are there to check', () => {
    expect(readmeSamples().length).toBeGreaterThanOrEqual(2);
  });

  it.each(readmeSamples().map((sample) => [sample.question, sample]))(
    'shows what ask prints for %j, where a quote cut with "…" starts as printed',
    async (_question, sample) => {
      const printed = await ask(sample.question);
      sample.lines.forEach((line, at) => {
        const real = printed[at] ?? '';
        if (line.endsWith(' …”')) expect(real.startsWith(line.slice(0, -2).trimEnd())).toBe(true);
        else expect(real).toBe(line);
      });
    },
  );
});

describe('ask without a question', () => {
  it('says how to type one when it reads a terminal, and nothing when it reads a pipe', async () => {
    const engine = await seedEngine();
    const said = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const written = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await runAsk(engine, undefined, false, undefined, Object.assign(Readable.from([]), { isTTY: true }));
      expect(said).toHaveBeenCalledWith(`${ASK_PROMPT}\n`);
      said.mockClear();
      await runAsk(engine, undefined, false, undefined, Readable.from(['who commissioned the study?\n']));
      expect(said).not.toHaveBeenCalled();
      expect(written).toHaveBeenCalledTimes(1);
    } finally {
      said.mockRestore();
      written.mockRestore();
    }
  });
});
