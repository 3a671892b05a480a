import { type FormEvent, useEffect, useState } from 'react';
import { useApi, useSession } from '../auth';
import { formatWhen, useI18n } from '../i18n';
import { Link } from '../router';
import {
  NOTIFICATION_KINDS,
  type NotificationChannel,
  type NotificationItem,
  type NotificationKind,
  notificationsApi,
} from '../api/notifications';
import { useResource } from '../api/use-resource';
import { Icon } from './icon';
import { PageHeader } from './layout';
import { EmptyState, ResourceView } from './states';

/**
 * The unread count, live: read once, then kept current by the notification stream
 * (`GET <base>/notifications/stream`, Server-Sent Events through the gateway; `count` events). The stream is read
 * with fetch, so the bearer token goes in a header (EventSource cannot send one); it reconnects after a pause.
 */
export function useUnreadCount(base: string): number | undefined {
  const api = useApi(base, notificationsApi);
  const session = useSession();
  const [count, setCount] = useState<number>();
  useEffect(() => {
    let stopped = false;
    let controller: AbortController | undefined;
    const refresh = () =>
      api.unreadCount().then(
        (c) => !stopped && setCount(c.count),
        () => undefined,
      );
    const onChange = () => void refresh();
    window.addEventListener('plein:notifications-read', onChange);
    void refresh();
    const listen = async () => {
      while (!stopped) {
        controller = new AbortController();
        try {
          const token = await session.token();
          const res = await fetch(`${base}/notifications/stream`, {
            headers: token ? { authorization: `Bearer ${token}` } : {},
            signal: controller.signal,
          });
          if (!res.ok || !res.body) throw new Error(String(res.status));
          const reader = res.body.getReader();
          let buffer = '';
          for (;;) {
            const chunk = await reader.read();
            if (chunk.done) break;
            buffer += new TextDecoder().decode(chunk.value);
            let cut: number;
            while ((cut = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, cut);
              buffer = buffer.slice(cut + 2);
              const data = /^data: (.*)$/m.exec(block)?.[1];
              if (/^event: count$/m.test(block) && data) {
                const parsed = JSON.parse(data) as { count: number };
                if (!stopped) setCount(parsed.count);
              }
            }
          }
        } catch {
          // closed or not reachable: try again after a pause
        }
        if (!stopped) await new Promise((r) => setTimeout(r, 5_000));
      }
    };
    void listen();
    return () => {
      stopped = true;
      controller?.abort();
      window.removeEventListener('plein:notifications-read', onChange);
    };
  }, [api, base, session]);
  return count;
}

/** Tells the bell that notifications were read on this page. */
const readHere = () => window.dispatchEvent(new Event('plein:notifications-read'));

/**
 * The bell in the header: a plain count, linking to the notifications page. `plain` (the client portal): big
 * words instead of an icon with a number — "3 nieuwe berichten voor jou".
 */
export function NotificationBell({ base, plain = false }: { base: string; plain?: boolean }) {
  const { t } = useI18n();
  const count = useUnreadCount(base) ?? 0;
  if (plain)
    return (
      <Link to="/meldingen" className={`pl-bell pl-bell--plain${count > 0 ? ' pl-bell--new' : ''}`}>
        <Icon name="bell" />
        <span>{t('notif.bell.client', { count })}</span>
      </Link>
    );
  return (
    <Link to="/meldingen" className="pl-bell" aria-label={t('notif.bell', { count })}>
      <Icon name="bell" />
      {count > 0 && (
        <span className="pl-bell__count" aria-hidden="true">
          {count}
        </span>
      )}
    </Link>
  );
}

/** One notification in words (ICU messages; the actor by the person rule, or "Iemand"). */
export function notificationText(
  n: NotificationItem,
  t: (key: string, vars?: Record<string, string | number>) => string,
): string {
  return t(`notif.${n.kind}`, {
    actor: n.actor?.displayName ?? t('notif.someone'),
    count: n.data.count ?? 1,
    title: n.data.title ?? '',
    mine: n.data.mine ? 'yes' : 'no',
    state: n.data.state ?? 'submitted',
    action: n.data.action ?? 'dismiss',
  });
}

/** The notifications page: newest first, unread marked, mark one or all read. */
export function NotificationsView({ base, settings }: { base: string; settings?: string }) {
  const { t, language } = useI18n();
  const api = useApi(base, notificationsApi);
  const [state, reload] = useResource(() => api.list(), [api]);
  const [more, setMore] = useState<NotificationItem[]>([]);
  const [cursor, setCursor] = useState<string>();
  useEffect(() => {
    if (state.status === 'ok') {
      setMore([]);
      setCursor(state.data.nextCursor);
    }
  }, [state]);
  const markAll = async () => {
    await api.readAll();
    readHere();
    reload();
  };
  const markOne = async (id: string) => {
    await api.read(id);
    readHere();
    reload();
  };
  return (
    <>
      <PageHeader
        title={t('notif.title')}
        intro={t('notif.intro')}
        actions={
          <>
            <button type="button" className="pl-button pl-button--secondary" onClick={() => void markAll()}>
              <Icon name="check" />
              <span>{t('notif.readAll')}</span>
            </button>
            {settings && (
              <Link to={settings} className="pl-button pl-button--quiet">
                <Icon name="pencil" />
                <span>{t('notif.settings')}</span>
              </Link>
            )}
          </>
        }
      />
      <ResourceView state={state} onRetry={reload}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState icon="bell" title={t('notif.empty')} />
          ) : (
            <>
              <ul className="pl-notifications">
                {[...page.items, ...more].map((n) => (
                  <li
                    key={n.id}
                    className={`pl-card pl-notification${n.read ? '' : ' pl-notification--unread'}`}
                  >
                    <div className="pl-notification__text">
                      {!n.read && <span className="pl-badge pl-badge--strong">{t('notif.unread')}</span>}
                      <Link to={n.link} onClick={() => !n.read && void api.read(n.id).then(readHere)}>
                        {notificationText(n, t)}
                      </Link>
                      {n.data.note && <p className="pl-notification__note">{n.data.note}</p>}
                      <p className="pl-notification__when">
                        <time dateTime={n.updatedAt}>{formatWhen(n.updatedAt, language)}</time>
                      </p>
                    </div>
                    {!n.read && (
                      <button
                        type="button"
                        className="pl-button pl-button--quiet"
                        onClick={() => void markOne(n.id)}
                        aria-label={`${t('notif.markRead')}: ${notificationText(n, t)}`}
                      >
                        <Icon name="check" />
                        <span>{t('notif.markRead')}</span>
                      </button>
                    )}
                  </li>
                ))}
              </ul>
              {cursor && (
                <button
                  type="button"
                  className="pl-button pl-button--secondary"
                  onClick={() =>
                    void api.list({ cursor }).then((next) => {
                      setMore((m) => [...m, ...next.items]);
                      setCursor(next.nextCursor);
                    })
                  }
                >
                  {t('notif.more')}
                </button>
              )}
            </>
          )
        }
      </ResourceView>
    </>
  );
}

/** Per kind: in Plein, in Plein and the daily e-mail, or off. */
export function NotificationPreferencesView({ base }: { base: string }) {
  const { t } = useI18n();
  const api = useApi(base, notificationsApi);
  const [state, reload] = useResource(() => api.preferences(), [api]);
  const [choice, setChoice] = useState<Partial<Record<NotificationKind, NotificationChannel>>>({});
  const [saved, setSaved] = useState(false);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    await api.setPreferences(choice);
    setSaved(true);
    reload();
  };
  return (
    <>
      <PageHeader title={t('notif.prefs.title')} intro={t('notif.prefs.intro')} />
      <ResourceView state={state} onRetry={reload}>
        {(prefs) => (
          <form className="pl-card pl-notification-prefs" onSubmit={(e) => void save(e)}>
            {!prefs.digestAvailable && <p className="pl-field__hint">{t('notif.prefs.noDigest')}</p>}
            {NOTIFICATION_KINDS.map((kind) => (
              <div className="pl-field" key={kind}>
                <label className="pl-field__label" htmlFor={`pref-${kind}`}>
                  {t(`notif.kind.${kind}`)}
                </label>
                <select
                  id={`pref-${kind}`}
                  className="pl-input pl-select"
                  value={choice[kind] ?? prefs.kinds[kind]}
                  onChange={(e) => {
                    setSaved(false);
                    setChoice((c) => ({ ...c, [kind]: e.target.value as NotificationChannel }));
                  }}
                >
                  {(['app', 'digest', 'off'] as const).map((c) => (
                    <option key={c} value={c}>
                      {t(`notif.channel.${c}`)}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <button type="submit" className="pl-button pl-button--primary">
              {t('notif.prefs.save')}
            </button>
            {saved && (
              <p role="status" className="pl-notice">
                {t('notif.prefs.saved')}
              </p>
            )}
          </form>
        )}
      </ResourceView>
    </>
  );
}
