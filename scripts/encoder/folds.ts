import { createHash } from 'node:crypto';

/**
 * The sentence encoder's fold (0 or 1) of a news page or seed file: `fine_tune.py` fits one
 * encoder without each fold, and `npm run fit:answers` takes each question's cosines from the
 * encoder fitted without its fold. (SQuAD's folds are its articles 0–11 and 12–23.)
 */
export function encoderFoldOf(group: string): number {
  return (createHash('sha1').update(group).digest()[0] as number) % 2;
}
