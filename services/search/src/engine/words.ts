/**
 * The longest word the index keeps whole. PostgreSQL's Ispell dictionary tries every way to split a word into
 * compound parts, which grows exponentially with pathological words: "aaaa…" of 32 letters takes seconds, of a
 * few hundred letters it took one backend 20 GB and the whole database down. Real Dutch compounds split fast
 * at any length, but anyone can type "aaaa…", so every word is cut here, and the query's words the same way
 * (postgres.engine.ts), so a cut word still finds itself.
 */
export const MAX_WORD_LETTERS = 24;
const LONG_WORD = new RegExp(`[\\p{L}\\p{N}]{${MAX_WORD_LETTERS + 1},}`, 'gu');

/** Cuts every word longer than MAX_WORD_LETTERS to its first MAX_WORD_LETTERS letters. */
export function cutLongWords(text: string): string {
  return text.replace(LONG_WORD, (w) => [...w].slice(0, MAX_WORD_LETTERS).join(''));
}
