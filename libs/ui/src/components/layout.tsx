import { type ReactNode, useEffect, useRef } from 'react';
import { LANGUAGES, useI18n } from '../i18n';
import { Link, useRouter } from '../router';
import { ErrorBoundary, PageFallback } from './error-boundary';
import { Icon, type IconName } from './icon';

export interface NavItem {
  to: string;
  label: string;
  icon: IconName;
}

/**
 * The frame of every page: a skip link, a header with the name and the main navigation, the page, and a
 * footer with the language choice. `calm` is the client portal's variant: larger, fewer things at once.
 */
export function AppShell({
  brand,
  nav,
  tools,
  calm = false,
  children,
}: {
  brand: string;
  nav: NavItem[];
  tools?: ReactNode;
  calm?: boolean;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { path } = useRouter();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // After navigating, move focus to the page so screen readers start reading the new page.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [path]);
  useEffect(() => {
    document.body.classList.toggle('pl-calm', calm);
  }, [calm]);
  return (
    <div className="pl-app">
      <a className="pl-skip" href="#inhoud">
        {t('ui.skip')}
      </a>
      <header className="pl-header">
        <div className="pl-header__inner">
          <Link to="/" className="pl-brand">
            <span className="pl-brand__mark" aria-hidden="true">
              P
            </span>
            <span>{brand}</span>
          </Link>
          {tools && <div className="pl-header__tools">{tools}</div>}
        </div>
        <nav className="pl-nav" aria-label={t('ui.nav')}>
          <ul className="pl-nav__list">
            {nav.map((item) => (
              <li key={item.to}>
                <Link to={item.to} className="pl-nav__link">
                  <Icon name={item.icon} />
                  <span>{item.label}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="inhoud" className="pl-main" tabIndex={-1} ref={main}>
        {/* A page that fails to render says so in the frame; the menu stays, and another page works again. */}
        <ErrorBoundary resetKey={path} fallback={<PageFallback />}>
          {children}
        </ErrorBoundary>
      </main>
      <footer className="pl-footer">
        <LanguageSwitch />
      </footer>
    </div>
  );
}

/** A page's heading and a sentence about what it is for; also sets the browser tab's title. */
export function PageHeader({
  title,
  intro,
  actions,
}: {
  title: string;
  intro?: string;
  actions?: ReactNode;
}) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t('ui.product')}`;
  }, [title, t]);
  return (
    <div className="pl-page-header">
      <div>
        <h1>{title}</h1>
        {intro && <p className="pl-page-header__intro">{intro}</p>}
      </div>
      {actions && <div className="pl-page-header__actions">{actions}</div>}
    </div>
  );
}

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <div className="pl-language" role="group" aria-label={t('ui.language')}>
      <Icon name="globe" />
      {LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="button"
          className="pl-language__option"
          aria-pressed={language === lang}
          lang={lang}
          onClick={() => setLanguage(lang)}
        >
          {lang === 'nl' ? 'Nederlands' : 'English'}
        </button>
      ))}
    </div>
  );
}

/** The page someone sees before logging in: what this is, and one clear button. */
export function Welcome({
  title,
  text,
  loginLabel,
  onLogin,
  extra,
  calm = false,
}: {
  title: string;
  text: string;
  loginLabel: string;
  onLogin: () => void;
  extra?: ReactNode;
  calm?: boolean;
}) {
  useEffect(() => {
    document.body.classList.toggle('pl-calm', calm);
    document.title = title;
  }, [calm, title]);
  return (
    <div className="pl-welcome">
      <main className="pl-welcome__card" id="inhoud">
        <span className="pl-brand__mark pl-brand__mark--large" aria-hidden="true">
          P
        </span>
        <h1>{title}</h1>
        <p>{text}</p>
        <button type="button" className="pl-button pl-button--primary pl-button--large" onClick={onLogin}>
          <Icon name="lock" />
          <span>{loginLabel}</span>
        </button>
        {extra}
      </main>
      <footer className="pl-footer">
        <LanguageSwitch />
      </footer>
    </div>
  );
}
