import { Avatar, Button, Card, PageHeader, PostList, ResourceView, useI18n, useResource } from '@plein/ui';
import { useState } from 'react';
import { useStaffApi } from '../api';

export function PersonPage({ id }: { id: string }) {
  const { t } = useI18n();
  const api = useStaffApi();
  const [me] = useResource(() => api.me(), [api]);
  const [person, reload] = useResource(() => api.person(id), [api, id]);
  const [posts, reloadPosts] = useResource(() => api.profileFeed(id), [api, id]);
  const [follows] = useResource(() => api.follows(), [api]);
  // What I did on this page wins over the list fetched when it opened.
  const [choice, setChoice] = useState<boolean>();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const following = choice ?? (follows.status === 'ok' && follows.data.items.some((f) => f.id === id));
  const toggleFollow = async () => {
    setBusy(true);
    try {
      if (following) await api.unfollow(id);
      else await api.follow(id);
      setChoice(!following);
      setFailed(false);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
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
        <>
          <PageHeader title={p.displayName} intro={p.function?.name} />
          <div className="pl-columns">
            <section aria-labelledby="recent" className="pl-stack">
              <h2 id="recent">{t('person.recent')}</h2>
              <PostList
                state={posts}
                api={api}
                personPath="/mensen"
                emptyTitle={t('person.emptyPosts', { name: p.firstName ?? p.displayName })}
                onRetry={reloadPosts}
                loadMore={(cursor) => api.profileFeed(id, cursor)}
              />
            </section>
            <aside aria-label={p.displayName}>
              <Card className="pl-stack">
                <div className="pl-profile">
                  <Avatar name={p.displayName} photo={p.photo} alt={p.photo?.alt} size="large" />
                </div>
                <dl className="pl-facts">
                  <dt>{t('person.function')}</dt>
                  <dd>{p.function?.name ?? t('person.unknown')}</dd>
                  <dt>{t('person.team')}</dt>
                  <dd>{names(p.teams) ?? t('person.unknown')}</dd>
                  <dt>{t('person.location')}</dt>
                  <dd>{names(p.locations) ?? t('person.unknown')}</dd>
                  {p.phone && (
                    <>
                      <dt>{t('person.phone')}</dt>
                      <dd>
                        <a href={`tel:${p.phone}`}>{p.phone}</a>
                      </dd>
                    </>
                  )}
                  {p.email && (
                    <>
                      <dt>{t('person.email')}</dt>
                      <dd>
                        <a href={`mailto:${p.email}`}>{p.email}</a>
                      </dd>
                    </>
                  )}
                </dl>
                {p.skills && p.skills.length > 0 && (
                  <div>
                    <h3>{t('person.skills')}</h3>
                    {p.skills.map((s) => (
                      <span key={s} className="pl-badge">
                        {s}
                      </span>
                    ))}
                  </div>
                )}
                {p.about && <p>{p.about}</p>}
                {me.status === 'ok' && me.data.id !== p.id && (
                  <div className="pl-follow">
                    <p role="status">
                      {following
                        ? t('person.following', { name: p.displayName })
                        : t('person.notFollowing', { name: p.displayName })}
                    </p>
                    <Button
                      variant={following ? 'secondary' : 'primary'}
                      icon={following ? 'minus' : 'plus'}
                      busy={busy}
                      disabled={busy}
                      onClick={() => void toggleFollow()}
                    >
                      {following ? t('person.unfollow') : t('person.follow')}
                    </Button>
                    {failed && (
                      <p className="pl-field__error" role="alert">
                        {t('person.followFailed')}
                      </p>
                    )}
                  </div>
                )}
              </Card>
            </aside>
          </div>
        </>
      )}
    </ResourceView>
  );
}

/** "Zwolle, Deventer", or undefined when there are none (or the viewer may not see them). */
export const names = (refs: { name: string }[] | undefined): string | undefined =>
  refs?.length ? refs.map((r) => r.name).join(', ') : undefined;
