import {
  EmptyState,
  Link,
  PageHeader,
  ResourceView,
  Snippet,
  type SearchType,
  TextField,
  markdownToText,
  useI18n,
  useResource,
  useRouter,
} from '@plein/ui';
import { type FormEvent, useState } from 'react';
import { useStaffApi } from '../api';
import { hitPath } from './hit-path';

const TYPES: (SearchType | 'all')[] = [
  'all',
  'post',
  'comment',
  'article',
  'person',
  'location',
  'team',
  'question',
  'handbook',
  'document',
  'activity',
];

export function SearchPage() {
  const { t } = useI18n();
  const api = useStaffApi();
  const { query, navigate } = useRouter();
  const q = query.get('q') ?? '';
  const asked = query.get('soort') ?? 'all';
  const type = TYPES.find((ty) => ty === asked) ?? 'all';
  const [text, setText] = useState(q);
  // Only the kinds this search found (the facets) are offered as filters, so a part of Plein that has not
  // landed yet never shows up as an empty choice. The chosen one stays, to be switched off again.
  const [facets, setFacets] = useState<Record<string, number>>({});
  const [result, reload] = useResource(async () => {
    if (!q) return undefined;
    const found = await api.search(q, type === 'all' ? undefined : type);
    // Facets of the unfiltered search: choosing one kind must not hide the others.
    if (type === 'all') setFacets(found.facets);
    return found;
  }, [api, q, type]);
  const offered = TYPES.filter((ty) => ty === 'all' || ty === type || (facets[ty] ?? 0) > 0);
  const go = (nextQ: string, nextType: string) => {
    const params = new URLSearchParams();
    if (nextQ) params.set('q', nextQ);
    if (nextType !== 'all') params.set('soort', nextType);
    navigate(`/zoeken?${params.toString()}`, { replace: true });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go(text.trim(), type);
  };
  return (
    <>
      <PageHeader title={t('search.title')} intro={t('search.intro')} />
      <form role="search" className="pl-card" onSubmit={submit}>
        <TextField
          label={t('search.label')}
          type="search"
          name="q"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <div className="pl-chips" role="group" aria-label={t('search.type')}>
          {offered.map((ty) => (
            <button
              key={ty}
              type="button"
              className="pl-chip"
              aria-pressed={type === ty}
              onClick={() => go(text.trim() || q, ty)}
            >
              {t(`search.type.${ty}`)}
              {ty !== 'all' && facets[ty] !== undefined && ` (${facets[ty]})`}
            </button>
          ))}
        </div>
        <button type="submit" className="pl-button pl-button--primary">
          <span>{t('search.submit')}</span>
        </button>
      </form>
      <section className="pl-results" aria-label={t('search.title')}>
        {!q ? (
          <EmptyState icon="search" title={t('search.start')}>
            <p>{t('search.startText')}</p>
          </EmptyState>
        ) : (
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
                      const to = hitPath(hit);
                      return (
                        <li key={`${hit.type}:${hit.id}`} className="pl-card">
                          <span className="pl-badge">{t(`search.type.${hit.type}`)}</span>
                          <h2>
                            {to ? (
                              <Link to={to}>{markdownToText(hit.title)}</Link>
                            ) : (
                              markdownToText(hit.title)
                            )}
                          </h2>
                          {hit.snippet && <Snippet html={hit.snippet} />}
                        </li>
                      );
                    })}
                  </ul>
                </>
              )
            }
          </ResourceView>
        )}
      </section>
    </>
  );
}
