import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Engine } from '../../src/answer/index.js';
import type { SearchIndex } from '../../src/search/index.js';

/** Sentences the generated reports are made of: several topics, counts, years and rare words. */
const SENTENCES = [
  'The pilot found that tutoring raised reading scores by 12 percent in two years.',
  'Teachers reported that 31 charter schools adopted the personalized learning model.',
  'Attendance improved in rural districts, though math results were mixed.',
  'Researchers at the institute compared 4,500 students with a matched comparison group.',
  'Funding came from a foundation grant of 2 million dollars in 2019.',
  'The zeppelin orchard program paired llamas with struggling readers.',
  'Critics argued that the study lacked a randomized control group.',
  'Principals said scheduling flexible time was the hardest part of scaling.',
  'Graduation rates rose in 14 of the 20 participating high schools.',
  'Parents valued weekly progress reports more than letter grades.',
  'The evaluation measured growth on the MAP assessment in mathematics.',
  'Students in the program read 40 more minutes per week on average.',
];

/** Questions that reach every part of the engine: counts, typos, publishers, unknown words, stop words. */
export const LIBRARY_QUESTIONS = [
  'How many charter schools adopted personalized learning?',
  'What did the tutoring pilot find for reading?',
  'zeppelin orchard llamas',
  'Who funded the study?',
  'What do critics say about the control group?',
  'How many high schools raised graduation rates?',
  'What did Quarterly Review publish about attendance?',
  'reserach on math assessmnet growth',
  'What about quantum chromodynamics?',
  'What is the effect on the the of and?',
  'parents progress reports grades',
  'How many minutes did students read?',
];

/** The text of generated report `n` (deterministic): front matter, then paragraphs of sentences. */
export function libraryReport(n: number, variant = 0): string {
  const paragraphs: string[] = [];
  const count = 2 + ((n + variant) % 3);
  for (let p = 0; p < count; p++) {
    const sentences: string[] = [];
    for (let s = 0; s < 1 + ((n + p + variant) % 3); s++)
      sentences.push(SENTENCES[(n * 7 + p * 5 + s * 3 + variant * 11) % SENTENCES.length] as string);
    paragraphs.push(sentences.join(' '));
  }
  const publisher = ['Quarterly Review', 'Education Week', 'The Policy Desk'][n % 3];
  return `---\nid: report-${n}\ntitle: Report ${n} on schools\npublisher: ${publisher}\ndate: 20${10 + (n % 10)}-05-0${1 + (n % 9)}\n---\n${paragraphs.join('\n\n')}\n`;
}

/** File name of report `n`. */
export function libraryFile(n: number): string {
  return `report-${String(n).padStart(3, '0')}.md`;
}

/** Writes reports 0..count-1 into `dir`. */
export async function writeLibrary(dir: string, count: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (let n = 0; n < count; n++) await writeFile(path.join(dir, libraryFile(n)), libraryReport(n));
}

/** Every answer to the library questions, as plain data. */
export function answersOf(engine: Engine, questions: readonly string[] = LIBRARY_QUESTIONS): unknown[] {
  return questions.map((question) => JSON.parse(JSON.stringify(engine.answer(question))));
}

/**
 * What an index holds, independent of its internal term numbers: per stem its postings, per
 * sentence its lengths and counted stems, per word whether it occurs, per group its passages.
 * Two indexes that answer alike have equal views.
 */
export function indexView(index: SearchIndex): unknown {
  const postings: Record<string, unknown> = {};
  for (const stem of [...index.dictionary.stems].sort()) {
    const found = index.postingsOf(stem);
    if (found || index.hasStem(stem))
      postings[stem] = {
        sentences: [...(found?.sentences ?? [])],
        counts: [...(found?.counts ?? [])],
        passages: found?.passageCount ?? 0,
        described: index.groupsDescribedBy(stem),
      };
  }
  const counted: Record<number, string[]> = {};
  for (let sentence = 0; sentence < index.sentenceCount; sentence++) {
    const stems = index.countedStems.get(sentence);
    if (stems) counted[sentence] = [...stems].sort();
  }
  return {
    postings,
    counted,
    words: index.dictionary.words.filter((word) => index.hasWord(word)).sort(),
    sentencePassage: [...index.sentencePassage],
    passageGroup: [...index.passageGroup],
    passageStart: [...index.passageStart],
    groupStart: [...index.groupStart],
    sentenceLength: [...index.sentenceLength],
    passageLength: [...index.passageLength],
    sentenceHasNumber: [...index.sentenceHasNumber],
    averages: [index.averageSentenceLength, index.averagePassageLength],
    termCount: index.termCount,
  };
}
