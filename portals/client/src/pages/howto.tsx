import { EmptyState, Link, Markdown, PageHeader, ResourceView, useI18n, useResource } from '@plein/ui';
import { useHowtoApi } from '../api';

/** "Hoe werkt het?": short practical pages in plain Dutch, written by staff, in the shared Markdown renderer. */

export function HowtoListPage() {
  const { t } = useI18n();
  const api = useHowtoApi();
  const [list, reload] = useResource(() => api.howtos(), [api]);
  return (
    <>
      <PageHeader title={t('howto.title')} intro={t('howto.intro')} />
      <ResourceView state={list} onRetry={reload}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState icon="info" title={t('howto.empty')} />
          ) : (
            <ul className="pl-stack">
              {page.items.map((h) => (
                <li key={h.id} className="pl-card">
                  <h2>
                    <Link to={`/hoe-werkt-het/${h.id}`}>{h.title}</Link>
                  </h2>
                </li>
              ))}
            </ul>
          )
        }
      </ResourceView>
    </>
  );
}

export function HowtoPage({ id }: { id: string }) {
  const { t } = useI18n();
  const api = useHowtoApi();
  const [page, reload] = useResource(() => api.howto(id), [api, id]);
  return (
    <ResourceView state={page} onRetry={reload}>
      {(h) => (
        <>
          <PageHeader title={h.title} />
          <article className="pl-card">
            <Markdown text={h.body} />
          </article>
          <p>
            <Link to="/hoe-werkt-het">{t('howto.back')}</Link>
          </p>
        </>
      )}
    </ResourceView>
  );
}
