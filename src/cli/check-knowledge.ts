import { loadKnowledge } from '../knowledge/index.js';
import { printableName, printableText } from '../printable.js';

/**
 * Validates every knowledge file. Prints one line per document (paragraphs kept and dropped as
 * boilerplate) and one per problem; with `verbose`, every dropped paragraph and why. Returns the
 * number of problems (the exit code is non-zero when there is any). File names and reasons are
 * printed escaped (printableName), so a newline in a name cannot forge a line of the report.
 */
export async function runCheckKnowledge(dir: string, verbose: boolean): Promise<number> {
  const { documents, problems } = await loadKnowledge(dir);
  for (const document of documents) {
    const dropped = document.paragraphs.filter((paragraph) => paragraph.boilerplate !== null);
    process.stdout.write(
      `ok   ${printableName(document.file)} (${document.meta.id}): ${document.paragraphs.length - dropped.length} article paragraphs, ${dropped.length} boilerplate\n`,
    );
    if (verbose) {
      for (const paragraph of dropped) {
        const text = printableText(
          document.body.slice(paragraph.start, paragraph.end).replace(/\s+/g, ' ').slice(0, 70),
        );
        process.stdout.write(`       ¶${paragraph.number} ${paragraph.boilerplate}: ${text}\n`);
      }
    }
  }
  for (const problem of problems)
    process.stdout.write(`FAIL ${printableName(problem.file)}: ${printableText(problem.reason)}\n`);
  process.stdout.write(
    `${documents.length} documents loaded, ${problems.length} problems in ${printableName(dir)}\n`,
  );
  return problems.length;
}
