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
  useViewerId,
} from '@plein/ui';
import { useEffect, useState } from 'react';
import { type ErasureReport, type RealmDrift, useAdminApi, useIdentityAdminApi } from '../api';
import { ROLE_NAMES, roleLabel } from './roles';

type RealmFilter = '' | 'staff' | 'clients';

/** Administration: the users Plein mirrored from Keycloak. The gateway refuses anyone without role admin. */
export function AdminPage() {
  const { t } = useI18n();
  const session = useSession();
  const api = useAdminApi();
  const [realm, setRealm] = useState<RealmFilter>('');
  const [users, reload] = useResource(() => api.users(realm || undefined), [api, realm]);
  const [erasureId, setErasureId] = useState<string | null>(null);
  const viewerId = useViewerId();
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
              <UserTable
                first={page}
                more={(c) => api.users(realm || undefined, c)}
                selfId={viewerId}
                onErased={setErasureId}
              />
            )
          }
        </ResourceView>
      </div>
      {erasureId && <ErasureView id={erasureId} />}
      <DriftView />
    </>
  );
}

type AdminRow = AdminUser & { accountState?: 'active' | 'disabled' | 'removed' };

/** An erasure's report: each service's confirmation, polled until every one confirmed. */
function ErasureView({ id }: { id: string }) {
  const { t } = useI18n();
  const api = useIdentityAdminApi();
  const [report, setReport] = useState<ErasureReport | null>(null);
  useEffect(() => {
    let stop = false;
    const poll = () =>
      void api.erasure(id).then((r) => {
        if (stop) return;
        setReport(r);
        if (r.state !== 'done') setTimeout(poll, 1000);
      });
    poll();
    return () => {
      stop = true;
    };
  }, [api, id]);
  return (
    <section className="pl-card" aria-live="polite">
      <h2>{t('admin.erasure')}</h2>
      {report && (
        <>
          <p>
            <strong>{t(`admin.erasure.state.${report.state}`)}</strong>
          </p>
          <table className="pl-table pl-table--cards">
            <caption className="pl-visually-hidden">{t('admin.erasure')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.erasure.service')}</th>
                <th scope="col">{t('admin.erasure.confirmed')}</th>
                <th scope="col">{t('admin.erasure.done')}</th>
              </tr>
            </thead>
            <tbody>
              {report.services.map((s) => (
                <tr key={s.service}>
                  <td>
                    <strong>{s.service}</strong>
                  </td>
                  <td data-label={t('admin.erasure.confirmed')}>
                    {s.confirmedAt
                      ? new Date(s.confirmedAt).toLocaleString()
                      : s.overdue
                        ? t('admin.erasure.late')
                        : t('admin.erasure.waiting')}
                  </td>
                  <td data-label={t('admin.erasure.done')}>
                    {Object.entries({ ...s.removed, ...s.anonymised })
                      .filter(([, n]) => n > 0)
                      .map(([k, n]) => `${k}: ${n}`)
                      .join(', ') || '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** deploy/keycloak against the running Keycloak, and the sync on demand. */
function DriftView() {
  const { t } = useI18n();
  const api = useIdentityAdminApi();
  const [drift, setDrift] = useState<RealmDrift | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = (work: Promise<void>) => {
    setBusy(true);
    setMessage(null);
    void work.catch(() => setMessage(t('admin.failed'))).finally(() => setBusy(false));
  };
  return (
    <section className="pl-card">
      <h2>{t('admin.drift')}</h2>
      <p>{t('admin.drift.intro')}</p>
      <div className="pl-actions">
        <Button variant="secondary" busy={busy} onClick={() => run(api.drift().then(setDrift))}>
          {t('admin.drift.check')}
        </Button>
        <Button
          variant="secondary"
          busy={busy}
          onClick={() =>
            run(
              api
                .sync()
                .then((r) =>
                  setMessage(t('admin.synced', { count: r.realms.reduce((n, x) => n + x.seen, 0) })),
                ),
            )
          }
        >
          {t('admin.sync')}
        </Button>
      </div>
      {message && <p role="status">{message}</p>}
      {drift &&
        (drift.inSync ? (
          <p role="status">{t('admin.drift.inSync')}</p>
        ) : (
          <>
            <p role="status">{t('admin.drift.count', { count: drift.differences.length })}</p>
            <ul>
              {drift.differences.map((d, i) => (
                <li key={i}>
                  <strong>
                    {d.realm} · {d.kind} · {d.name}
                  </strong>{' '}
                  ({d.difference}): {d.detail}
                </li>
              ))}
            </ul>
          </>
        ))}
    </section>
  );
}

function UserTable({
  first,
  more,
  selfId,
  onErased,
}: {
  first: { items: AdminRow[]; nextCursor?: string };
  more: (cursor: string) => Promise<{ items: AdminRow[]; nextCursor?: string }>;
  selfId: string | undefined;
  onErased: (erasureId: string) => void;
}) {
  const { t } = useI18n();
  const erasures = useIdentityAdminApi();
  const erase = (u: AdminRow) => {
    if (!window.confirm(t('admin.eraseConfirm', { name: u.displayName }))) return;
    void erasures.erase(u.id).then((r) => {
      setUsers((list) => list.filter((x) => x.id !== u.id));
      onErased(r.id);
    });
  };
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
            <th scope="col">{t('admin.state')}</th>
            <th scope="col">{t('clients.actions')}</th>
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
              <td data-label={t('admin.state')}>{t(`admin.state.${u.accountState ?? 'active'}`)}</td>
              <td data-label={t('clients.actions')}>
                {u.id !== selfId && (
                  <Button variant="secondary" icon="trash" onClick={() => erase(u)}>
                    {t('admin.erase')}
                  </Button>
                )}
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
