import {
  Button,
  EmptyState,
  Link,
  PageHeader,
  ResourceView,
  type SearchHit,
  Snippet,
  TextField,
  markdownToText,
  useI18n,
  useResource,
  useRouter,
} from '@plein/ui';
import { type FormEvent, useState } from 'react';
import { useClientApi } from '../api';

/** Where a hit leads in the client portal; what has no page here yet is shown without a link. */
export function clientHitPath(hit: Pick<SearchHit, 'type' | 'id'>): string | undefined {
  switch (hit.type) {
    case 'post':
    case 'article':
      return `/berichten/${hit.id}`;
    case 'person':
      return `/mensen/${hit.id}`;
    case 'handbook': // the client intranet's handbook entries are its how-to pages
      return `/hoe-werkt-het/${hit.id}`;
    case 'document':
      return '/papieren';
    case 'comment':
    case 'location':
    case 'team':
    case 'question':
    case 'answer':
    case 'activity':
      return undefined;
  }
}

export function SearchPage() {
  const { t } = useI18n();
  const api = useClientApi();
  const { query, navigate } = useRouter();
  const q = query.get('q') ?? '';
  const [text, setText] = useState(q);
  const [result, reload] = useResource(() => (q ? api.search(q) : Promise.resolve(undefined)), [api, q]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/zoeken?q=${encodeURIComponent(text.trim())}`, { replace: true });
  };
  return (
    <>
      <PageHeader title={t('search.title')} intro={t('search.intro')} />
      <form role="search" className="pl-card" onSubmit={submit}>
        <TextField
          label={t('search.label')}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <Button type="submit" icon="search">
          {t('search.submit')}
        </Button>
      </form>
      {q && (
        <section className="pl-results" aria-label={t('search.title')}>
          <ResourceView state={result} onRetry={reload}>
            {(r) =>
              !r || r.items.length === 0 ? (
                <EmptyState icon="search" title={t('search.empty')}>
                  <p>{t('search.emptyText')}</p>
                </EmptyState>
              ) : (
                <>
                  <p role="status">{t('search.results', { count: r.total, q })}</p>
                  <ul className="pl-feed">
                    {r.items.map((hit) => {
                      const to = clientHitPath(hit);
                      const title = markdownToText(hit.title);
                      return (
                        <li key={`${hit.type}:${hit.id}`} className="pl-card">
                          <span className="pl-badge">{t(`search.type.${hit.type}`)}</span>
                          <h2>{to ? <Link to={to}>{title}</Link> : title}</h2>
                          {hit.snippet && <Snippet html={hit.snippet} />}
                        </li>
                      );
                    })}
                  </ul>
                </>
              )
            }
          </ResourceView>
        </section>
      )}
    </>
  );
}
