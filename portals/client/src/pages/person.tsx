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
      {(p) => (
        <div className="pl-stack">
          <PageHeader title={p.displayName} />
          <Card className="pl-profile">
            <Avatar name={p.displayName} size="large" />
            {p.about && (
              <div>
                <h2>{t('person.about')}</h2>
                <p>{p.about}</p>
              </div>
            )}
          </Card>
          <section aria-labelledby="posts">
            <h2 id="posts">{t('person.recent')}</h2>
            <PostList
              state={posts}
              api={api}
              personPath="/mensen"
              emptyTitle={t('person.noPosts')}
              onRetry={reloadPosts}
            />
          </section>
        </div>
      )}
    </ResourceView>
  );
}
