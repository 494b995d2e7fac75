import { describe, expect, it } from 'vitest';
import { ANSWER_MESSAGES } from '../../src/answer/index.js';
import { foreignLanguage, sourceLanguages } from '../../src/answer/languages.js';
import { documentOf } from '../helpers/knowledge-document.js';
import { seedEngine } from '../helpers/seed-engine.js';

describe('a question in a language none of the sources is in', () => {
  it('is told that the English sources are searched in their own words, in a not-covered answer', async () => {
    const answer = (await seedEngine()).answer('Как RAND оценивал успехи учеников по чтению?');
    expect(answer.answered).toBe(false);
    expect(answer.note).toBe(ANSWER_MESSAGES.otherLanguage('Russian', ['English']));
  });

  it('is named in Portuguese and German too', async () => {
    const { documents } = await seedEngine();
    expect(
      foreignLanguage(
        'Quantas escolas a RAND estudou no relatório sobre aprendizagem personalizada?',
        documents,
      ),
    ).toBe('por');
    expect(
      foreignLanguage('Seit wann bietet das Universitätsklinikum Heidelberg die PEPA an?', documents),
    ).toBe('deu');
  });

  it('is never said of English, even misspelt, keyword-only or short', async () => {
    const { documents } = await seedEngine();
    for (const question of [
      'Summit Lerning Progam',
      'amazon echo buds price',
      'How do I reset my password?',
      'waht about scalling up?',
      'who paid?',
    ])
      expect(foreignLanguage(question, documents), question).toBeNull();
    expect((await seedEngine()).answer('amazon echo buds price').note).toBeUndefined();
  });

  it('knows a language only one source in three hundred is in, however many sources there are', async () => {
    // Three hundred English sources: the seed articles' paragraphs, one a source.
    const paragraphs = (await seedEngine()).documents.flatMap((document) =>
      document.paragraphs
        .filter((paragraph) => paragraph.readerNumber !== null)
        .map((paragraph) => document.body.slice(paragraph.start, paragraph.end)),
    );
    const english = Array.from({ length: 300 }, (_, at) =>
      documentOf(`paragraph-${at}`, [paragraphs[at % paragraphs.length] as string]),
    );
    const portuguese = documentOf('relatorio', [
      'O estudo mostrou que os alunos que trabalharam com os professores todas as semanas fizeram mais progressos do que os outros, e os professores disseram que gostariam de manter o programa por mais um ano.',
    ]);
    const documents = [...english.slice(0, 137), portuguese, ...english.slice(137)];
    expect(sourceLanguages(documents)).toContain('por');
    expect(
      foreignLanguage('Quantos alunos fizeram mais progressos com os professores?', documents),
    ).toBeNull();
  });
});
