import { IntlMessageFormat } from 'intl-messageformat';
import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';

export type Language = 'nl' | 'en';
export const LANGUAGES: readonly Language[] = ['nl', 'en'];
/** Values a message may use: `{name}`, `{count, plural, one {# lid} other {# leden}}`. */
export type MessageValues = Record<string, string | number>;
/**
 * One dictionary per language, every text an ICU message (intl-messageformat): plurals and choices are
 * written in the message itself, never pieced together in code. Dutch is the reference; English must have
 * the same keys.
 */
export type Dictionary<K extends string> = Record<Language, Record<K, string>>;

interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: (key: string, vars?: MessageValues) => string;
}

const I18nContext = createContext<I18n | undefined>(undefined);
const STORAGE_KEY = 'plein.language';
const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'nl'; // Dutch first, whatever the browser says
}

/**
 * A translator for one language: each message is parsed once (ICU syntax) and formatted with its values.
 * A key missing in English falls back to Dutch, a key missing everywhere shows itself (and is caught by the
 * dictionaries' tests).
 */
export function translator(dictionary: Dictionary<string>, language: Language): I18n['t'] {
  const parsed = new Map<string, IntlMessageFormat>();
  return (key, vars) => {
    const source = dictionary[language][key] ?? dictionary.nl[key];
    if (source === undefined) return key;
    let format = parsed.get(key);
    if (!format) {
      format = new IntlMessageFormat(source, LOCALES[language], undefined, { ignoreTag: true });
      parsed.set(key, format);
    }
    return String(format.format(vars));
  };
}

/** Dutch by default, English on request; the choice is kept in this browser and sets `<html lang>`. */
export function I18nProvider({
  dictionary,
  children,
}: {
  dictionary: Dictionary<string>;
  children: ReactNode;
}) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const setLanguage = useCallback((next: Language) => {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({ language, setLanguage, t: translator(dictionary, language) }),
    [dictionary, language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

export const useT = (): I18n['t'] => useI18n().t;

/** Dates the way people say them: "vandaag 14:05", "gisteren", "3 mrt". */
export function formatWhen(iso: string, language: Language, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const locale = LOCALES[language];
  const time = date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  const days = Math.floor((startOfDay(now) - startOfDay(date)) / 86_400_000);
  if (days === 0) return `${language === 'nl' ? 'vandaag' : 'today'} ${time}`;
  if (days === 1) return `${language === 'nl' ? 'gisteren' : 'yesterday'} ${time}`;
  return date.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' });
}

const startOfDay = (d: Date): number => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
