import {
  AppShell,
  AuthProvider,
  ErrorState,
  I18nProvider,
  Icon,
  Loading,
  type NavItem,
  RouterProvider,
  Welcome,
  hasRole,
  matchPath,
  useAuth,
  useI18n,
  useRouter,
  useSession,
} from '@plein/ui';
import type { ReactNode } from 'react';
import { CLIENT_PORTAL_AS_STAFF } from './api';
import { staffMessages } from './messages';
import { AdminPage } from './pages/admin';
import { GroupPage } from './pages/group';
import {
  ArticleEditPage,
  ArticleHistoryPage,
  ArticlePage,
  HandbookPage,
  ReviewDuePage,
} from './pages/handbook';
import { KnowledgePage, QuestionPage } from './pages/knowledge';
import { GroupsPage } from './pages/groups';
import { HomePage } from './pages/home';
import { PeoplePage } from './pages/people';
import { PersonPage } from './pages/person';
import { PostPage } from './pages/post';
import { ProfilePage } from './pages/profile';
import { SearchBox } from './pages/search-box';
import { SearchPage } from './pages/search';

export function App() {
  return (
    <I18nProvider dictionary={staffMessages}>
      <RouterProvider base="/">
        <Authenticated />
      </RouterProvider>
    </I18nProvider>
  );
}

function Authenticated() {
  const { language } = useI18n();
  return (
    <AuthProvider realm="staff" base="/" language={language}>
      <Gate />
    </AuthProvider>
  );
}

function Gate() {
  const auth = useAuth();
  const { t } = useI18n();
  switch (auth.status) {
    case 'starting':
      return (
        <div className="pl-welcome">
          <Loading label={t('welcome.starting')} />
        </div>
      );
    case 'failed':
      return (
        <div className="pl-welcome">
          <main id="inhoud">
            <ErrorState title={t('welcome.failed')} onRetry={() => window.location.reload()} />
          </main>
        </div>
      );
    case 'anonymous':
      return (
        <Welcome
          title={t('welcome.title')}
          text={t('welcome.text')}
          loginLabel={t('welcome.login')}
          onLogin={auth.login}
        />
      );
    case 'authenticated':
      return <Portal />;
  }
}

const ROUTES: [string, (params: Record<string, string>) => ReactNode][] = [
  ['/', () => <HomePage />],
  ['/groepen', () => <GroupsPage />],
  ['/groepen/:id', (p) => <GroupPage id={p['id']!} />],
  ['/smoelenboek', () => <PeoplePage />],
  ['/mensen/:id', (p) => <PersonPage id={p['id']!} />],
  ['/berichten/:id', (p) => <PostPage id={p['id']!} />],
  ['/profiel', () => <ProfilePage />],
  ['/zoeken', () => <SearchPage />],
  ['/kennisbank', () => <KnowledgePage />],
  ['/kennisbank/:id', (p) => <QuestionPage id={p['id']!} />],
  ['/handboek', () => <HandbookPage />],
  ['/handboek/herzien', () => <ReviewDuePage />],
  ['/handboek/:id', (p) => <ArticlePage id={p['id']!} />],
  ['/handboek/:id/geschiedenis', (p) => <ArticleHistoryPage id={p['id']!} />],
  ['/handboek/:id/bewerken', (p) => <ArticleEditPage id={p['id']!} />],
  ['/beheer', () => <AdminPage />],
];

function Portal() {
  const session = useSession();
  const { t } = useI18n();
  const { path } = useRouter();
  const nav: NavItem[] = [
    { to: '/', label: t('nav.home'), icon: 'home' },
    { to: '/groepen', label: t('nav.groups'), icon: 'group' },
    { to: '/smoelenboek', label: t('nav.people'), icon: 'people' },
    { to: '/kennisbank', label: t('nav.knowledge'), icon: 'info' },
    { to: '/handboek', label: t('nav.handbook'), icon: 'shield' },
    { to: '/zoeken', label: t('nav.search'), icon: 'search' },
    { to: '/profiel', label: t('nav.profile'), icon: 'user' },
  ];
  if (hasRole(session, 'admin')) nav.push({ to: '/beheer', label: t('nav.admin'), icon: 'shield' });
  let page: ReactNode = null;
  for (const [pattern, render] of ROUTES) {
    const params = matchPath(pattern, path);
    if (params) {
      page = render(params);
      break;
    }
  }
  return (
    <AppShell
      brand={t('app.brand')}
      nav={nav}
      tools={
        <>
          <SearchBox />
          <a className="pl-button pl-button--quiet" href={CLIENT_PORTAL_AS_STAFF}>
            <Icon name="switch" />
            <span>{t('nav.clientIntranet')}</span>
          </a>
          <button type="button" className="pl-button pl-button--secondary" onClick={session.logout}>
            <Icon name="logout" />
            <span>{t('nav.logout')}</span>
          </button>
        </>
      }
    >
      {page ?? <NotFound />}
    </AppShell>
  );
}

function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('ui.notFound.title')}</h1>
      <p>{t('ui.notFound.text')}</p>
    </>
  );
}
