import { Avatar, Card, PageHeader, PostList, ResourceView, useI18n, useResource } from '@plein/ui';
import { useClientApi } from '../api';

export function PersonPage({ id }: { id: string }) {
  const { t } = useI18n();
  const api = useClientApi();
  const [person, reload] = useResource(() => api.person(id), [api, id]);
  const [posts, reloadPosts] = useResource(() => api.profileFeed(id), [api, id]);
  if (person.status !== 'ok')
    return (
      <>
        <PageHeader title={t('person.title')} />
        <ResourceView state={person} onRetry={reload}>
          {() => null}
        </ResourceView>
      </>
    );
  return (
    <ResourceView state={person} onRetry={reload}>
      {(p) => {
        const name = p.firstName ?? p.displayName;
        const where = (p.locations ?? []).map((l) => l.name).join(', ');
        const staff = p.kind === 'staff';
        return (
          <div className="pl-stack">
            <PageHeader title={p.displayName} intro={staff ? p.function?.name : undefined} />
            <Card className="pl-profile">
              <Avatar name={p.displayName} photo={p.photo} alt={p.photo?.alt} size="large" />
              <div>
                {staff && <p className="pl-badge">{t('person.staff')}</p>}
                {staff && where && <p>{t('person.where', { name, where })}</p>}
                {staff && <p>{t('person.reach', { name })}</p>}
                {p.about && (
                  <>
                    <h2>{t('person.about')}</h2>
                    <p>{p.about}</p>
                  </>
                )}
              </div>
            </Card>
            <section aria-labelledby="posts">
              <h2 id="posts">{t('person.recent', { name })}</h2>
              <PostList
                state={posts}
                api={api}
                personPath="/mensen"
                emptyTitle={t('person.noPosts', { name })}
                emptyText={t('person.noPostsText')}
                onRetry={reloadPosts}
                loadMore={(cursor) => api.profileFeed(id, cursor)}
              />
            </section>
          </div>
        );
      }}
    </ResourceView>
  );
}
