import { PageHeader, PostCard, ResourceView, useI18n, useResource } from '@plein/ui';
import { useClientApi } from '../api';

/** One post with its comments: where a search result leads. */
export function PostPage({ id }: { id: string }) {
  const { t } = useI18n();
  const api = useClientApi();
  const [post, reload] = useResource(() => api.post(id), [api, id]);
  return (
    <>
      <PageHeader title={t('post.title')} />
      <ResourceView state={post} onRetry={reload}>
        {(p) => <PostCard post={p} api={api} personPath="/mensen" />}
      </ResourceView>
    </>
  );
}
