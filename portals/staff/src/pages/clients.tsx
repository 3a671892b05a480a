import {
  ApiError,
  Button,
  EmptyState,
  PageHeader,
  ResourceView,
  TextField,
  hasRole,
  useI18n,
  useResource,
  useSession,
} from '@plein/ui';
import { type FormEvent, useState } from 'react';
import { type ClientAccount, type ClientStart, useClientAccountsApi } from '../api';

/**
 * Mijn cliënten (mentors): make a client account with a one-time start code, print the start letter, give a new
 * start code. The gateway and identity refuse anyone without the mentor role, and show a mentor only their own.
 */
export function ClientsPage() {
  const { t } = useI18n();
  const session = useSession();
  const api = useClientAccountsApi();
  const [clients, reload] = useResource(() => api.list(), [api]);
  const [made, setMade] = useState<(ClientStart & { name: string }) | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (!hasRole(session, 'mentor'))
    return (
      <>
        <PageHeader title={t('clients.title')} />
        <EmptyState icon="lock" title={t('ui.forbidden.title')}>
          <p>{t('clients.forbidden')}</p>
        </EmptyState>
      </>
    );
  const printLetter = async (id: string) => {
    const url = await api.letter(id);
    window.open(url, '_blank', 'noopener');
  };
  return (
    <>
      <PageHeader title={t('clients.title')} intro={t('clients.intro')} />
      <NewClient
        onMade={(start, name) => {
          setMade({ ...start, name });
          setNotice(null);
          // the directory records the mentor a moment later
          setTimeout(reload, 500);
        }}
      />
      {made && (
        <section className="pl-card" aria-live="polite">
          <h2>{t('clients.made', { name: made.name })}</h2>
          <p>{t('clients.startCodeFor', { username: made.username })}</p>
          <p>
            <strong style={{ fontSize: '1.75rem', letterSpacing: '0.08em', fontFamily: 'monospace' }}>
              {made.startCode}
            </strong>
          </p>
          <p>{t('clients.onlyOnce')}</p>
          <Button onClick={() => void printLetter(made.id)}>{t('clients.letter')}</Button>
        </section>
      )}
      {notice && (
        <p className="pl-card" role="status">
          {notice}
        </p>
      )}
      <section className="pl-card">
        <h2>{t('clients.list')}</h2>
        <ResourceView state={clients} onRetry={reload}>
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState icon="people" title={t('clients.empty')} />
            ) : (
              <ClientTable
                items={page.items}
                onLetter={(id) => void printLetter(id)}
                onReset={(c) =>
                  void api.reset(c.id).then((start) => {
                    setNotice(t('clients.resetDone', { username: start.username, code: start.startCode }));
                    reload();
                  })
                }
              />
            )
          }
        </ResourceView>
      </section>
    </>
  );
}

function NewClient({ onMade }: { onMade: (start: ClientStart, name: string) => void }) {
  const { t } = useI18n();
  const api = useClientAccountsApi();
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [username, setUsername] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!firstName.trim()) return setError(t('clients.needName'));
    setBusy(true);
    setError(undefined);
    api
      .create({
        firstName: firstName.trim(),
        ...(lastName.trim() ? { lastName: lastName.trim() } : {}),
        ...(username.trim() ? { username: username.trim() } : {}),
      })
      .then((start) => {
        onMade(start, [firstName.trim(), lastName.trim()].filter(Boolean).join(' '));
        setFirstName('');
        setLastName('');
        setUsername('');
      })
      .catch((err: unknown) =>
        setError(err instanceof ApiError && err.status === 409 ? t('clients.taken') : t('clients.failed')),
      )
      .finally(() => setBusy(false));
  };
  return (
    <form className="pl-card" onSubmit={submit} noValidate>
      <h2>{t('clients.new')}</h2>
      <TextField
        label={t('clients.firstName')}
        value={firstName}
        onChange={(e) => setFirstName(e.target.value)}
        autoComplete="off"
        error={error}
      />
      <TextField
        label={t('clients.lastName')}
        value={lastName}
        onChange={(e) => setLastName(e.target.value)}
        autoComplete="off"
      />
      <TextField
        label={t('clients.username')}
        hint={t('clients.usernameHint')}
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        autoComplete="off"
      />
      <Button type="submit" icon="plus" busy={busy}>
        {t('clients.create')}
      </Button>
    </form>
  );
}

function ClientTable({
  items,
  onLetter,
  onReset,
}: {
  items: ClientAccount[];
  onLetter: (id: string) => void;
  onReset: (c: ClientAccount) => void;
}) {
  const { t } = useI18n();
  return (
    <table className="pl-table pl-table--cards">
      <caption className="pl-visually-hidden">{t('clients.list')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('clients.name')}</th>
          <th scope="col">{t('admin.username')}</th>
          <th scope="col">{t('clients.state')}</th>
          <th scope="col">{t('clients.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((c) => (
          <tr key={c.id}>
            <td>
              <strong>{c.displayName}</strong>
            </td>
            <td data-label={t('admin.username')}>{c.username}</td>
            <td data-label={t('clients.state')}>
              {c.accountState !== 'active'
                ? t('clients.inactive')
                : c.startCodePending
                  ? t('clients.pending')
                  : t('clients.loggedIn')}
            </td>
            <td data-label={t('clients.actions')}>
              <div className="pl-actions">
                {c.startCodePending && (
                  <Button variant="secondary" onClick={() => onLetter(c.id)}>
                    {t('clients.letter')}
                  </Button>
                )}
                <Button variant="secondary" onClick={() => onReset(c)}>
                  {t('clients.reset')}
                </Button>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
