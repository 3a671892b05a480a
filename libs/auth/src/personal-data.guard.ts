import { type GuardFinding, type GuardFindingKind, PleinError } from '@plein/contracts';
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { findPhoneNumbersInText } from 'libphonenumber-js/max';

/**
 * The personal-data guard: text that looks like personal data (a BSN that passes the 11-check, a phone number,
 * an e-mail address, an IBAN that passes mod-97, a Dutch street address or postcode), found in running text with
 * where it is (`start` inclusive, `end` exclusive, in UTF-16 code units like `String.prototype.slice`).
 * Pure: no I/O, the same answer for the same text. Used in-process by timelines (posts, comments) and moderation
 * (submissions) before anything is stored, and behind `POST /guard/check`.
 */
export function findPersonalData(text: string): GuardFinding[] {
  const found: GuardFinding[] = [];
  const overlaps = (start: number, end: number) => found.some((f) => start < f.end && f.start < end);
  const add = (kind: GuardFindingKind, start: number, end: number) => {
    if (!overlaps(start, end)) found.push({ kind, start, end });
  };

  for (const m of text.matchAll(EMAIL)) add('email', m.index, m.index + m[0].length);
  for (const m of text.matchAll(IBAN_CANDIDATE)) {
    const end = longestValidIban(m[0]);
    if (end > 0) add('iban', m.index, m.index + end);
  }
  for (const m of text.matchAll(BSN_CANDIDATE)) {
    if (isValidBsn(m[0].replace(/[.\s-]/g, ''))) add('bsn', m.index, m.index + m[0].length);
  }
  for (const n of findPhoneNumbersInText(text, { defaultCountry: 'NL' })) add('phone', n.startsAt, n.endsAt);
  for (const re of [STREET, POSTCODE])
    for (const m of text.matchAll(re)) add('address', m.index, m.index + m[0].length);
  return found.sort((a, b) => a.start - b.start);
}

/** A BSN (burgerservicenummer): 9 digits whose weighted sum 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11. */
export function isValidBsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

/** The 422 a service answers when text holds personal data the author has not confirmed. */
export function personalDataFound(findings: GuardFinding[], field = 'body'): PleinError {
  const kinds = [...new Set(findings.map((f) => f.kind))].join(', ');
  return new PleinError(
    422,
    'personal_data',
    `The ${field} looks like it holds personal data (${kinds}); change it, or send it again with confirmPersonalData: true`,
    { field, findings },
  );
}

/** Throws `personalDataFound` unless the author confirmed; `texts` by field name. */
export function assertNoPersonalData(texts: Record<string, string | undefined>, confirmed?: boolean): void {
  if (confirmed) return;
  for (const [field, text] of Object.entries(texts)) {
    if (!text) continue;
    const findings = findPersonalData(text);
    if (findings.length > 0) throw personalDataFound(findings, field);
  }
}

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9-]+(?:\.[A-Z0-9-]+)*\.[A-Z]{2,}/gi;
/** Two letters, two check digits, then 10 to 30 letters/digits, optionally in groups separated by one space. */
const IBAN_CANDIDATE = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){10,30}/gi;
/** 9 digits, also written 1234.56.782 or 123 456 782 or 123-456-782, not part of a longer number. */
const BSN_CANDIDATE = /(?<![\d.,-])(?:\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3}[ .-]\d{3}[ .-]\d{3})(?![\d]|[.,-]\d)/g;
const STREET_SUFFIX =
  'straat|laan|weg|plein|gracht|kade|singel|dijk|hof|pad|steeg|dreef|park|plantsoen|markt|ring|baan|veld|erf|wal';
/** A street name ending in a Dutch street word followed by a house number (Kerkstraat 12, Laan van X 5a). */
const STREET = new RegExp(
  `\\b(?:[A-Z][a-zà-ÿ]*(?:${STREET_SUFFIX})|(?:Laan|Plein|Kade|Weg) (?:van |der |de |den )*[A-Z][a-zà-ÿ]+)\\s+\\d{1,5}(?:\\s?[a-zA-Z](?![a-zA-Z]))?(?:-\\d{1,4})?\\b`,
  'g',
);
/** A Dutch postcode: 1234 AB (never SA, SD or SS). */
const POSTCODE = /\b[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}\b/g;

/** The length of the longest prefix of a candidate that is a valid IBAN (0: none), ending on a character. */
function longestValidIban(candidate: string): number {
  for (let end = candidate.length; end >= 15; end--) {
    if (candidate[end - 1] === ' ') continue;
    const compact = electronicFormatIBAN(candidate.slice(0, end).toUpperCase());
    if (compact && isValidIBAN(compact)) return end;
  }
  return 0;
}
