#!/usr/bin/env node
/**
 * `npm run ask|eval|add|…`: runs the command line from dist/, compiled from src/ by esbuild
 * whenever a source file changed since the last compile (checked by each file's size and time,
 * a few milliseconds), so a command starts without compiling TypeScript at every run the way tsx
 * does. esbuild only strips types; `npm run typecheck` is what checks them.
 *
 * Several commands may start at once (tests do): every output file is written beside its
 * place and renamed over it, so a reader never sees half a file, and the stamp is written last.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = path.join(root, 'src');
const outDir = path.join(root, 'dist');
const stampFile = path.join(outDir, '.compiled-from');

function sourceFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(full);
  }
  return files.sort();
}

/** One line per source file: its path, size and modification time. */
function stampOf(files) {
  return files
    .map((file) => {
      const { size, mtimeMs } = statSync(file);
      return `${path.relative(sourceDir, file)} ${size} ${mtimeMs}`;
    })
    .join('\n');
}

function readStamp() {
  try {
    return readFileSync(stampFile, 'utf8');
  } catch {
    return undefined;
  }
}

function writeAtomically(file, contents) {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}

async function compile(files, stamp) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: files,
    outbase: sourceDir,
    outdir: outDir,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    write: false,
  });
  for (const output of result.outputFiles) writeAtomically(output.path, output.contents);
  writeAtomically(stampFile, stamp);
}

const files = sourceFiles(sourceDir);
const stamp = stampOf(files);
if (readStamp() !== stamp) await compile(files, stamp);
await import(pathToFileURL(path.join(outDir, 'cli.js')).href);
