import { describe, expect, it } from 'vitest';
import { words } from '../../src/search/text.js';

describe('words', () => {
  it('splits a Japanese sentence into its words, keeping a kana and its voicing mark together', () => {
    const found = words('Kindle for PCの設定画面から起動ショートカットキーを変更できますか？');
    expect(found).toEqual(
      expect.arrayContaining(['kindle', 'pc', '設定', '画面', '起動', 'ショートカット', '変更']),
    );
  });

  it('folds accents and joins thousands in a spaced script, as before', () => {
    expect(words('Café résumé: 11,000 students')).toEqual(['cafe', 'resume', '11000', 'students']);
  });

  it('finds the same words in a question and in the sentence that answers it', () => {
    const question = words('ショートカットキーを変更できますか');
    const sentence = words('このショートカットキーの設定を変更することができません。');
    expect(sentence).toEqual(expect.arrayContaining(['ショートカット', 'キー', '変更']));
    expect(question).toEqual(expect.arrayContaining(['ショートカット', 'キー', '変更']));
  });
});
