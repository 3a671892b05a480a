import { randomInt } from 'node:crypto';

/** Letters and digits that cannot be mistaken for one another on paper (no 0/O, 1/I/L, 5/S, 2/Z, 8/B). */
const ALPHABET = 'ACDEFGHJKMNPQRTUVWXY345679';

/** A one-time start code, three groups of four ("K7PM-Q4RT-H9XW"): 62 bits, easy to type from a letter. */
export function newStartCode(): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${group()}-${group()}-${group()}`;
}

/** "Fleur", "van den Berg" → "fleur.vandenberg": lower case, accents dropped, only a–z, 0–9 and dots. */
export function suggestUsername(firstName: string, lastName?: string): string {
  const clean = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '');
  const first = clean(firstName) || 'client';
  const last = clean(lastName ?? '');
  const base = last ? `${first}.${last}` : first;
  return (base.length < 3 ? `${base}.client` : base).slice(0, 36);
}
