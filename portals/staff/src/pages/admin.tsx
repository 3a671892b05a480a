import {
  type AdminUser,
  Button,
  EmptyState,
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

const SHOWN_ROLES = ['employee', 'mentor', 'editor', 'moderator', 'admin', 'client', 'client-editor'];

/** Administration: the users Plein mirrored from Keycloak. The gateway refuses anyone without role admin. */
export function AdminPage() {
  const { t } = useI18n();
  const session = useSession();
  const api = useAdminApi();
  const [realm, setRealm] = useState<'' | 'staff' | 'clients'>('');
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
  return (
    <>
      <PageHeader title={t('admin.title')} intro={t('admin.intro')} />
      <div className="pl-card">
        <Select
          label={t('admin.realm')}
          value={realm}
          onChange={(e) => setRealm(e.target.value as typeof realm)}
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
              <UserTable
                first={page.items}
                cursor={page.nextCursor}
                more={(c) => api.users(realm || undefined, c)}
              />
            )
          }
        </ResourceView>
      </div>
    </>
  );
}

function UserTable({
  first,
  cursor: firstCursor,
  more,
}: {
  first: AdminUser[];
  cursor?: string;
  more: (cursor: string) => Promise<{ items: AdminUser[]; nextCursor?: string }>;
}) {
  const { t } = useI18n();
  const [users, setUsers] = useState(first);
  const [cursor, setCursor] = useState(firstCursor);
  return (
    <>
      {/* On a phone the table scrolls sideways; the region is focusable so the keyboard can scroll it too. */}
      <div className="pl-table-wrap" role="region" aria-label={t('admin.title')} tabIndex={0}>
        <table className="pl-table">
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
                <td>{u.displayName}</td>
                <td>{u.username}</td>
                <td>{u.realm}</td>
                <td>
                  {u.roles
                    .filter((r) => SHOWN_ROLES.includes(r))
                    .map((r) => (
                      <span key={r} className="pl-badge">
                        {r}
                      </span>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
