import { describe, expect, it } from 'vitest';
import { MAX_WORD_LETTERS, cutLongWords } from './words.js';

describe('cutLongWords', () => {
  it('keeps words up to the limit whole, Dutch compounds included', () => {
    const text = 'Het overdrachtsformulier en de nachtopvanglocatie, 2026.';
    expect(cutLongWords(text)).toBe(text);
    expect(cutLongWords('a'.repeat(MAX_WORD_LETTERS))).toBe('a'.repeat(MAX_WORD_LETTERS));
  });

  it('cuts a longer word to its first letters, leaving the rest of the text as it was', () => {
    expect(cutLongWords(`voor ${'a'.repeat(500)} na`)).toBe(`voor ${'a'.repeat(MAX_WORD_LETTERS)} na`);
    expect(cutLongWords('arbeidsongeschiktheidsverzekering')).toBe('arbeidsongeschiktheidsve');
  });

  it('counts letters, not UTF-16 units', () => {
    const word = 'é'.repeat(30);
    expect([...cutLongWords(word)]).toHaveLength(MAX_WORD_LETTERS);
  });
});
