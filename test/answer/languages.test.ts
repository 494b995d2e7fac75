import { describe, expect, it } from 'vitest';
import { ANSWER_MESSAGES } from '../../src/answer/index.js';
import { foreignLanguage } from '../../src/answer/languages.js';
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
});
