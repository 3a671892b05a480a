import { Card, PageHeader, PostList, ResourceView, markdownToText, useI18n, useResource } from '@plein/ui';
import { useStaffApi } from '../api';
import { Composer, isMember } from './composer';
import { FolderList } from './documents';
import { FollowToggle, GroupFacts, JoinButton } from './groups';

export function GroupPage({ id }: { id: string }) {
  const { t } = useI18n();
  const api = useStaffApi();
  const [group, reloadGroup] = useResource(() => api.group(id), [api, id]);
  const [posts, reloadPosts] = useResource(() => api.groupFeed(id), [api, id]);
  if (group.status !== 'ok')
    return (
      <>
        <PageHeader title={t('group.title')} />
        <ResourceView state={group} onRetry={reloadGroup}>
          {() => null}
        </ResourceView>
      </>
    );
  return (
    <ResourceView state={group} onRetry={reloadGroup}>
      {(g) => (
        <>
          <PageHeader title={g.name} intro={g.description ? markdownToText(g.description) : undefined} />
          <div className="pl-columns">
            <div className="pl-stack">
              {isMember(g) && <Composer api={api} fixedGroup={g} onPosted={reloadPosts} />}
              <section aria-labelledby="group-feed">
                <h2 id="group-feed">{t('group.feedTitle')}</h2>
                <PostList
                  state={posts}
                  api={api}
                  personPath="/mensen"
                  emptyTitle={t('group.empty')}
                  emptyText={t('group.emptyText')}
                  onRetry={reloadPosts}
                  loadMore={(cursor) => api.groupFeed(id, cursor)}
                  groupName={() => g.name}
                />
              </section>
            </div>
            <aside aria-label={g.name}>
              <Card>
                <GroupFacts group={g} />
                <JoinButton
                  api={api}
                  group={g}
                  onJoined={() => {
                    reloadGroup();
                    reloadPosts();
                  }}
                />
                <FollowToggle key={`${g.id}-${g.membership}`} api={api} group={g} />
              </Card>
              {isMember(g) && (
                <section aria-labelledby="group-documents" className="pl-card">
                  <h2 id="group-documents">{t('doc.groupDocuments')}</h2>
                  <FolderList groupId={g.id} canMake />
                </section>
              )}
            </aside>
          </div>
        </>
      )}
    </ResourceView>
  );
}
