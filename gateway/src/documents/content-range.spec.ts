import { describe, expect, it } from 'vitest';
import { contentDisposition, parseRange } from './content-range.js';

describe('parseRange', () => {
  it.each([
    [undefined, 1000, null],
    ['bytes=0-99', 1000, { start: 0, end: 99 }],
    ['bytes=900-', 1000, { start: 900, end: 999 }],
    ['bytes=-100', 1000, { start: 900, end: 999 }],
    ['bytes=-5000', 1000, { start: 0, end: 999 }],
    ['bytes=990-2000', 1000, { start: 990, end: 999 }],
    ['bytes=1000-', 1000, 'unsatisfiable'],
    ['bytes=50-10', 1000, 'unsatisfiable'],
    ['bytes=-0', 1000, 'unsatisfiable'],
    ['bytes=0-1,5-9', 1000, null],
    ['items=0-1', 1000, null],
  ] as const)('%s of %d → %j', (header, size, expected) =>
    expect(parseRange(header, size)).toEqual(expected),
  );
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the real name encoded', () => {
    expect(contentDisposition('attachment', 'Huisregels.pdf')).toBe(
      `attachment; filename="Huisregels.pdf"; filename*=UTF-8''Huisregels.pdf`,
    );
    expect(contentDisposition('inline', 'Cliënt "overdracht" (1).pdf')).toBe(
      `inline; filename="Client _overdracht_ (1).pdf"; filename*=UTF-8''Cli%C3%ABnt%20%22overdracht%22%20%281%29.pdf`,
    );
  });
});
