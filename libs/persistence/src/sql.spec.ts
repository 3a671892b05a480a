import { describe, expect, it } from 'vitest';
import { textArray, toPositional } from './sql.js';

describe('toPositional', () => {
  it('numbers placeholders in order', () => {
    expect(toPositional('select ? from t where a = ? and b = any(?::uuid[])')).toBe(
      'select $1 from t where a = $2 and b = any($3::uuid[])',
    );
  });

  it('leaves question marks in literals and quoted identifiers alone', () => {
    expect(toPositional(`select 'wat?', 'it''s ?' as "x?y", ? from t`)).toBe(
      `select 'wat?', 'it''s ?' as "x?y", $1 from t`,
    );
  });
});

describe('textArray', () => {
  it('quotes and escapes every element', () => {
    expect(textArray(['a', 'b"c', 'd\\e'])).toBe('{"a","b\\"c","d\\\\e"}');
    expect(textArray([])).toBe('{}');
  });
});
