import {
  AppShell,
  AuthGate,
  type Routes,
  routedPage,
  AuthProvider,
  ButtonLink,
  EmptyState,
  PageHeader,
  I18nProvider,
  Icon,
  Loading,
  type NavItem,
  RouterProvider,
  ViewerProvider,
  previousVisit,
  signedInBefore,
  Welcome,
  useI18n,
  useResource,
  useRouter,
  useSession,
} from '@plein/ui';
import { Suspense, lazy, useState } from 'react';
import { CLIENT_PORTAL_AS_STAFF, useStaffApi } from './api';
import { staffMessages } from './messages';
import { StaffNotificationBell } from './notification-bell';
import { SearchBox } from './pages/search-box';
import { menuSections } from './sections';

// Each page is its own chunk, loaded when it is opened: the welcome page and the first screen load only what
// they show (on a slow connection, the difference is seconds).
const AdminPage = lazy(() => import('./pages/admin').then((m) => ({ default: m.AdminPage })));
const ClientsPage = lazy(() => import('./pages/clients').then((m) => ({ default: m.ClientsPage })));
const GroupPage = lazy(() => import('./pages/group').then((m) => ({ default: m.GroupPage })));
const GroupsPage = lazy(() => import('./pages/groups').then((m) => ({ default: m.GroupsPage })));
const HomePage = lazy(() => import('./pages/home').then((m) => ({ default: m.HomePage })));
// A returning visitor's first screen starts loading while Keycloak is asked for their session.
if (window.location.pathname === '/' && signedInBefore('staff')) void import('./pages/home');
const PeoplePage = lazy(() => import('./pages/people').then((m) => ({ default: m.PeoplePage })));
const PersonPage = lazy(() => import('./pages/person').then((m) => ({ default: m.PersonPage })));
const PostPage = lazy(() => import('./pages/post').then((m) => ({ default: m.PostPage })));
const ProfilePage = lazy(() => import('./pages/profile').then((m) => ({ default: m.ProfilePage })));
const SearchPage = lazy(() => import('./pages/search').then((m) => ({ default: m.SearchPage })));
const ActivitiesPage = lazy(() => import('./pages/activities').then((m) => ({ default: m.ActivitiesPage })));
const ActivityPage = lazy(() => import('./pages/activities').then((m) => ({ default: m.ActivityPage })));
const KnowledgePage = lazy(() => import('./pages/knowledge').then((m) => ({ default: m.KnowledgePage })));
const QuestionPage = lazy(() => import('./pages/knowledge').then((m) => ({ default: m.QuestionPage })));
const HandbookPage = lazy(() => import('./pages/handbook').then((m) => ({ default: m.HandbookPage })));
const ArticlePage = lazy(() => import('./pages/handbook').then((m) => ({ default: m.ArticlePage })));
const ArticleEditPage = lazy(() => import('./pages/handbook').then((m) => ({ default: m.ArticleEditPage })));
const ArticleHistoryPage = lazy(() =>
  import('./pages/handbook').then((m) => ({ default: m.ArticleHistoryPage })),
);
const WriteSubmissionPage = lazy(() =>
  import('./pages/moderation').then((m) => ({ default: m.StaffWriteSubmissionPage })),
);
const SubmissionQueuePage = lazy(() =>
  import('./pages/moderation').then((m) => ({ default: m.StaffSubmissionQueuePage })),
);
const ReportQueuePage = lazy(() =>
  import('./pages/moderation').then((m) => ({ default: m.StaffReportQueuePage })),
);
const AuditPage = lazy(() => import('./pages/moderation').then((m) => ({ default: m.StaffAuditPage })));
const NotificationsPage = lazy(() =>
  import('./pages/notifications').then((m) => ({ default: m.NotificationsPage })),
);
const NotificationPreferencesPage = lazy(() =>
  import('./pages/notifications').then((m) => ({ default: m.NotificationPreferencesPage })),
);
const DocumentsPage = lazy(() => import('./pages/documents').then((m) => ({ default: m.DocumentsPage })));
const FolderPage = lazy(() => import('./pages/documents').then((m) => ({ default: m.FolderPage })));
const FilePage = lazy(() => import('./pages/documents').then((m) => ({ default: m.FilePage })));
const TrashPage = lazy(() => import('./pages/documents').then((m) => ({ default: m.TrashPage })));
const ReviewDuePage = lazy(() => import('./pages/handbook').then((m) => ({ default: m.ReviewDuePage })));

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
  const { t } = useI18n();
  return (
    <AuthGate
      welcome={(login) => (
        <Welcome
          title={t('welcome.title')}
          text={t('welcome.text')}
          loginLabel={t('welcome.login')}
          onLogin={login}
        />
      )}
    >
      <Portal />
    </AuthGate>
  );
}

const ROUTES: Routes = [
  ['/', () => <HomePage />],
  ['/groepen', () => <GroupsPage />],
  ['/groepen/:id', (p) => <GroupPage id={p['id']!} />],
  ['/smoelenboek', () => <PeoplePage />],
  ['/mensen/:id', (p) => <PersonPage id={p['id']!} />],
  ['/berichten/:id', (p) => <PostPage id={p['id']!} />],
  ['/profiel', () => <ProfilePage />],
  ['/zoeken', () => <SearchPage />],
  ['/activiteiten', () => <ActivitiesPage />],
  [
    '/activiteiten/:tree/:id',
    (p) => <ActivityPage tree={p['tree'] === 'staff' ? 'staff' : 'client'} id={p['id']!} />,
  ],
  ['/kennisbank', () => <KnowledgePage />],
  ['/kennisbank/:id', (p) => <QuestionPage id={p['id']!} />],
  ['/handboek', () => <HandbookPage />],
  ['/handboek/herzien', () => <ReviewDuePage />],
  ['/handboek/:id', (p) => <ArticlePage id={p['id']!} />],
  ['/handboek/:id/geschiedenis', (p) => <ArticleHistoryPage id={p['id']!} />],
  ['/handboek/:id/bewerken', (p) => <ArticleEditPage id={p['id']!} />],
  ['/documenten', () => <DocumentsPage />],
  ['/documenten/prullenbak', () => <TrashPage />],
  ['/documenten/mappen/:id', (p) => <FolderPage id={p['id']!} />],
  ['/documenten/bestanden/:id', (p) => <FilePage id={p['id']!} />],
  ['/beheer', () => <AdminPage />],
  ['/mijn-clienten', () => <ClientsPage />],
  ['/insturen', () => <WriteSubmissionPage />],
  ['/redactie', () => <SubmissionQueuePage />],
  ['/moderatie', () => <ReportQueuePage />],
  ['/logboek', () => <AuditPage />],
  ['/meldingen', () => <NotificationsPage />],
  ['/meldingen/instellingen', () => <NotificationPreferencesPage />],
];

function Portal() {
  const session = useSession();
  const { t } = useI18n();
  const { path } = useRouter();
  const api = useStaffApi();
  const [me] = useResource(() => api.me(), [api]);
  // What is new since this person's previous visit gets a "Nieuw" mark (kept in this browser).
  const [since] = useState(() => previousVisit(`${session.realm}:${session.username}`));
  // only the sections that exist (sections.ts)
  const nav: NavItem[] = menuSections(session.roles).map((s) => ({
    to: s.to,
    label: t(s.label),
    icon: s.icon,
  }));
  const page = routedPage(ROUTES, path);
  return (
    <AppShell
      brand={t('app.brand')}
      nav={nav}
      tools={
        <>
          <div className="pl-header__wide">
            <SearchBox />
          </div>
          <StaffNotificationBell />
          <a className="pl-button pl-button--quiet pl-header__wide" href={CLIENT_PORTAL_AS_STAFF}>
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
      <ViewerProvider id={me.status === 'ok' ? me.data.id : undefined} since={since}>
        <Suspense fallback={<Loading />}>{page ?? <NotFound />}</Suspense>
      </ViewerProvider>
    </AppShell>
  );
}

function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('ui.notFound.title')} />
      <EmptyState icon="search" title={t('ui.notFound.page')}>
        <p>{t('ui.notFound.pageText')}</p>
      </EmptyState>
      <ButtonLink to="/" icon="home">
        {t('ui.notFound.home')}
      </ButtonLink>
    </>
  );
}
