import { describe, expect, it } from 'vitest';
import { assertTestDatabase } from './migrate.js';
import { textArray } from './sql.js';

describe('assertTestDatabase', () => {
  it('accepts only databases whose name marks them as test databases', () => {
    expect(assertTestDatabase('postgres://h/plein_test')).toBe('plein_test');
    expect(assertTestDatabase('postgres://h/test')).toBe('test');
    expect(() => assertTestDatabase('postgres://h/plein')).toThrow(/refusing/);
    expect(() => assertTestDatabase('postgres://h/contest')).toThrow(/refusing/);
  });
});

describe('textArray', () => {
  it('quotes and escapes', () => {
    expect(textArray([])).toBe('{}');
    expect(textArray(['a', 'b c', 'd"e', 'f\\g'])).toBe('{"a","b c","d\\"e","f\\\\g"}');
  });
});
