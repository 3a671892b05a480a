import {
  Avatar,
  Button,
  Card,
  PageHeader,
  type Person,
  PhotoForm,
  ResourceView,
  TextArea,
  TextField,
  toResourceState,
  useI18n,
  useResource,
} from '@plein/ui';
import { type FormEvent, useState } from 'react';
import { useStaffApi } from '../api';
import { names } from './person';
import { ROLE_NAMES, roleLabel } from './roles';

export function ProfilePage() {
  const { t } = useI18n();
  const api = useStaffApi();
  const [me, reloadMe] = useResource(() => api.me(), [api]);
  return (
    <>
      <PageHeader title={t('profile.title')} intro={t('profile.intro')} />
      <ResourceView state={me} onRetry={reloadMe}>
        {(user) => (
          <div className="pl-columns">
            <ProfileForm />
            <Card as="section" aria-labelledby="account">
              <h2 id="account">{t('profile.account')}</h2>
              <div className="pl-profile">
                <Avatar name={user.displayName} size="large" />
                <p>
                  <strong>{user.displayName}</strong>
                </p>
              </div>
              <dl className="pl-facts">
                <dt>{t('profile.username')}</dt>
                <dd>{user.username}</dd>
                <dt>{t('profile.roles')}</dt>
                <dd>
                  {user.roles
                    .filter((r) => r in ROLE_NAMES)
                    .map((r) => (
                      <span key={r} className="pl-badge">
                        {roleLabel(t, r)}
                      </span>
                    ))}
                </dd>
              </dl>
            </Card>
          </div>
        )}
      </ResourceView>
    </>
  );
}

function ProfileForm() {
  const { t } = useI18n();
  const api = useStaffApi();
  const [person, reload] = useResource(() => api.myProfile(), [api]);
  const [updated, setUpdated] = useState<Person>();
  return (
    <Card as="section" aria-labelledby="edit-profile" className="pl-stack">
      <h2 id="edit-profile">{t('profile.edit')}</h2>
      <ResourceView state={person} onRetry={reload}>
        {(p) => (
          <>
            <PhotoForm api={api} person={updated ?? p} onChange={setUpdated} />
            <EditForm person={p} />
          </>
        )}
      </ResourceView>
    </Card>
  );
}

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * What I keep up to date myself (phone, skills, languages, about me). Where I work and as what is set by
 * the editors (redactie) and shown here as it stands.
 */
function EditForm({ person }: { person: Person }) {
  const { t } = useI18n();
  const api = useStaffApi();
  const [form, setForm] = useState({
    phone: person.phone ?? '',
    skills: (person.skills ?? []).join(', '),
    languages: (person.languages ?? []).join(', '),
    about: person.about ?? '',
  });
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api.updateMyProfile({
        phone: form.phone.trim() || null,
        about: form.about.trim() || null,
        skills: list(form.skills),
        languages: list(form.languages),
      });
      setMessage({ ok: true, text: t('profile.saved') });
    } catch (error) {
      const coming = toResourceState(error).status === 'coming';
      setMessage({ ok: false, text: coming ? t('profile.coming') : t('profile.failed') });
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)}>
      <dl className="pl-facts">
        <dt>{t('person.function')}</dt>
        <dd>{person.function?.name ?? t('person.unknown')}</dd>
        <dt>{t('person.team')}</dt>
        <dd>{names(person.teams) ?? t('person.unknown')}</dd>
        <dt>{t('person.location')}</dt>
        <dd>{names(person.locations) ?? t('person.unknown')}</dd>
      </dl>
      <p>{t('profile.setByEditors')}</p>
      <TextField
        label={t('profile.phone')}
        type="tel"
        autoComplete="tel"
        value={form.phone}
        onChange={(e) => setForm({ ...form, phone: e.target.value })}
      />
      <TextField
        label={t('profile.skills')}
        hint={t('profile.skillsHint')}
        value={form.skills}
        onChange={(e) => setForm({ ...form, skills: e.target.value })}
      />
      <TextField
        label={t('profile.languages')}
        hint={t('profile.languagesHint')}
        value={form.languages}
        onChange={(e) => setForm({ ...form, languages: e.target.value })}
      />
      <TextArea
        label={t('profile.about')}
        rows={3}
        value={form.about}
        onChange={(e) => setForm({ ...form, about: e.target.value })}
      />
      <Button type="submit" icon="check">
        {t('profile.save')}
      </Button>
      <p role="status" className={message && !message.ok ? 'pl-field__error' : undefined}>
        {message?.text}
      </p>
    </form>
  );
}
