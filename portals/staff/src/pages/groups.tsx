import {
  Button,
  EmptyState,
  type Group,
  type IntranetApi,
  Link,
  Markdown,
  PageHeader,
  ResourceView,
  useI18n,
  useResource,
} from '@plein/ui';
import { useState } from 'react';
import { useStaffApi } from '../api';
import { GroupForm } from './group-form';

export function GroupsPage() {
  const { t } = useI18n();
  const api = useStaffApi();
  const [groups, reload] = useResource(() => api.groups(), [api]);
  return (
    <>
      <PageHeader title={t('groups.title')} intro={t('groups.intro')} />
      {groups.status === 'ok' && <GroupForm api={api} />}
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
                  {group.description && <Markdown text={group.description} />}
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

/**
 * For a member: whether the group's posts come into my home timeline. Not following keeps the membership;
 * the posts are then on the group's page only.
 */
export function FollowToggle({ api, group }: { api: IntranetApi; group: Group }) {
  const { t } = useI18n();
  const [following, setFollowing] = useState(group.following);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  if (group.membership !== 'member' && group.membership !== 'admin') return null;
  const toggle = async () => {
    setBusy(true);
    try {
      if (following) await api.unfollowGroup(group.id);
      else await api.followGroup(group.id);
      setFollowing(!following);
      setFailed(false);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="pl-follow">
      <p className="pl-follow__state" role="status">
        {following ? t('group.following') : t('group.notFollowing')}
      </p>
      <Button
        variant={following ? 'secondary' : 'primary'}
        icon={following ? 'eye' : 'plus'}
        busy={busy}
        disabled={busy}
        onClick={() => void toggle()}
      >
        {following ? t('group.unfollow') : t('group.follow')}
      </Button>
      <p className="pl-follow__help">{t('group.followHelp')}</p>
      {failed && (
        <p className="pl-field__error" role="alert">
          {t('group.followFailed')}
        </p>
      )}
    </div>
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

/**
 * Join an open group at once; for a closed group, send a request. A workgroup's members are its team's in
 * the smoelenboek: nobody joins or leaves one by hand, so it offers no button, only that explanation.
 */
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
  const member = membership === 'member' || membership === 'admin';
  if (group.workgroup)
    return (
      <>
        {member && <p className="pl-badge">{t('groups.member')}</p>}
        <p className="pl-follow__help">
          {t('groups.workgroupMembership')} <Link to="/smoelenboek">{t('groups.workgroupPeople')}</Link>.
        </p>
      </>
    );
  if (member) return <p className="pl-badge">{t('groups.member')}</p>;
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
