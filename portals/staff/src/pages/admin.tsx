import {
  type AdminUser,
  Button,
  EmptyState,
  Icon,
  PageHeader,
  ResourceView,
  Select,
  hasRole,
  useI18n,
  useResource,
  useSession,
} from '@plein/ui';
import { useState } from 'react';
import { useAdminApi } from '../api';
import { ROLE_NAMES, roleLabel } from './roles';

type RealmFilter = '' | 'staff' | 'clients';

/** Administration: the users Plein mirrored from Keycloak. The gateway refuses anyone without role admin. */
export function AdminPage() {
  const { t } = useI18n();
  const session = useSession();
  const api = useAdminApi();
  const [realm, setRealm] = useState<RealmFilter>('');
  const [users, reload] = useResource(() => api.users(realm || undefined), [api, realm]);
  if (!hasRole(session, 'admin'))
    return (
      <>
        <PageHeader title={t('admin.title')} />
        <EmptyState icon="lock" title={t('ui.forbidden.title')}>
          <p>{t('ui.forbidden.text')}</p>
        </EmptyState>
      </>
    );
  // Accounts, passwords and roles are changed in Keycloak's own admin console, in the realm shown here.
  const console = `${session.keycloakUrl.replace(/\/$/, '')}/admin/master/console/#/${realm || 'staff'}/users`;
  return (
    <>
      <PageHeader title={t('admin.title')} intro={t('admin.intro')} />
      <p>
        <a
          className="pl-button pl-button--secondary"
          href={console}
          target="_blank"
          rel="noopener noreferrer"
        >
          <Icon name="shield" />
          <span>{t('admin.console')}</span>
        </a>
      </p>
      <div className="pl-card">
        <Select
          label={t('admin.realm')}
          value={realm}
          onChange={(e) => setRealm(e.target.value as RealmFilter)}
        >
          <option value="">{t('admin.all')}</option>
          <option value="staff">{t('admin.staff')}</option>
          <option value="clients">{t('admin.clients')}</option>
        </Select>
        <ResourceView state={users} onRetry={reload}>
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState icon="people" title={t('admin.empty')} />
            ) : (
              <UserTable first={page} more={(c) => api.users(realm || undefined, c)} />
            )
          }
        </ResourceView>
      </div>
    </>
  );
}

function UserTable({
  first,
  more,
}: {
  first: { items: AdminUser[]; nextCursor?: string };
  more: (cursor: string) => Promise<{ items: AdminUser[]; nextCursor?: string }>;
}) {
  const { t } = useI18n();
  const [users, setUsers] = useState(first.items);
  const [cursor, setCursor] = useState(first.nextCursor);
  // Another realm chosen (or a reload) brings a new first page: show it, not the rows of the one before.
  const [shown, setShown] = useState(first);
  if (shown !== first) {
    setShown(first);
    setUsers(first.items);
    setCursor(first.nextCursor);
  }
  return (
    <>
      {/* On a phone each user is a small card (table--cards); the rows keep their labels. */}
      <table className="pl-table pl-table--cards">
        <caption className="pl-visually-hidden">{t('admin.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.name')}</th>
            <th scope="col">{t('admin.username')}</th>
            <th scope="col">{t('admin.realm')}</th>
            <th scope="col">{t('admin.roles')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>
                <strong>{u.displayName}</strong>
              </td>
              <td data-label={t('admin.username')}>{u.username}</td>
              <td data-label={t('admin.realm')}>
                {u.realm === 'staff' ? t('admin.staff') : t('admin.clients')}
              </td>
              <td data-label={t('admin.roles')}>
                {u.roles
                  .filter((r) => r in ROLE_NAMES)
                  .map((r) => (
                    <span key={r} className="pl-badge">
                      {roleLabel(t, r)}
                    </span>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {cursor && (
        <Button
          variant="secondary"
          onClick={() =>
            void more(cursor).then((page) => {
              setUsers((list) => [...list, ...page.items]);
              setCursor(page.nextCursor);
            })
          }
        >
          {t('admin.more')}
        </Button>
      )}
    </>
  );
}
