import {
  Avatar,
  Card,
  Icon,
  type IntranetApi,
  Link,
  type Person,
  useI18n,
  useResource,
  useSession,
} from '@plein/ui';
import { useClientApi } from '../api';

/**
 * "Mijn begeleider": the client's own mentor and the staff of their location, with photo, function and
 * where to find them. Staff on the client intranet are contact persons (no phone or e-mail there); the way
 * to reach them is their location, or a message on Plein.
 */
export function useMyContacts(api: IntranetApi) {
  return useResource(async () => {
    const me = await api.myProfile();
    const mentor = me.mentor ? await api.person(me.mentor.id).catch(() => undefined) : undefined;
    const locationIds = (me.locations ?? []).map((l) => l.id);
    const nearby: Person[] = [];
    for (const location of locationIds.slice(0, 2)) {
      const page = await api.people({ location }).catch(() => ({ items: [] as Person[] }));
      nearby.push(...page.items.filter((p) => p.kind === 'staff' && p.id !== mentor?.id));
    }
    const unique = nearby.filter((p, i) => nearby.findIndex((q) => q.id === p.id) === i);
    return { me, mentor, contacts: unique.slice(0, 6) };
  }, [api]);
}

export function ContactCard({ person, role }: { person: Person; role?: string }) {
  const { t } = useI18n();
  const where = (person.locations ?? []).map((l) => l.name).join(', ');
  return (
    <div className="pl-contact">
      <Avatar name={person.displayName} photo={person.photo} alt={person.photo?.alt} size="large" />
      <div>
        {role && <p className="pl-badge">{role}</p>}
        <h3>
          <Link to={`/mensen/${person.id}`}>{person.displayName}</Link>
        </h3>
        {person.function && <p>{person.function.name}</p>}
        {where && (
          <p>
            <Icon name="building" /> {t('contacts.where', { where })}
          </p>
        )}
        <p>{t('contacts.reach')}</p>
      </div>
    </div>
  );
}

/** On the home page and at the top of Mensen. Says so plainly when no mentor is known yet. */
export function MyContacts({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const { t } = useI18n();
  const api = useClientApi();
  const [state] = useMyContacts(api);
  // Staff looking in have no mentor here; this card is the client's own.
  const staff = useSession().realm === 'staff';
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  if (staff || state.status !== 'ok') return null;
  const { mentor, contacts } = state.data;
  return (
    <Card as="section" aria-labelledby="my-mentor" className="pl-stack">
      <Heading id="my-mentor">{t('contacts.title')}</Heading>
      {mentor ? <ContactCard person={mentor} role={t('contacts.mentor')} /> : <p>{t('contacts.noMentor')}</p>}
      {contacts.length > 0 && (
        <>
          <p>
            <strong>{t('contacts.nearby', { count: contacts.length })}</strong>
          </p>
          <ul className="pl-feed">
            {contacts.map((p) => (
              <li key={p.id}>
                <ContactCard person={p} />
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
