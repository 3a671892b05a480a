import {
  Avatar,
  Button,
  Card,
  PageHeader,
  type Person,
  ResourceView,
  Select,
  TextArea,
  TextField,
  toResourceState,
  useI18n,
  useResource,
} from '@plein/ui';
import { type FormEvent, useState } from 'react';
import { useStaffApi } from '../api';

const SHOWN_ROLES = ['employee', 'mentor', 'editor', 'moderator', 'admin'];

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
            <ProfileForm id={user.id} />
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
                    .filter((r) => SHOWN_ROLES.includes(r))
                    .map((r) => (
                      <span key={r} className="pl-badge">
                        {r}
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

function ProfileForm({ id }: { id: string }) {
  const { t } = useI18n();
  const api = useStaffApi();
  const [person, reload] = useResource(() => api.person(id), [api, id]);
  return (
    <Card as="section" aria-labelledby="edit-profile">
      <h2 id="edit-profile">{t('profile.edit')}</h2>
      <ResourceView state={person} onRetry={reload}>
        {(p) => <EditForm person={p} />}
      </ResourceView>
    </Card>
  );
}

function EditForm({ person }: { person: Person }) {
  const { t } = useI18n();
  const api = useStaffApi();
  const [locations] = useResource(() => api.locations(), [api]);
  const [teams] = useResource(() => api.teams(), [api]);
  const [form, setForm] = useState({
    function: person.function ?? '',
    locationId: person.location?.id ?? '',
    teamId: person.team?.id ?? '',
    phone: person.phone ?? '',
    skills: (person.skills ?? []).join(', '),
    about: person.about ?? '',
  });
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api.updateMyProfile({
        ...form,
        skills: form.skills
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      });
      setMessage({ ok: true, text: t('profile.saved') });
    } catch (error) {
      const coming = toResourceState(error).status === 'coming';
      setMessage({ ok: false, text: coming ? t('profile.coming') : t('profile.failed') });
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)}>
      <TextField
        label={t('person.function')}
        value={form.function}
        onChange={(e) => setForm({ ...form, function: e.target.value })}
      />
      <Select
        label={t('person.location')}
        value={form.locationId}
        onChange={(e) => setForm({ ...form, locationId: e.target.value })}
      >
        <option value="">—</option>
        {locations.status === 'ok' &&
          locations.data.items.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
      </Select>
      <Select
        label={t('person.team')}
        value={form.teamId}
        onChange={(e) => setForm({ ...form, teamId: e.target.value })}
      >
        <option value="">—</option>
        {teams.status === 'ok' &&
          teams.data.items.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
      </Select>
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
