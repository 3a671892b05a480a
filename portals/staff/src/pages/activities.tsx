import {
  type ActivitySummary,
  ApiError,
  Button,
  EmptyState,
  Link,
  Markdown,
  PageHeader,
  ResourceView,
  Select,
  TextArea,
  TextField,
  activitiesApi,
  formatActivityTime,
  intranetApi,
  useApi,
  useI18n,
  useResource,
  useRouter,
} from '@plein/ui';
import { type FormEvent, useState } from 'react';
import { STAFF_API } from '../api';

type Tree = 'staff' | 'client';
const treeBase = (tree: Tree) => (tree === 'staff' ? STAFF_API : '/api/client/v1');
const useActivities = (tree: Tree) => useApi(treeBase(tree), activitiesApi);
const DAY = 24 * 3600 * 1000;
const reason = (err: unknown) => (err instanceof ApiError ? err.message : String(err));

/** Activities in either intranet: plan one, see what is coming, open one for its participants. */
export function ActivitiesPage() {
  const { t } = useI18n();
  const [tree, setTree] = useState<Tree>('client');
  const api = useActivities(tree);
  const [until] = useState(() => new Date(Date.now() + 60 * DAY).toISOString());
  const [list, reload] = useResource(() => api.activities({ to: until }), [api, until]);
  return (
    <>
      <PageHeader title={t('sact.title')} intro={t('sact.intro')} />
      <Select label={t('sact.for')} value={tree} onChange={(e) => setTree(e.target.value as Tree)}>
        <option value="client">{t('sact.forClients')}</option>
        <option value="staff">{t('sact.forStaff')}</option>
      </Select>
      <NewActivity tree={tree} onCreated={reload} />
      <section aria-labelledby="sact-upcoming">
        <h2 id="sact-upcoming">{t('sact.upcoming')}</h2>
        <ResourceView state={list} onRetry={reload}>
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState icon="clock" title={t('sact.empty')} />
            ) : (
              <ul className="pl-stack">
                {page.items.map((a) => (
                  <li key={a.id}>
                    <Summary tree={tree} activity={a} />
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

function Summary({ tree, activity: a }: { tree: Tree; activity: ActivitySummary }) {
  const { t, language } = useI18n();
  return (
    <article className="pl-card pl-activity">
      <h3 className="pl-activity__title">
        <Link to={`/activiteiten/${tree}/${a.id}`}>{a.title}</Link>
      </h3>
      <p className="pl-activity__when">{formatActivityTime(a.startsAt, a.endsAt, language)}</p>
      <p>{t('sact.where', { place: a.location })}</p>
      <p>
        {t('sact.places', { left: a.placesLeft, capacity: a.capacity })} ·{' '}
        {t('sact.waitlist', { count: a.waitlistCount })}
      </p>
      {a.mySignup && <p className="pl-activity__mine">{t('sact.in')}</p>}
    </article>
  );
}

function NewActivity({ tree, onCreated }: { tree: Tree; onCreated: () => void }) {
  const { t } = useI18n();
  const api = useActivities(tree);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (k: string) => {
      const v = form.get(k);
      return typeof v === 'string' ? v : '';
    };
    const at = (time: string) => new Date(`${text('date')}T${text(time)}`).toISOString();
    const weeks = Number(text('weeks'));
    setBusy(true);
    try {
      const made = await api.create({
        title: text('title'),
        description: text('description'),
        location: text('location'),
        startsAt: at('start'),
        endsAt: at('end'),
        capacity: Number(text('capacity')),
        ...(weeks >= 2 ? { repeatWeekly: weeks } : {}),
      });
      setNote(t('sact.created', { title: made.title }));
      onCreated();
    } catch (err) {
      setNote(t('sact.failed', { reason: reason(err) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="pl-card">
      <summary>{t('sact.new')}</summary>
      <form onSubmit={(e) => void submit(e)} className="pl-stack">
        <TextField name="title" label={t('sact.field.title')} required maxLength={200} />
        <TextArea
          name="description"
          label={t('sact.field.description')}
          hint={t('sact.field.descriptionHint')}
          rows={4}
        />
        <TextField name="location" label={t('sact.field.location')} required maxLength={200} />
        <TextField name="date" type="date" label={t('sact.field.date')} required />
        <TextField name="start" type="time" label={t('sact.field.start')} required />
        <TextField name="end" type="time" label={t('sact.field.end')} required />
        <TextField name="capacity" type="number" min={1} label={t('sact.field.capacity')} required />
        <TextField name="weeks" type="number" min={2} max={26} label={t('sact.field.weeks')} />
        <Button type="submit" icon="plus" busy={busy} disabled={busy}>
          {t('sact.create')}
        </Button>
      </form>
      <p role="status">{note}</p>
    </details>
  );
}

/** One activity: its description, my own sign-up, the participants (organiser), and "meld cliënt aan". */
export function ActivityPage({ tree, id }: { tree: Tree; id: string }) {
  const { t, language } = useI18n();
  const api = useActivities(tree);
  const { navigate } = useRouter();
  const [activity, reload] = useResource(() => api.activity(id), [api, id]);
  const [note, setNote] = useState('');
  const act = (work: () => Promise<unknown>) =>
    void work().then(
      () => reload(),
      (err: unknown) => setNote(t('sact.failed', { reason: reason(err) })),
    );
  return (
    <>
      <ResourceView state={activity} onRetry={reload}>
        {(a) => (
          <>
            <PageHeader title={a.title} />
            <article className="pl-card pl-activity">
              <p className="pl-activity__when">{formatActivityTime(a.startsAt, a.endsAt, language)}</p>
              <p>{t('sact.where', { place: a.location })}</p>
              <p>
                {t('sact.places', { left: a.placesLeft, capacity: a.capacity })} ·{' '}
                {t('sact.waitlist', { count: a.waitlistCount })}
              </p>
              <Markdown text={a.description} />
              {a.mySignup ? (
                <Button variant="secondary" onClick={() => act(() => api.cancel(a.id))}>
                  {t('sact.leave')}
                </Button>
              ) : (
                a.open && (
                  <Button icon="check" onClick={() => act(() => api.signUp(a.id))}>
                    {t('sact.join')}
                  </Button>
                )
              )}
              {a.canManage && (
                <Button
                  variant="quiet"
                  icon="trash"
                  onClick={() => act(() => api.remove(a.id).then(() => navigate('/activiteiten')))}
                >
                  {t('sact.remove')}
                </Button>
              )}
            </article>
            <p role="status">{note}</p>
            {a.canManage && <Participants tree={tree} id={a.id} />}
            {tree === 'client' && a.open && <SignUpClient id={a.id} onDone={reload} />}
          </>
        )}
      </ResourceView>
      <p>
        <Link to="/activiteiten">{t('sact.back')}</Link>
      </p>
    </>
  );
}

function Participants({ tree, id }: { tree: Tree; id: string }) {
  const { t } = useI18n();
  const api = useActivities(tree);
  const [list, reload] = useResource(() => api.participants(id), [api, id]);
  return (
    <section aria-labelledby="sact-participants" className="pl-card">
      <h2 id="sact-participants">{t('sact.participants')}</h2>
      <ResourceView state={list} onRetry={reload}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('sact.noParticipants')}</p>
          ) : (
            <ol className="pl-stack">
              {page.items.map((p) => (
                <li key={p.person.id}>
                  {p.person.kind === 'staff' ? (
                    <Link to={`/mensen/${p.person.id}`}>{p.person.displayName}</Link>
                  ) : (
                    p.person.displayName
                  )}{' '}
                  —{' '}
                  {p.state === 'confirmed'
                    ? t('sact.confirmed')
                    : t('sact.waiting', { position: p.position ?? 1 })}
                  {p.bySomeoneElse && ` (${t('sact.byMentor')})`}
                </li>
              ))}
            </ol>
          )
        }
      </ResourceView>
    </section>
  );
}

/** A mentor signs up a client they coach (the service checks the directory's mentor relation). */
function SignUpClient({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useI18n();
  const people = useApi('/api/client/v1', intranetApi);
  const api = useActivities('client');
  const [q, setQ] = useState('');
  const [found, setFound] = useState<{ id: string; displayName: string }[] | undefined>();
  const [note, setNote] = useState('');
  const search = async (e: FormEvent) => {
    e.preventDefault();
    if (!q.trim()) return;
    const page = await people.people({ q: q.trim() }).catch(() => ({ items: [] }));
    setFound(page.items.filter((p) => p.kind === 'client'));
  };
  const signUp = async (person: { id: string; displayName: string }) => {
    try {
      const r = await api.signUp(id, person.id);
      setNote(
        r.state === 'confirmed'
          ? t('sact.clientIn', { name: person.displayName })
          : t('sact.clientWaiting', { name: person.displayName, position: r.position ?? 1 }),
      );
      onDone();
    } catch (err) {
      setNote(t('sact.failed', { reason: reason(err) }));
    }
  };
  return (
    <section aria-labelledby="sact-client" className="pl-card">
      <h2 id="sact-client">{t('sact.signUpClient')}</h2>
      <p>{t('sact.signUpClientText')}</p>
      <form onSubmit={(e) => void search(e)} className="pl-stack">
        <TextField label={t('sact.searchClient')} value={q} onChange={(e) => setQ(e.target.value)} />
        <Button type="submit" variant="secondary" icon="search">
          {t('sact.find')}
        </Button>
      </form>
      {found && found.length === 0 && <p>{t('sact.noClients')}</p>}
      {found && found.length > 0 && (
        <ul className="pl-stack">
          {found.map((p) => (
            <li key={p.id}>
              <Button variant="secondary" onClick={() => void signUp(p)}>
                {t('sact.signUpFor', { name: p.displayName })}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <p role="status">{note}</p>
    </section>
  );
}
