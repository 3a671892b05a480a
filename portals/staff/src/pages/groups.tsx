import {
  Button,
  EmptyState,
  type Group,
  type IntranetApi,
  Link,
  PageHeader,
  ResourceView,
  useI18n,
  useResource,
} from '@plein/ui';
import { useState } from 'react';
import { useStaffApi } from '../api';

export function GroupsPage() {
  const { t } = useI18n();
  const api = useStaffApi();
  const [groups, reload] = useResource(() => api.groups(), [api]);
  return (
    <>
      <PageHeader title={t('groups.title')} intro={t('groups.intro')} />
      <ResourceView state={groups} onRetry={reload}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState icon="group" title={t('groups.empty')} />
          ) : (
            <ul className="pl-grid">
              {page.items.map((group) => (
                <li key={group.id} className="pl-card">
                  <h2>
                    <Link to={`/groepen/${group.id}`}>{group.name}</Link>
                  </h2>
                  <GroupFacts group={group} />
                  {group.description && <p>{group.description}</p>}
                  <JoinButton api={api} group={group} />
                </li>
              ))}
            </ul>
          )
        }
      </ResourceView>
    </>
  );
}

export function GroupFacts({ group }: { group: Group }) {
  const { t } = useI18n();
  return (
    <p>
      <span className="pl-badge">{group.workgroup ? t('groups.workgroup') : t('groups.group')}</span>
      {group.kind !== 'open' && <span className="pl-badge">{t('groups.closed')}</span>}
      <span className="pl-badge">{t('groups.members', { count: group.memberCount })}</span>
    </p>
  );
}

/** Join an open group at once; for a closed group, send a request. */
export function JoinButton({
  api,
  group,
  onJoined,
}: {
  api: IntranetApi;
  group: Group;
  onJoined?: () => void;
}) {
  const { t } = useI18n();
  const [membership, setMembership] = useState<Group['membership']>(group.membership);
  const [failed, setFailed] = useState(false);
  if (membership === 'member' || membership === 'admin')
    return <p className="pl-badge">{t('groups.member')}</p>;
  if (membership === 'requested') return <p className="pl-badge">{t('groups.requested')}</p>;
  const join = async () => {
    try {
      // Accepting an invitation and joining an open group make a member; a closed group gets a request.
      const { state } = await api.joinGroup(group.id);
      setMembership(state);
      onJoined?.();
    } catch {
      setFailed(true);
    }
  };
  return (
    <>
      <Button variant="secondary" icon="plus" onClick={() => void join()}>
        {group.kind === 'open' || membership === 'invited' ? t('groups.join') : t('groups.request')}
        <span className="pl-visually-hidden">: {group.name}</span>
      </Button>
      {failed && (
        <p className="pl-field__error" role="alert">
          {t('groups.joinFailed')}
        </p>
      )}
    </>
  );
}
