import { describe, expect, it } from 'vitest';
import { assertNoPersonalData, findPersonalData, isValidBsn } from './personal-data.guard.js';

const kinds = (text: string) => findPersonalData(text).map((f) => [f.kind, text.slice(f.start, f.end)]);

describe('the personal-data guard', () => {
  it.each([
    ['111222333', true],
    ['123456782', true],
    ['999999991', false], // fails the 11-check
    ['123456789', false],
    ['000000000', false],
    ['12345678', false],
  ])('BSN 11-check: %s → %s', (bsn, valid) => expect(isValidBsn(bsn)).toBe(valid));

  it.each<[string, string, [string, string][]]>([
    ['valid BSN in a sentence', 'Mijn BSN is 111222333, kun je dat doorgeven?', [['bsn', '111222333']]],
    ['valid BSN with dots', 'Nummer 1234.56.782 staat op de brief.', [['bsn', '1234.56.782']]],
    ['invalid BSN is not a finding', 'Bestelnummer 123456789 is verzonden.', []],
    [
      'valid Dutch IBAN, grouped',
      'Maak het over op NL91 ABNA 0417 1643 00 graag.',
      [['iban', 'NL91 ABNA 0417 1643 00']],
    ],
    ['valid IBAN, compact', 'Rekening NL91ABNA0417164300.', [['iban', 'NL91ABNA0417164300']]],
    ['valid German IBAN', 'IBAN DE89370400440532013000 van mijn zus', [['iban', 'DE89370400440532013000']]],
    ['IBAN with a wrong check digit', 'Rekening NL92ABNA0417164300 klopt niet.', []],
    ['mobile number', 'Bel me op 06-12345678 na vijven.', [['phone', '06-12345678']]],
    ['international number', 'Of op +31 20 123 4567 overdag.', [['phone', '+31 20 123 4567']]],
    ['landline', 'Het kantoor: 020 123 4567.', [['phone', '020 123 4567']]],
    ['e-mail address', 'Mail naar jan.jansen@example.nl voor info.', [['email', 'jan.jansen@example.nl']]],
    ['street and number', 'Ik woon op de Kerkstraat 12a in Utrecht.', [['address', 'Kerkstraat 12a']]],
    ['postcode', 'Postcode 3511 AB graag.', [['address', '3511 AB']]],
    ['plain text', 'We gaan vrijdag om 10:30 samen koken, 12 mensen doen mee in 2026.', []],
    [
      'several in one text',
      'BSN 111222333, mail a@b.nl, bel 0612345678.',
      [
        ['bsn', '111222333'],
        ['email', 'a@b.nl'],
        ['phone', '0612345678'],
      ],
    ],
  ])('%s', (_, text, expected) => expect(kinds(text)).toEqual(expected));

  it('answers 422 naming what and where, unless confirmed', () => {
    const text = 'Mijn BSN is 111222333.';
    expect(() => assertNoPersonalData({ body: text })).toThrowError(
      expect.objectContaining({
        status: 422,
        code: 'personal_data',
        details: { field: 'body', findings: [{ kind: 'bsn', start: 12, end: 21 }] },
      }),
    );
    expect(() => assertNoPersonalData({ body: text }, true)).not.toThrow();
    expect(() => assertNoPersonalData({ body: 'Gewoon een tekst.' })).not.toThrow();
  });
});
