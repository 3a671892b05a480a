import { EmptyState, Link, PageHeader, ResourceView, useI18n, useResource } from '@plein/ui';
import { useHowtoApi } from '../api';

/**
 * "Hoe werkt het?": short practical pages in plain Dutch, written by staff. Shown as plain paragraphs
 * (React escapes everything) until the shared Markdown renderer lands in @plein/ui.
 */
function PlainText({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .map((b) => b.trim())
        .filter(Boolean)
        .map((b, i) => {
          const heading = /^(#{1,6})\s+(.*)$/.exec(b);
          return heading ? (
            <h2 key={i}>{heading[2]}</h2>
          ) : (
            <p key={i} style={{ whiteSpace: 'pre-line' }}>
              {b.replace(/[*_`]/g, '')}
            </p>
          );
        })}
    </>
  );
}

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
            <PlainText text={h.body} />
          </article>
          <p>
            <Link to="/hoe-werkt-het">{t('howto.back')}</Link>
          </p>
        </>
      )}
    </ResourceView>
  );
}
