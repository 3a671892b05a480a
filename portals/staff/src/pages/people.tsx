import {
  Avatar,
  Button,
  EmptyState,
  Link,
  PageHeader,
  type Person,
  ResourceView,
  Select,
  TextField,
  useI18n,
  useResource,
  useRouter,
} from '@plein/ui';
import { type FormEvent, useState } from 'react';
import { useStaffApi } from '../api';

/** The smoelenboek: filters live in the address (?locatie=…&team=…), so a search can be shared. */
export function PeoplePage() {
  const { t } = useI18n();
  const api = useStaffApi();
  const { query, navigate } = useRouter();
  const current = {
    q: query.get('q') ?? '',
    location: query.get('locatie') ?? '',
    team: query.get('team') ?? '',
    function: query.get('functie') ?? '',
  };
  const [form, setForm] = useState(current);
  const [locations] = useResource(() => api.locations(), [api]);
  const [teams] = useResource(() => api.teams(), [api]);
  const [functions] = useResource(() => api.functions(), [api]);
  const key = JSON.stringify(current);
  const [people, reload] = useResource(
    () =>
      api.people({
        q: current.q || undefined,
        location: current.location || undefined,
        team: current.team || undefined,
        function: current.function || undefined,
      }),
    [api, key],
  );

  const apply = (next: typeof form) => {
    const params = new URLSearchParams();
    if (next.q) params.set('q', next.q);
    if (next.location) params.set('locatie', next.location);
    if (next.team) params.set('team', next.team);
    if (next.function) params.set('functie', next.function);
    const s = params.toString();
    navigate(`/smoelenboek${s ? `?${s}` : ''}`, { replace: true });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply(form);
  };
  const choose = (field: 'location' | 'team' | 'function', value: string) => {
    const next = { ...form, [field]: value };
    setForm(next);
    apply(next);
  };

  return (
    <>
      <PageHeader title={t('people.title')} intro={t('people.intro')} />
      <form className="pl-card pl-filters" onSubmit={submit} role="search" aria-label={t('people.filters')}>
        <TextField
          label={t('people.q')}
          type="search"
          value={form.q}
          onChange={(e) => setForm({ ...form, q: e.target.value })}
        />
        <Select
          label={t('people.location')}
          value={form.location}
          onChange={(e) => choose('location', e.target.value)}
          disabled={locations.status !== 'ok'}
        >
          <option value="">{t('people.all')}</option>
          {locations.status === 'ok' &&
            locations.data.items.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
        </Select>
        <Select
          label={t('people.team')}
          value={form.team}
          onChange={(e) => choose('team', e.target.value)}
          disabled={teams.status !== 'ok'}
        >
          <option value="">{t('people.all')}</option>
          {teams.status === 'ok' &&
            teams.data.items.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
        </Select>
        <Select
          label={t('people.function')}
          value={form.function}
          onChange={(e) => choose('function', e.target.value)}
          disabled={functions.status !== 'ok'}
        >
          <option value="">{t('people.all')}</option>
          {functions.status === 'ok' &&
            functions.data.items.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
        </Select>
        <div className="pl-field">
          <Button type="submit" icon="search">
            {t('people.apply')}
          </Button>
        </div>
      </form>
      <section aria-label={t('people.title')} className="pl-results">
        <ResourceView state={people} onRetry={reload}>
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState icon="people" title={t('people.empty')}>
                <p>{t('people.emptyText')}</p>
              </EmptyState>
            ) : (
              <>
                <p role="status">{t('people.count', { count: page.items.length })}</p>
                <ul className="pl-grid">
                  {page.items.map((person) => (
                    <li key={person.id} className="pl-card">
                      <PersonCard person={person} />
                    </li>
                  ))}
                </ul>
              </>
            )
          }
        </ResourceView>
      </section>
    </>
  );
}

export function PersonCard({ person, base = '/mensen' }: { person: Person; base?: string }) {
  const where = [...(person.teams ?? []), ...(person.locations ?? [])].map((r) => r.name);
  return (
    <div className="pl-person-card">
      <Avatar name={person.displayName} photo={person.photo} />
      <div>
        <Link to={`${base}/${person.id}`}>{person.displayName}</Link>
        {person.function && <p>{person.function.name}</p>}
        {where.length > 0 && <p>{where.join(' · ')}</p>}
      </div>
    </div>
  );
}
