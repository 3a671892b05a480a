import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { clientMessages } from '../../../portals/client/src/messages';
import { staffMessages } from '../../../portals/staff/src/messages';
import { type Dictionary, LANGUAGES, translator } from './i18n';

const dictionaries: [string, Dictionary<string>][] = [
  ['staff', staffMessages],
  ['client', clientMessages],
];

describe('the portals’ messages', () => {
  for (const [portal, dictionary] of dictionaries) {
    it(`${portal}: Dutch and English have the same keys, and every message is valid ICU`, () => {
      expect(Object.keys(dictionary.en).sort()).toEqual(Object.keys(dictionary.nl).sort());
      for (const language of LANGUAGES) {
        for (const [key, text] of Object.entries(dictionary[language])) {
          expect(
            () => new IntlMessageFormat(text, language, undefined, { ignoreTag: true }),
            key,
          ).not.toThrow();
        }
      }
    });
  }

  it('counts are said right in Dutch and English: one reactie, two reacties, never “1 reacties”', () => {
    const nl = translator(staffMessages, 'nl');
    const en = translator(staffMessages, 'en');
    expect(nl('post.comments', { count: 1 })).toBe('1 reactie');
    expect(nl('post.comments', { count: 2 })).toBe('2 reacties');
    expect(nl('post.comments', { count: 0 })).toBe('Nog geen reacties');
    expect(en('post.comments', { count: 1 })).toBe('1 comment');
    expect(nl('groups.members', { count: 1 })).toBe('1 lid');
    expect(nl('groups.members', { count: 12 })).toBe('12 leden');
    expect(en('groups.members', { count: 1 })).toBe('1 member');
    expect(nl('search.results', { count: 1, q: 'rooster' })).toBe('1 resultaat voor “rooster”');
    expect(nl('people.count', { count: 1 })).toBe('1 collega gevonden');
    const client = translator(clientMessages, 'nl');
    expect(client('search.results', { count: 1, q: 'koken' })).toBe('We vonden 1 ding voor “koken”');
    expect(client('search.results', { count: 3, q: 'koken' })).toBe('We vonden 3 dingen voor “koken”');
  });

  it('no message pieces a plural together from a bare number before a plural noun', () => {
    for (const [, dictionary] of dictionaries) {
      for (const language of LANGUAGES) {
        for (const [key, text] of Object.entries(dictionary[language])) {
          expect(text, key).not.toMatch(/\{count\}/);
        }
      }
    }
  });

  it('falls back to Dutch for a key English lacks, and shows the key when nobody has it', () => {
    const t = translator({ nl: { a: 'Hallo {name}' }, en: {} }, 'en');
    expect(t('a', { name: 'Sanne' })).toBe('Hallo Sanne');
    expect(t('missing')).toBe('missing');
  });
});
