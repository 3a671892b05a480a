import {
  Button,
  Loading,
  PageHeader,
  PinnedAnnouncements,
  PostList,
  TextArea,
  pinnedIds,
  toResourceState,
  useI18n,
  useResource,
} from '@plein/ui';
import { type FormEvent, useState } from 'react';
import { useClientApi } from '../api';
import { MyContacts } from './my-contacts';

/**
 * The client timeline: the box to write in comes first (it is the first text box on the page, so nobody
 * comments when they meant to post), then the pinned announcements, my mentor, and the posts.
 */
export function TimelinePage() {
  const { t } = useI18n();
  const api = useClientApi();
  const [posts, reload] = useResource(() => api.organizationFeed(), [api]);
  // Announcements of the organisation stay on top, with a "Gelezen" button where they ask for it.
  const [pinned] = useResource(() => api.pinnedAnnouncements(), [api]);
  const [body, setBody] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return setMessage({ ok: false, text: t('timeline.emptyBody') });
    setBusy(true);
    try {
      await api.createPost({ body: body.trim(), audience: 'organization' });
      setBody('');
      setMessage({ ok: true, text: t('timeline.posted') });
      reload();
    } catch (error) {
      const coming = toResourceState(error).status === 'coming';
      setMessage({ ok: false, text: coming ? t('timeline.coming') : t('timeline.failed') });
    } finally {
      setBusy(false);
    }
  };
  // The first screen appears in one go, once the announcements and the first posts are there: nothing moves
  // under the reader while the page fills.
  const [shown, setShown] = useState(false);
  if (!shown && pinned.status !== 'loading' && posts.status !== 'loading') setShown(true);
  if (!shown)
    return (
      <>
        <PageHeader title={t('timeline.title')} intro={t('timeline.intro')} />
        <Loading />
      </>
    );
  return (
    <>
      <PageHeader title={t('timeline.title')} intro={t('timeline.intro')} />
      <div className="pl-stack">
        <form className="pl-card" onSubmit={(e) => void submit(e)} aria-labelledby="write">
          <h2 id="write">{t('timeline.write')}</h2>
          <TextArea
            label={t('timeline.placeholder')}
            hint={t('timeline.who')}
            rows={3}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
          <Button type="submit" icon="send" busy={busy} disabled={busy}>
            {t('timeline.send')}
          </Button>
          <p role="status" className={message && !message.ok ? 'pl-field__error' : undefined}>
            {message?.text}
          </p>
        </form>
        <PinnedAnnouncements state={pinned} api={api} personPath="/mensen" />
        <MyContacts />
        <section aria-label={t('timeline.title')}>
          <PostList
            state={posts}
            api={api}
            personPath="/mensen"
            emptyTitle={t('timeline.empty')}
            emptyText={t('timeline.emptyText')}
            onRetry={reload}
            loadMore={api.organizationFeed}
            hideIds={pinnedIds(pinned)}
          />
        </section>
      </div>
    </>
  );
}
