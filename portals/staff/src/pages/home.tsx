import {
  ButtonLink,
  Card,
  Loading,
  PageHeader,
  PinnedAnnouncements,
  PostList,
  hasRole,
  pinnedIds,
  useI18n,
  useResource,
  useSession,
} from '@plein/ui';
import { useState } from 'react';
import { CLIENT_PORTAL_AS_STAFF, useStaffApi } from '../api';
import { Composer } from './composer';

type Feed = 'home' | 'organization' | 'news';

export function HomePage() {
  const { t } = useI18n();
  const api = useStaffApi();
  const session = useSession();
  const [feed, setFeed] = useState<Feed>('home');
  const load = { home: api.homeFeed, organization: api.organizationFeed, news: api.newsFeed }[feed];
  const [posts, reload] = useResource(() => load(), [load]);
  // Pinned announcements stay on top whichever timeline is chosen, and are not repeated below.
  const [pinned] = useResource(() => api.pinnedAnnouncements(), [api]);
  const editor = hasRole(session, 'editor');
  // Feeds name a group by id; the groups I can see give their names.
  const [groups] = useResource(() => api.groups(), [api]);
  const groupName = (groupId: string) =>
    groups.status === 'ok' ? groups.data.items.find((g) => g.id === groupId)?.name : undefined;
  // The first screen appears in one go, once the pinned announcements and the first posts are there, so
  // nothing (the composer, a post) jumps down under the reader while the rest arrives.
  const [shown, setShown] = useState(false);
  if (!shown && pinned.status !== 'loading' && posts.status !== 'loading') setShown(true);
  if (!shown)
    return (
      <>
        <PageHeader title={t('home.title')} intro={t('home.intro')} />
        <Loading />
      </>
    );
  return (
    <>
      <PageHeader title={t('home.title')} intro={t('home.intro')} />
      <div className="pl-columns">
        <div className="pl-stack">
          <PinnedAnnouncements state={pinned} api={api} personPath="/mensen" showReaders={editor} />
          <Composer api={api} onPosted={reload} />
          <div className="pl-chips" role="group" aria-label={t('home.tabs')}>
            {(['home', 'organization', 'news'] as const).map((f) => (
              <button
                key={f}
                type="button"
                className="pl-chip"
                aria-pressed={feed === f}
                onClick={() => setFeed(f)}
              >
                {t(`home.tab.${f}`)}
              </button>
            ))}
          </div>
          <section aria-label={t(`home.tab.${feed}`)}>
            <PostList
              state={posts}
              api={api}
              personPath="/mensen"
              emptyTitle={t('home.empty')}
              emptyText={t('home.emptyText')}
              onRetry={reload}
              loadMore={load}
              groupName={groupName}
              hideIds={pinnedIds(pinned)}
              showReaders={editor}
            />
          </section>
        </div>
        <aside className="pl-stack" aria-label={t('home.hello', { name: session.displayName })}>
          <Card>
            <h2>{t('home.hello', { name: session.displayName })}</h2>
            <p>{t('home.helloText')}</p>
            <ButtonLink to="/profiel" variant="secondary" icon="user">
              {t('nav.profile')}
            </ButtonLink>
          </Card>
          <Card>
            <h2>{t('home.clientTitle')}</h2>
            <p>{t('home.clientText')}</p>
            <a className="pl-button pl-button--secondary" href={CLIENT_PORTAL_AS_STAFF}>
              <span>{t('home.clientLink')}</span>
            </a>
          </Card>
        </aside>
      </div>
    </>
  );
}
