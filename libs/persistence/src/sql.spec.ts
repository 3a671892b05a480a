import { describe, expect, it } from 'vitest';
import { bindNamed, textArray, toPositional } from './sql.js';

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

  it('leaves names and casts alone', () => {
    expect(toPositional('select ?::int, :a from t')).toBe('select $1::int, :a from t');
  });
});

describe('bindNamed', () => {
  it('binds each occurrence of a name, in order, and leaves casts and literals alone', () => {
    expect(
      bindNamed({
        sql: `(d.a = :me::uuid or ':no' = d.b or d.c = any(:ids::uuid[]) or d.d = :me::uuid)`,
        params: { me: 'x', ids: '{}' },
      }),
    ).toEqual({
      sql: `(d.a = ?::uuid or ':no' = d.b or d.c = any(?::uuid[]) or d.d = ?::uuid)`,
      params: ['x', '{}', 'x'],
    });
  });

  it('refuses a name without a value', () => {
    expect(() => bindNamed({ sql: 'a = :missing', params: {} })).toThrow(/no value for :missing/);
  });
});

describe('textArray', () => {
  it('quotes and escapes every element', () => {
    expect(textArray(['a', 'b"c', 'd\\e'])).toBe('{"a","b\\"c","d\\\\e"}');
    expect(textArray([])).toBe('{}');
  });
});
