import {
  type ActivitySummary,
  Button,
  Link,
  Markdown,
  PageHeader,
  ResourceView,
  TextField,
  activitiesApi,
  formatActivityTime,
  useApi,
  useI18n,
  useResource,
} from '@plein/ui';
import { useState } from 'react';
import { CLIENT_API } from '../api';

const useActivitiesApi = () => useApi(CLIENT_API, activitiesApi);
const DAY = 24 * 3600 * 1000;

/**
 * Activiteiten: what is on this week, with one big button — "Ik doe mee" or "Ik doe niet meer mee" — and what I
 * take part in. Nobody else's name is shown: only how many places are left.
 */
export function ActivitiesPage() {
  const { t } = useI18n();
  const api = useActivitiesApi();
  const [now] = useState(() => new Date());
  const weekEnd = new Date(now.getTime() + 7 * DAY).toISOString();
  const [mine, reloadMine] = useResource(() => api.activities({ mine: true }), [api]);
  const [week, reloadWeek] = useResource(() => api.activities({ to: weekEnd }), [api, weekEnd]);
  const [later, reloadLater] = useResource(
    () => api.activities({ from: weekEnd, to: new Date(now.getTime() + 35 * DAY).toISOString() }),
    [api, weekEnd],
  );
  const [message, setMessage] = useState('');
  const reload = () => {
    reloadMine();
    reloadWeek();
    reloadLater();
  };
  const list = (items: ActivitySummary[], empty: string) =>
    items.length === 0 ? (
      <p>{empty}</p>
    ) : (
      <ul className="pl-stack pl-activities">
        {items.map((a) => (
          <li key={a.id}>
            <ActivityCard activity={a} onChanged={(m) => (setMessage(m), reload())} />
          </li>
        ))}
      </ul>
    );
  return (
    <>
      <PageHeader title={t('act.title')} intro={t('act.intro')} />
      <p role="status" className="pl-activities__status">
        {message}
      </p>
      <section aria-labelledby="act-mine">
        <h2 id="act-mine">{t('act.mine')}</h2>
        <ResourceView state={mine} onRetry={reloadMine}>
          {(page) => list(page.items, t('act.mineEmpty'))}
        </ResourceView>
      </section>
      <section aria-labelledby="act-week">
        <h2 id="act-week">{t('act.week')}</h2>
        <ResourceView state={week} onRetry={reloadWeek}>
          {(page) => list(page.items, t('act.weekEmpty'))}
        </ResourceView>
      </section>
      <section aria-labelledby="act-later">
        <h2 id="act-later">{t('act.later')}</h2>
        <ResourceView state={later} onRetry={reloadLater}>
          {(page) => list(page.items, t('act.laterEmpty'))}
        </ResourceView>
      </section>
      <CalendarLink />
    </>
  );
}

function ActivityCard({
  activity: a,
  onChanged,
  full,
}: {
  activity: ActivitySummary & { description?: string };
  onChanged: (message: string) => void;
  full?: boolean;
}) {
  const { t, language } = useI18n();
  const api = useActivitiesApi();
  const [busy, setBusy] = useState(false);
  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      onChanged(await work());
    } catch {
      onChanged(t('act.failed'));
    } finally {
      setBusy(false);
    }
  };
  const join = () =>
    act(async () => {
      const r = await api.signUp(a.id);
      return r.state === 'confirmed'
        ? t('act.joined', { title: a.title })
        : t('act.waitlisted', { position: r.position ?? 1 });
    });
  const leave = () =>
    act(async () => {
      await api.cancel(a.id);
      return t('act.left', { title: a.title });
    });
  const Heading = full ? 'h2' : 'h3';
  return (
    <article className="pl-card pl-activity">
      {a.image && <img className="pl-activity__image" src={a.image.url} alt={a.image.alt} />}
      <Heading className="pl-activity__title">
        {full ? a.title : <Link to={`/activiteiten/${a.id}`}>{a.title}</Link>}
      </Heading>
      <p className="pl-activity__when">{formatActivityTime(a.startsAt, a.endsAt, language)}</p>
      <p>{t('act.where', { place: a.location })}</p>
      {full && a.description !== undefined && <Markdown text={a.description} />}
      {a.mySignup?.state === 'confirmed' && <p className="pl-activity__mine">{t('act.in')}</p>}
      {a.mySignup?.state === 'waitlisted' && (
        <p className="pl-activity__mine">{t('act.waiting', { position: a.mySignup.position ?? 1 })}</p>
      )}
      {!a.mySignup && <p>{t('act.places', { count: a.placesLeft })}</p>}
      {a.mySignup ? (
        <Button
          variant="secondary"
          className="pl-button--large"
          busy={busy}
          disabled={busy}
          onClick={() => void leave()}
        >
          {t('act.leave')}
        </Button>
      ) : a.open ? (
        <Button
          icon="check"
          className="pl-button--large"
          busy={busy}
          disabled={busy}
          onClick={() => void join()}
        >
          {a.placesLeft > 0 ? t('act.join') : t('act.joinWaitlist')}
        </Button>
      ) : (
        <p>{t('act.closed')}</p>
      )}
    </article>
  );
}

/** One activity, with its description. */
export function ActivityPage({ id }: { id: string }) {
  const { t } = useI18n();
  const api = useActivitiesApi();
  const [activity, reload] = useResource(() => api.activity(id), [api, id]);
  const [message, setMessage] = useState('');
  return (
    <>
      <ResourceView state={activity} onRetry={reload}>
        {(a) => (
          <>
            <PageHeader title={t('act.title')} />
            <p role="status">{message}</p>
            <ActivityCard activity={a} full onChanged={(m) => (setMessage(m), reload())} />
          </>
        )}
      </ResourceView>
      <p>
        <Link to="/activiteiten">{t('act.back')}</Link>
      </p>
    </>
  );
}

/** My sign-ups in my own calendar app: a secret link, which I can replace. */
function CalendarLink() {
  const { t } = useI18n();
  const api = useActivitiesApi();
  const [url, setUrl] = useState<string | undefined>();
  const [note, setNote] = useState('');
  return (
    <section aria-labelledby="act-calendar" className="pl-card">
      <h2 id="act-calendar">{t('act.calendar')}</h2>
      <p>{t('act.calendarText')}</p>
      {url ? (
        <>
          <TextField label={t('act.calendarLabel')} value={url} readOnly onFocus={(e) => e.target.select()} />
          <Button
            variant="secondary"
            onClick={() =>
              void api.renewCalendar().then(
                (r) => (setUrl(r.url), setNote(t('act.calendarRenewed'))),
                () => setNote(t('act.failed')),
              )
            }
          >
            {t('act.calendarRenew')}
          </Button>
        </>
      ) : (
        <Button
          variant="secondary"
          onClick={() =>
            void api.calendar().then(
              (r) => setUrl(r.url),
              () => setNote(t('act.failed')),
            )
          }
        >
          {t('act.calendarShow')}
        </Button>
      )}
      <p role="status">{note}</p>
    </section>
  );
}
