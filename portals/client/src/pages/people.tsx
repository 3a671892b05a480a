import {
  Avatar,
  Button,
  EmptyState,
  Link,
  PageHeader,
  ResourceView,
  TextField,
  useI18n,
  useResource,
} from '@plein/ui';
import { type FormEvent, useState } from 'react';
import { useClientApi } from '../api';
import { MyContacts } from './my-contacts';

/** My mentor and contact persons first; then the people who chose to be found by other clients. */
export function PeoplePage() {
  const { t } = useI18n();
  const api = useClientApi();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [people, reload] = useResource(() => api.people({ q: q || undefined }), [api, q]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQ(text.trim());
  };
  return (
    <>
      <PageHeader title={t('people.title')} intro={t('people.intro')} />
      <div className="pl-stack">
        <MyContacts />
        <form role="search" className="pl-card" onSubmit={submit}>
          <TextField
            label={t('people.search')}
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <Button type="submit" icon="search">
            {t('people.find')}
          </Button>
        </form>
      </div>
      <section aria-labelledby="everyone" className="pl-results">
        <h2 id="everyone">{t('people.everyone')}</h2>
        <ResourceView state={people} onRetry={reload}>
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState icon="people" title={t('people.empty')}>
                <p>{t('people.emptyText')}</p>
              </EmptyState>
            ) : (
              <ul className="pl-feed">
                {page.items.map((person) => (
                  <li key={person.id} className="pl-card pl-person-card">
                    <Avatar name={person.displayName} photo={person.photo} size="large" />
                    <div>
                      <Link to={`/mensen/${person.id}`}>{person.displayName}</Link>
                      {person.kind === 'staff' && person.function && <p>{person.function.name}</p>}
                    </div>
                  </li>
                ))}
              </ul>
            )
          }
        </ResourceView>
      </section>
    </>
  );
}
