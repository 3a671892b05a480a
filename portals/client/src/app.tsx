import {
  AppShell,
  AuthGate,
  type Routes,
  routedPage,
  AuthProvider,
  ButtonLink,
  EmptyState,
  PageHeader,
  ViewerProvider,
  previousVisit,
  signedInBefore,
  useResource,
  I18nProvider,
  Icon,
  Loading,
  type NavItem,
  type Realm,
  RouterProvider,
  Welcome,
  useI18n,
  useRouter,
  useSession,
} from '@plein/ui';
import { Suspense, lazy, useState } from 'react';
import { BASE, chosenRealm, useClientApi } from './api';
import { clientMessages } from './messages';
import { menuSections } from './sections';
import { ClientNotificationBell } from './notification-bell';

// Each page is its own chunk, loaded when it is opened: the welcome page and the first screen stay light
// for clients on a slow connection.
const PeoplePage = lazy(() => import('./pages/people').then((m) => ({ default: m.PeoplePage })));
const PersonPage = lazy(() => import('./pages/person').then((m) => ({ default: m.PersonPage })));
const PostPage = lazy(() => import('./pages/post').then((m) => ({ default: m.PostPage })));
const ProfilePage = lazy(() => import('./pages/profile').then((m) => ({ default: m.ProfilePage })));
const SearchPage = lazy(() => import('./pages/search').then((m) => ({ default: m.SearchPage })));
const TimelinePage = lazy(() => import('./pages/timeline').then((m) => ({ default: m.TimelinePage })));
// A returning visitor's first screen starts loading while Keycloak is asked for their session.
if (window.location.pathname === BASE && signedInBefore(chosenRealm())) void import('./pages/timeline');
const HowtoListPage = lazy(() => import('./pages/howto').then((m) => ({ default: m.HowtoListPage })));
const WriteSubmissionPage = lazy(() =>
  import('./pages/moderation').then((m) => ({ default: m.ClientWriteSubmissionPage })),
);
const SubmissionQueuePage = lazy(() =>
  import('./pages/moderation').then((m) => ({ default: m.ClientSubmissionQueuePage })),
);
const ActivitiesPage = lazy(() => import('./pages/activities').then((m) => ({ default: m.ActivitiesPage })));
const ActivityPage = lazy(() => import('./pages/activities').then((m) => ({ default: m.ActivityPage })));
const DocumentsPage = lazy(() => import('./pages/documents').then((m) => ({ default: m.DocumentsPage })));
const HowtoPage = lazy(() => import('./pages/howto').then((m) => ({ default: m.HowtoPage })));
const NotificationsPage = lazy(() =>
  import('./pages/notifications').then((m) => ({ default: m.NotificationsPage })),
);

export function App() {
  const [realm] = useState<Realm>(chosenRealm);
  return (
    <I18nProvider dictionary={clientMessages}>
      <RouterProvider base={BASE}>
        <Authenticated realm={realm} />
      </RouterProvider>
    </I18nProvider>
  );
}

function Authenticated({ realm }: { realm: Realm }) {
  const { language } = useI18n();
  return (
    <AuthProvider realm={realm} base={BASE} language={language}>
      <Gate />
    </AuthProvider>
  );
}

function Gate() {
  const { t } = useI18n();
  return (
    <AuthGate
      welcome={(login) => (
        <Welcome
          calm
          title={t('welcome.title')}
          text={t('welcome.text')}
          loginLabel={t('welcome.login')}
          onLogin={login}
          extra={
            <p className="pl-welcome__staff">
              {t('welcome.staff')} <a href={`${BASE}?als=medewerker`}>{t('welcome.staffLink')}</a>
            </p>
          }
        />
      )}
    >
      <Portal />
    </AuthGate>
  );
}

const ROUTES: Routes = [
  ['/', () => <TimelinePage />],
  ['/insturen', () => <WriteSubmissionPage />],
  ['/redactie', () => <SubmissionQueuePage />],
  ['/mensen', () => <PeoplePage />],
  ['/mensen/:id', (p) => <PersonPage id={p['id']!} />],
  ['/berichten/:id', (p) => <PostPage id={p['id']!} />],
  ['/profiel', () => <ProfilePage />],
  ['/zoeken', () => <SearchPage />],
  ['/activiteiten', () => <ActivitiesPage />],
  ['/activiteiten/:id', (p) => <ActivityPage id={p['id']!} />],
  ['/hoe-werkt-het', () => <HowtoListPage />],
  ['/hoe-werkt-het/:id', (p) => <HowtoPage id={p['id']!} />],
  ['/meldingen', () => <NotificationsPage />],
  ['/papieren', () => <DocumentsPage />],
];

function Portal() {
  const session = useSession();
  const { t } = useI18n();
  const { path } = useRouter();
  const api = useClientApi();
  const [me] = useResource(() => api.me(), [api]);
  // What is new since this person's previous visit gets a "Nieuw" mark (kept in this browser).
  const [since] = useState(() => previousVisit(`${session.realm}:${session.username}`));
  // Few choices, each with an icon and a word; only the sections that exist (sections.ts).
  const nav: NavItem[] = menuSections(session.roles).map((s) => ({
    to: s.to,
    label: t(s.label),
    icon: s.icon,
  }));
  const page = routedPage(ROUTES, path);
  return (
    <AppShell
      calm
      brand={t('app.brand')}
      nav={nav}
      tools={
        <>
          <ClientNotificationBell />
          <button type="button" className="pl-button pl-button--secondary" onClick={session.logout}>
            <Icon name="logout" />
            <span>{t('nav.logout')}</span>
          </button>
        </>
      }
    >
      {session.realm === 'staff' && (
        <div className="pl-notice" role="note">
          <Icon name="eye" />
          <p>
            {t('staff.banner')} <a href="/">{t('staff.back')}</a>
          </p>
        </div>
      )}
      <ViewerProvider id={me.status === 'ok' ? me.data.id : undefined} since={since}>
        <Suspense fallback={<Loading />}>
          {page ?? (
            <>
              <PageHeader title={t('ui.notFound.title')} />
              <EmptyState icon="search" title={t('ui.notFound.page')}>
                <p>{t('notFound.text')}</p>
              </EmptyState>
              <ButtonLink to="/" icon="home">
                {t('notFound.home')}
              </ButtonLink>
            </>
          )}
        </Suspense>
      </ViewerProvider>
    </AppShell>
  );
}
