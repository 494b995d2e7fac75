import { describe, expect, it } from 'vitest';
import { ENTITY_KIND, entityKinds, loadEntityModel } from '../../src/search/entity-kinds.js';

describe('entity kinds', () => {
  it('loads the shipped English model', () => {
    expect(loadEntityModel()).toBe(true);
  });

  it('finds an amount in a sentence with a price', () => {
    expect(
      entityKinds('It will start at $44,000, not including a tax credit.') & ENTITY_KIND.amount,
    ).not.toBe(0);
  });

  it('finds a date in a sentence that names a day', () => {
    expect(entityKinds('The festival opened on 29 November 2018.') & ENTITY_KIND.date).not.toBe(0);
  });

  it('finds neither in a sentence without them', () => {
    expect(entityKinds('Teachers worried that students would fall behind.')).toBe(0);
  });
});
