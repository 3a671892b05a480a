import {
  Button,
  type DocFile,
  type DocumentsApi,
  EmptyState,
  formatSize,
  Icon,
  PageHeader,
  ResourceView,
  useI18n,
  useResource,
} from '@plein/ui';
import { useState } from 'react';
import { useDocumentsApi } from '../api';

/** One document: its name, what it is, one big button to get it. */
function DocumentItem({ api, file }: { api: DocumentsApi; file: DocFile }) {
  const { t, language } = useI18n();
  const [failed, setFailed] = useState(false);
  return (
    <li className="pl-card pl-stack">
      <h3>
        <Icon name="file" /> {file.title}
      </h3>
      {file.description && <p>{file.description}</p>}
      <Button
        icon="download"
        onClick={() => {
          setFailed(false);
          api.download(file).catch(() => setFailed(true));
        }}
      >
        {t('docs.get', { size: formatSize(file.size, language) })}
      </Button>
      {failed && <p role="alert">{t('docs.failed')}</p>}
    </li>
  );
}

/** The documents meant for clients (house rules, forms): every folder with its files, in one simple list. */
export function DocumentsPage() {
  const { t } = useI18n();
  const api = useDocumentsApi();
  const [folders, reload] = useResource(async () => {
    const top = await api.folders();
    return Promise.all(top.items.map((f) => api.folder(f.id)));
  }, [api]);
  return (
    <>
      <PageHeader title={t('docs.title')} intro={t('docs.intro')} />
      <ResourceView state={folders} onRetry={reload}>
        {(list) =>
          list.every((f) => f.files.length === 0) ? (
            <EmptyState icon="file" title={t('docs.empty')} />
          ) : (
            <div className="pl-stack">
              {list
                .filter((f) => f.files.length > 0)
                .map((f) => (
                  <section key={f.id} aria-labelledby={`map-${f.id}`} className="pl-stack">
                    <h2 id={`map-${f.id}`}>{f.name}</h2>
                    <ul className="pl-stack pl-plain">
                      {f.files.map((file) => (
                        <DocumentItem key={file.id} api={api} file={file} />
                      ))}
                    </ul>
                  </section>
                ))}
            </div>
          )
        }
      </ResourceView>
    </>
  );
}
