import { type FormEvent, useEffect, useState } from 'react';
import type { IntranetApi } from '../api/endpoints';
import { ReportButton } from './report-button';
import type { Comment, Confirmations, FeedPage, Page, PersonRef, Post, PostDetail } from '../api/types';
import { type ResourceState, toResourceState } from '../api/use-resource';
import { formatWhen, useI18n } from '../i18n';
import { Link } from '../router';
import { Avatar } from './avatar';
import { Button } from './button';
import { Icon } from './icon';
import { ErrorBoundary, PostFallback } from './error-boundary';
import { EmptyState, ResourceView } from './states';
import { TextArea } from './form';
import { Markdown } from './markdown';
import { isNewSince, useSince, useViewerId } from '../viewer';

/**
 * The "medewerker" mark on a staff member in the client intranet: every person carries their kind (the person rule),
 * so a client who calls themselves after a mentor never looks like one. In the staff intranet everyone is staff.
 */
export function StaffMark({
  person,
  intranet,
}: {
  person: Pick<PersonRef, 'kind'>;
  intranet: Post['intranet'];
}) {
  const { t } = useI18n();
  if (intranet !== 'client' || person.kind !== 'staff') return null;
  return (
    <span className="pl-badge pl-badge--staff" title={t('post.staffMarkTitle')}>
      <Icon name="building" size={16} />
      {t('post.staffMark')}
    </span>
  );
}

/** Which group a post's `groupId` names, when the page knows (feeds carry the id only). */
export type GroupName = (groupId: string) => string | undefined;

/**
 * One post: who wrote it, for whom, the text, reactions and comments. Feeds carry a post without its
 * comments (only `commentCount`); a post with comments fetches them once, so a conversation is seen in the
 * feed itself.
 */
export function PostCard({
  post,
  api,
  personPath,
  groupName,
  showReaders = false,
}: {
  post: Post | PostDetail;
  api: IntranetApi;
  personPath: string;
  groupName?: GroupName;
  /** The editorial board (and the author) may see who has confirmed an announcement. */
  showReaders?: boolean;
}) {
  const { t, language } = useI18n();
  const [likes, setLikes] = useState(post.reactions['like'] ?? 0);
  const [liked, setLiked] = useState(post.myReaction === 'like');
  const given = 'comments' in post ? post.comments : undefined;
  const [comments, setComments] = useState<Comment[]>(given ?? []);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string>();
  const viewerId = useViewerId();
  const mine = viewerId !== undefined && viewerId === post.author.id;
  const since = useSince();
  const fresh = !mine && isNewSince(post.createdAt, since);
  const [body, setBody] = useState(post.body);
  const [editing, setEditing] = useState(false);
  const [deleted, setDeleted] = useState(false);
  const author = post.author.displayName || t('post.someone');
  const audience =
    post.audience === 'group'
      ? t('post.audience.group', {
          group: (post.groupId && groupName?.(post.groupId)) || t('post.aGroup'),
        })
      : t(`post.audience.${post.audience}`);

  useEffect(() => {
    if (given || post.commentCount === 0) return;
    let current = true;
    api.post(post.id).then(
      (detail) => current && setComments((list) => merge(detail.comments, list)),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, post.id, post.commentCount, given]);

  const like = async () => {
    try {
      const updated = liked ? await api.unreact(post.id) : await api.react(post.id, 'like');
      setLikes(updated.reactions['like'] ?? 0);
      setLiked(updated.myReaction === 'like');
    } catch {
      setProblem(t('post.failed'));
    }
  };
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft.trim()) return;
    try {
      const comment = await api.comment(post.id, draft.trim());
      setComments((list) => merge(list, [comment]));
      setDraft('');
      setProblem(undefined);
    } catch {
      setProblem(t('post.failed'));
    }
  };

  const remove = async () => {
    if (!window.confirm(t('post.deleteConfirm'))) return;
    try {
      await api.deletePost(post.id);
      setDeleted(true);
    } catch {
      setProblem(t('post.failed'));
    }
  };

  const announcement = post.type === 'announcement';
  if (deleted)
    return (
      <p className="pl-card pl-post pl-post--deleted" role="status">
        {t('post.deleted')}
      </p>
    );
  return (
    <article
      className={`pl-card pl-post${post.pinned ? ' pl-post--pinned' : ''}${fresh ? ' pl-post--new' : ''}`}
      aria-labelledby={`post-${post.id}-author`}
    >
      {(announcement || post.pinned) && (
        <p className="pl-post__marks">
          {announcement && (
            <span className="pl-badge pl-badge--strong">
              <Icon name="megaphone" size={18} />
              {t('post.announcement')}
            </span>
          )}
          {post.pinned && <span className="pl-badge">{t('post.pinned')}</span>}
        </p>
      )}
      <header className="pl-post__header">
        <Avatar name={author} />
        <div>
          <Link
            id={`post-${post.id}-author`}
            className="pl-post__author"
            to={`${personPath}/${post.author.id}`}
          >
            {author}
          </Link>
          <StaffMark person={post.author} intranet={post.intranet} />
          <p className="pl-post__meta">
            <time dateTime={post.createdAt}>{formatWhen(post.createdAt, language)}</time>
            {fresh && <span className="pl-new">{t('post.new')}</span>}
            <span aria-hidden="true"> · </span>
            <span>{audience}</span>
          </p>
        </div>
      </header>
      {post.title && <h3 className="pl-post__title">{post.title}</h3>}
      {editing ? (
        <PostEditor
          api={api}
          postId={post.id}
          body={body}
          onDone={(next) => {
            if (next !== undefined) setBody(next);
            setEditing(false);
          }}
        />
      ) : (
        <Markdown className="pl-post__body" text={body} />
      )}
      {announcement && post.requiresConfirmation && (
        <ReadConfirmation post={post} api={api} showReaders={showReaders} />
      )}
      <div className="pl-post__actions">
        <Button variant="quiet" icon="heart" aria-pressed={liked} onClick={() => void like()}>
          {t('post.like')} {likes > 0 && <span className="pl-count">({likes})</span>}
        </Button>
        <span className="pl-post__count">
          <Icon name="comment" />
          {t('post.comments', { count: Math.max(comments.length, post.commentCount) })}
        </span>
        {!mine && <ReportButton api={api} contentType="post" contentId={post.id} />}
        {mine && !editing && (
          <>
            <Button variant="quiet" icon="pencil" onClick={() => setEditing(true)}>
              {t('post.edit')}
            </Button>
            <Button variant="quiet" icon="trash" onClick={() => void remove()}>
              {t('post.delete')}
            </Button>
          </>
        )}
      </div>
      {comments.length > 0 && (
        <ul className="pl-comments" aria-label={t('post.commentsOf', { name: author })}>
          {comments.map((c) => (
            <li key={c.id} className="pl-comment">
              <Avatar name={c.author.displayName || '?'} size="small" />
              <div>
                <span className="pl-comment__author">{c.author.displayName || t('post.someone')}</span>
                <StaffMark person={c.author} intranet={post.intranet} />
                <Markdown className="pl-comment__body" text={c.body} />
                {c.author.id !== viewerId && (
                  <ReportButton api={api} contentType="comment" contentId={c.id} parentId={post.id} />
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <form className="pl-comment-form" onSubmit={(e) => void send(e)}>
        <TextArea
          label={t('post.commentLabel', { name: author })}
          hideLabel
          placeholder={t('post.commentPlaceholder')}
          rows={1}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <Button type="submit" variant="secondary" icon="send">
          {t('post.send')}
        </Button>
      </form>
      {problem && (
        <p className="pl-field__error" role="alert">
          {problem}
        </p>
      )}
    </article>
  );
}

/** The author changes their post's text in place; the service keeps the earlier version. */
function PostEditor({
  api,
  postId,
  body,
  onDone,
}: {
  api: IntranetApi;
  postId: string;
  body: string;
  onDone: (body?: string) => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(body);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft.trim()) return;
    setBusy(true);
    try {
      const updated = await api.updatePost(postId, { body: draft.trim() });
      onDone(updated.body);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="pl-post__editor" onSubmit={(e) => void save(e)}>
      <TextArea
        label={t('post.editLabel')}
        rows={4}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
      />
      <div className="pl-post__actions">
        <Button type="submit" icon="check" busy={busy} disabled={busy}>
          {t('post.save')}
        </Button>
        <Button variant="secondary" onClick={() => onDone()}>
          {t('post.cancel')}
        </Button>
      </div>
      {failed && (
        <p className="pl-field__error" role="alert">
          {t('post.failed')}
        </p>
      )}
    </form>
  );
}

/**
 * "Gelezen": an announcement that asks for it gets a big button; once pressed, it says so (and keeps saying
 * so: the post carries `confirmedByMe`). The editorial board can open who has and has not read it.
 */
function ReadConfirmation({
  post,
  api,
  showReaders,
}: {
  post: Post;
  api: IntranetApi;
  showReaders: boolean;
}) {
  const { t } = useI18n();
  const [confirmed, setConfirmed] = useState(post.confirmedByMe === true);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      const updated = await api.confirmRead(post.id);
      setConfirmed(updated.confirmedByMe ?? true);
      setFailed(false);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="pl-confirm">
      <div role="status">
        {confirmed && (
          <p className="pl-confirm__done">
            <Icon name="check" />
            {t('post.confirmed')}
          </p>
        )}
      </div>
      {!confirmed && (
        <>
          <p>{t('post.confirmAsk')}</p>
          <Button icon="check" busy={busy} disabled={busy} onClick={() => void confirm()}>
            {t('post.confirm')}
          </Button>
        </>
      )}
      {failed && (
        <p className="pl-field__error" role="alert">
          {t('post.confirmFailed')}
        </p>
      )}
      {showReaders && <Readers api={api} postId={post.id} />}
    </div>
  );
}

function Readers({ api, postId }: { api: IntranetApi; postId: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<ResourceState<Confirmations>>();
  const open = () => {
    if (state && state.status !== 'error' && state.status !== 'unavailable') return;
    setState({ status: 'loading' });
    api.confirmations(postId).then(
      (data) => setState({ status: 'ok', data }),
      (error: unknown) => setState(toResourceState(error)),
    );
  };
  return (
    <details className="pl-readers" onToggle={(e) => e.currentTarget.open && open()}>
      <summary>{t('post.readers')}</summary>
      {state?.status === 'ok' ? (
        <div className="pl-readers__lists">
          <ReaderList title={t('post.readersConfirmed', { count: state.data.confirmed.length })}>
            {state.data.confirmed}
          </ReaderList>
          <ReaderList title={t('post.readersNotConfirmed', { count: state.data.notConfirmed.length })}>
            {state.data.notConfirmed}
          </ReaderList>
        </div>
      ) : state?.status === 'loading' ? (
        <p>{t('ui.loading')}</p>
      ) : state ? (
        <p className="pl-field__error">{t('post.readersFailed')}</p>
      ) : null}
    </details>
  );
}

function ReaderList({ title, children }: { title: string; children: Confirmations['confirmed'] }) {
  return (
    <div>
      <h4>{title}</h4>
      {children.length > 0 && (
        <ul>
          {children.map((person) => (
            <li key={person.id}>{person.displayName}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * The intranet's pinned announcements, above a timeline. They come with the home feed's first page; a
 * failure to fetch them shows nothing here (the timeline below says what is wrong, if anything is).
 */
export function PinnedAnnouncements({
  state,
  api,
  personPath,
  showReaders = false,
}: {
  state: ResourceState<FeedPage>;
  api: IntranetApi;
  personPath: string;
  showReaders?: boolean;
}) {
  const { t } = useI18n();
  const pinned = state.status === 'ok' ? (state.data.pinned ?? []) : [];
  if (pinned.length === 0) return null;
  return (
    <section className="pl-pinned" aria-labelledby="pinned-title">
      <h2 id="pinned-title">
        <Icon name="megaphone" />
        {t('pinned.title')}
      </h2>
      <ul className="pl-feed">
        {pinned.map((post) => (
          <li key={post.id}>
            <ErrorBoundary fallback={<PostFallback />}>
              <PostCard post={post} api={api} personPath={personPath} showReaders={showReaders} />
            </ErrorBoundary>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The ids of the pinned announcements a page shows on top, so the timeline below does not repeat them. */
export function pinnedIds(state: ResourceState<FeedPage>): ReadonlySet<string> {
  return new Set(state.status === 'ok' ? (state.data.pinned ?? []).map((p) => p.id) : []);
}

/** A list of posts with "show more"; empty and error states come from ResourceView. */
export function PostList({
  state,
  api,
  personPath,
  emptyTitle,
  emptyText,
  onRetry,
  loadMore,
  groupName,
  hideIds,
  showReaders,
}: {
  state: ResourceState<Page<Post>>;
  api: IntranetApi;
  personPath: string;
  emptyTitle: string;
  emptyText?: string;
  onRetry?: () => void;
  loadMore?: (cursor: string) => Promise<Page<Post>>;
  groupName?: GroupName;
  /** Posts shown elsewhere on the page (pinned announcements on top). */
  hideIds?: ReadonlySet<string>;
  showReaders?: boolean;
}) {
  return (
    <ResourceView state={state} onRetry={onRetry}>
      {(page) => (
        <Posts
          first={page}
          api={api}
          personPath={personPath}
          empty={[emptyTitle, emptyText]}
          loadMore={loadMore}
          groupName={groupName}
          hideIds={hideIds}
          showReaders={showReaders}
        />
      )}
    </ResourceView>
  );
}

function Posts({
  first,
  api,
  personPath,
  empty,
  loadMore,
  groupName,
  hideIds,
  showReaders,
}: {
  first: Page<Post>;
  api: IntranetApi;
  personPath: string;
  empty: [string, string | undefined];
  loadMore?: (cursor: string) => Promise<Page<Post>>;
  groupName?: GroupName;
  hideIds?: ReadonlySet<string>;
  showReaders?: boolean;
}) {
  const { t, language } = useI18n();
  const [posts, setPosts] = useState(first.items);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [more, setMore] = useState<ResourceState<unknown>>({ status: 'ok', data: null });
  // A reload (after posting, for example) brings a new first page: start again from it.
  const [shown, setShown] = useState(first);
  if (shown !== first) {
    setShown(first);
    setPosts(first.items);
    setCursor(first.nextCursor);
  }
  const shownPosts = hideIds?.size ? posts.filter((p) => !hideIds.has(p.id)) : posts;
  const viewerId = useViewerId();
  const since = useSince();
  // A malformed post (no author) is shown as a short sentence below; it is not counted as new.
  const authorOf = (p: Post) => (p as { author?: { id?: string } | null }).author?.id;
  const fresh = shownPosts.filter((p) => authorOf(p) !== viewerId && isNewSince(p.createdAt, since)).length;
  if (shownPosts.length === 0 && !cursor)
    return (
      <EmptyState icon="megaphone" title={empty[0]}>
        {empty[1] && <p>{empty[1]}</p>}
      </EmptyState>
    );
  const next = async () => {
    if (!cursor || !loadMore) return;
    setMore({ status: 'loading' });
    try {
      const page = await loadMore(cursor);
      setPosts((list) => [...list, ...page.items]);
      setCursor(page.nextCursor);
      setMore({ status: 'ok', data: null });
    } catch (error) {
      setMore(toResourceState(error));
    }
  };
  return (
    <>
      {since && (
        <p className="pl-since" role="status">
          {t('post.newSince', { count: fresh, when: formatWhen(since, language) })}
        </p>
      )}
      <ul className="pl-feed">
        {shownPosts.map((post, i) => (
          // One post that cannot be rendered (malformed, or a bug in the card) shows a short sentence;
          // the rest of the timeline stays.
          <li key={typeof post.id === 'string' ? post.id : `post-${i}`}>
            <ErrorBoundary fallback={<PostFallback />}>
              <PostCard
                post={post}
                api={api}
                personPath={personPath}
                groupName={groupName}
                showReaders={showReaders}
              />
            </ErrorBoundary>
          </li>
        ))}
      </ul>
      {cursor && loadMore && (
        <Button variant="secondary" busy={more.status === 'loading'} onClick={() => void next()}>
          {t('post.more')}
        </Button>
      )}
    </>
  );
}

/** Comments in order, each once (a comment just written may also arrive with the post's detail). */
function merge(a: Comment[], b: Comment[]): Comment[] {
  const seen = new Set(a.map((c) => c.id));
  return [...a, ...b.filter((c) => !seen.has(c.id))].sort((x, y) => x.createdAt.localeCompare(y.createdAt));
}
