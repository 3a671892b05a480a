import { type FormEvent, useEffect, useState } from 'react';
import type { IntranetApi } from '../api/endpoints';
import type { Comment, Page, Post, PostDetail } from '../api/types';
import { type ResourceState, toResourceState } from '../api/use-resource';
import { formatWhen, useI18n } from '../i18n';
import { Link } from '../router';
import { Avatar } from './avatar';
import { Button } from './button';
import { Icon } from './icon';
import { EmptyState, ResourceView } from './states';
import { TextArea } from './form';

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
}: {
  post: Post | PostDetail;
  api: IntranetApi;
  personPath: string;
  groupName?: GroupName;
}) {
  const { t, language } = useI18n();
  const [likes, setLikes] = useState(post.reactions['like'] ?? 0);
  const [liked, setLiked] = useState(post.myReaction === 'like');
  const given = 'comments' in post ? post.comments : undefined;
  const [comments, setComments] = useState<Comment[]>(given ?? []);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string>();
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

  return (
    <article className="pl-card pl-post" aria-labelledby={`post-${post.id}-author`}>
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
          <p className="pl-post__meta">
            <time dateTime={post.createdAt}>{formatWhen(post.createdAt, language)}</time>
            <span aria-hidden="true"> · </span>
            <span>{audience}</span>
          </p>
        </div>
      </header>
      <p className="pl-post__body">{post.body}</p>
      <div className="pl-post__actions">
        <Button variant="quiet" icon="heart" aria-pressed={liked} onClick={() => void like()}>
          {t('post.like')} {likes > 0 && <span className="pl-count">({likes})</span>}
        </Button>
        <span className="pl-post__count">
          <Icon name="comment" />
          {t('post.comments', { count: Math.max(comments.length, post.commentCount) })}
        </span>
      </div>
      {comments.length > 0 && (
        <ul className="pl-comments" aria-label={t('post.commentsOf', { name: author })}>
          {comments.map((c) => (
            <li key={c.id} className="pl-comment">
              <Avatar name={c.author.displayName || '?'} size="small" />
              <div>
                <span className="pl-comment__author">{c.author.displayName || t('post.someone')}</span>
                <p className="pl-comment__body">{c.body}</p>
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
}: {
  state: ResourceState<Page<Post>>;
  api: IntranetApi;
  personPath: string;
  emptyTitle: string;
  emptyText?: string;
  onRetry?: () => void;
  loadMore?: (cursor: string) => Promise<Page<Post>>;
  groupName?: GroupName;
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
}: {
  first: Page<Post>;
  api: IntranetApi;
  personPath: string;
  empty: [string, string | undefined];
  loadMore?: (cursor: string) => Promise<Page<Post>>;
  groupName?: GroupName;
}) {
  const { t } = useI18n();
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
  if (posts.length === 0)
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
      <ul className="pl-feed">
        {posts.map((post) => (
          <li key={post.id}>
            <PostCard post={post} api={api} personPath={personPath} groupName={groupName} />
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
