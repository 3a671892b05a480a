import {
  ApiError,
  Button,
  ButtonLink,
  type DocFile,
  type DocFolder,
  type DocumentsApi,
  EmptyState,
  formatSize,
  formatWhen,
  Icon,
  Link,
  PageHeader,
  ResourceView,
  TextField,
  useI18n,
  useResource,
} from '@plein/ui';
import { type FormEvent, useRef, useState } from 'react';
import { useDocumentsApi } from '../api';

/** A new folder: at the top of the intranet, in a group, or in a folder. */
function NewFolder({
  api,
  parentId,
  groupId,
  onMade,
}: {
  api: DocumentsApi;
  parentId?: string;
  groupId?: string;
  onMade: () => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setError(t('doc.folderNameRequired'));
    setBusy(true);
    try {
      await api.createFolder({
        name: name.trim(),
        ...(parentId ? { parentId } : {}),
        ...(groupId ? { groupId } : {}),
      });
      setName('');
      setError(undefined);
      onMade();
    } catch {
      setError(t('doc.folderFailed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="pl-card pl-stack" onSubmit={(e) => void submit(e)} aria-label={t('doc.newFolder')}>
      <TextField
        label={t('doc.folderName')}
        value={name}
        error={error}
        onChange={(e) => setName(e.target.value)}
      />
      <Button type="submit" icon="plus" busy={busy} variant="secondary">
        {t('doc.newFolder')}
      </Button>
    </form>
  );
}

/** The top folders of the staff intranet (or of one group). */
export function FolderList({ groupId, canMake }: { groupId?: string; canMake: boolean }) {
  const { t } = useI18n();
  const api = useDocumentsApi();
  const [folders, reload] = useResource(() => api.folders(groupId ? { groupId } : {}), [api, groupId]);
  return (
    <div className="pl-stack">
      <ResourceView state={folders} onRetry={reload}>
        {(list) =>
          list.items.length === 0 ? (
            <EmptyState icon="folder" title={t('doc.noFolders')} />
          ) : (
            <ul className="pl-list" aria-label={t('doc.folders')}>
              {list.items.map((f) => (
                <li key={f.id}>
                  <Link to={`/documenten/mappen/${f.id}`}>
                    <Icon name="folder" /> {f.name}
                  </Link>
                </li>
              ))}
            </ul>
          )
        }
      </ResourceView>
      {canMake && <NewFolder api={api} groupId={groupId} onMade={reload} />}
    </div>
  );
}

export function DocumentsPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader
        title={t('doc.title')}
        intro={t('doc.intro')}
        actions={
          <ButtonLink to="/documenten/prullenbak" variant="secondary" icon="trash">
            {t('doc.trash')}
          </ButtonLink>
        }
      />
      <FolderList canMake />
    </>
  );
}

function Upload({ api, folder, onDone }: { api: DocumentsApi; folder: DocFolder; onDone: () => void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState('');
  const [progress, setProgress] = useState<number>();
  const [message, setMessage] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setMessage(t('doc.chooseFile'));
    setProgress(0);
    setMessage(undefined);
    try {
      await api.upload(folder.id, file, title.trim() || undefined, setProgress);
      setTitle('');
      if (input.current) input.current.value = '';
      setMessage(t('doc.uploaded', { name: file.name }));
      onDone();
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
      setMessage(
        status === 413 ? t('doc.tooLarge') : status === 415 ? t('doc.wrongType') : t('doc.uploadFailed'),
      );
    } finally {
      setProgress(undefined);
    }
  };
  return (
    <form className="pl-card pl-stack" onSubmit={(e) => void submit(e)} aria-labelledby="doc-upload">
      <h2 id="doc-upload">{t('doc.upload')}</h2>
      <div className="pl-field">
        <label className="pl-field__label" htmlFor="doc-file">
          {t('doc.file')}
        </label>
        <p className="pl-field__hint" id="doc-file-hint">
          {t('doc.fileHint')}
        </p>
        <input id="doc-file" ref={input} type="file" className="pl-input" aria-describedby="doc-file-hint" />
      </div>
      <TextField label={t('doc.titleOptional')} value={title} onChange={(e) => setTitle(e.target.value)} />
      {progress !== undefined && (
        <progress max={1} value={progress} aria-label={t('doc.progress')}>
          {Math.round(progress * 100)}%
        </progress>
      )}
      {message && (
        <p role="status" className="pl-field__hint">
          {message}
        </p>
      )}
      <Button type="submit" icon="upload" busy={progress !== undefined}>
        {t('doc.uploadButton')}
      </Button>
    </form>
  );
}

function Versions({ api, file, onChanged }: { api: DocumentsApi; file: DocFile; onChanged: () => void }) {
  const { t, language } = useI18n();
  const [versions, reload] = useResource(() => api.versions(file.id), [api, file.id, file.version]);
  return (
    <ResourceView state={versions} onRetry={reload}>
      {(list) => (
        <ul className="pl-list" aria-label={t('doc.versionsOf', { title: file.title })}>
          {list.items.map((v) => (
            <li key={v.n}>
              {t('doc.version', { n: v.n })} · {v.name} · {formatSize(v.size, language)} ·{' '}
              {formatWhen(v.at, language)} {v.current && <span className="pl-badge">{t('doc.current')}</span>}{' '}
              <Button variant="quiet" icon="download" onClick={() => void api.download(file, v.n)}>
                {t('doc.download')}
              </Button>
              {!v.current && file.canWrite && (
                <Button
                  variant="quiet"
                  icon="clock"
                  onClick={() => void api.restoreVersion(file.id, v.n).then(onChanged)}
                >
                  {t('doc.restoreVersion')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </ResourceView>
  );
}

function FileRow({ api, file, onChanged }: { api: DocumentsApi; file: DocFile; onChanged: () => void }) {
  const { t, language } = useI18n();
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number>();
  const newVersion = async () => {
    const chosen = input.current?.files?.[0];
    if (!chosen) return;
    setProgress(0);
    try {
      await api.uploadVersion(file.id, chosen, setProgress);
      onChanged();
    } finally {
      setProgress(undefined);
    }
  };
  return (
    <li className="pl-card pl-stack">
      <h3>
        <Icon name="file" /> {file.title}
      </h3>
      <p>
        {file.name} · {formatSize(file.size, language)} · {t('doc.version', { n: file.version })} ·{' '}
        {formatWhen(file.updatedAt, language)}
      </p>
      {file.description && <p>{file.description}</p>}
      <div className="pl-actions">
        <Button icon="download" onClick={() => void api.download(file)}>
          {t('doc.download')}
        </Button>
        <Button variant="secondary" icon="clock" aria-expanded={open} onClick={() => setOpen(!open)}>
          {t('doc.versions')}
        </Button>
        {file.canWrite && (
          <Button variant="secondary" icon="trash" onClick={() => void api.remove(file.id).then(onChanged)}>
            {t('doc.delete')}
          </Button>
        )}
      </div>
      {open && (
        <div className="pl-stack">
          <Versions api={api} file={file} onChanged={onChanged} />
          {file.canWrite && (
            <div className="pl-field">
              <label className="pl-field__label" htmlFor={`v-${file.id}`}>
                {t('doc.newVersion')}
              </label>
              <input
                id={`v-${file.id}`}
                ref={input}
                type="file"
                className="pl-input"
                onChange={() => void newVersion()}
              />
              {progress !== undefined && <progress max={1} value={progress} aria-label={t('doc.progress')} />}
            </div>
          )}
        </div>
      )}
    </li>
  );
}

export function FolderPage({ id }: { id: string }) {
  const { t } = useI18n();
  const api = useDocumentsApi();
  const [folder, reload] = useResource(() => api.folder(id), [api, id]);
  return (
    <ResourceView state={folder} onRetry={reload}>
      {(f) => (
        <>
          <nav aria-label={t('doc.path')}>
            <Link to="/documenten">{t('doc.title')}</Link>
            {f.path.map((p) => (
              <span key={p.id}>
                {' / '}
                {p.id === f.id ? (
                  <span aria-current="page">{p.name}</span>
                ) : (
                  <Link to={`/documenten/mappen/${p.id}`}>{p.name}</Link>
                )}
              </span>
            ))}
          </nav>
          <PageHeader title={f.name} />
          <div className="pl-columns">
            <div className="pl-stack">
              {f.folders.length > 0 && (
                <ul className="pl-list" aria-label={t('doc.folders')}>
                  {f.folders.map((sub) => (
                    <li key={sub.id}>
                      <Link to={`/documenten/mappen/${sub.id}`}>
                        <Icon name="folder" /> {sub.name}
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
              <section aria-labelledby="doc-files" className="pl-stack">
                <h2 id="doc-files">{t('doc.files')}</h2>
                {f.files.length === 0 ? (
                  <EmptyState icon="file" title={t('doc.noFiles')} />
                ) : (
                  <ul className="pl-stack pl-plain">
                    {f.files.map((file) => (
                      <FileRow key={file.id} api={api} file={file} onChanged={reload} />
                    ))}
                  </ul>
                )}
              </section>
            </div>
            {f.canWrite && (
              <aside className="pl-stack" aria-label={t('doc.add')}>
                <Upload api={api} folder={f} onDone={reload} />
                <NewFolder api={api} parentId={f.id} onMade={reload} />
              </aside>
            )}
          </div>
        </>
      )}
    </ResourceView>
  );
}

export function TrashPage() {
  const { t, language } = useI18n();
  const api = useDocumentsApi();
  const [trash, reload] = useResource(() => api.trash(), [api]);
  return (
    <>
      <PageHeader title={t('doc.trash')} intro={t('doc.trashIntro')} />
      <ResourceView state={trash} onRetry={reload}>
        {(list) =>
          list.items.length === 0 ? (
            <EmptyState icon="trash" title={t('doc.trashEmpty')} />
          ) : (
            <ul className="pl-stack pl-plain">
              {list.items.map((file) => (
                <li key={file.id} className="pl-card pl-stack">
                  <h2>{file.title}</h2>
                  <p>
                    {file.name} ·{' '}
                    {t('doc.deletedAt', { when: formatWhen(file.deletedAt ?? file.updatedAt, language) })}
                  </p>
                  <Button
                    variant="secondary"
                    icon="clock"
                    onClick={() => void api.restore(file.id).then(reload)}
                  >
                    {t('doc.restore')}
                  </Button>
                </li>
              ))}
            </ul>
          )
        }
      </ResourceView>
    </>
  );
}

/** One file (where a search hit leads): its card, and the way to its folder. */
export function FilePage({ id }: { id: string }) {
  const { t } = useI18n();
  const api = useDocumentsApi();
  const [file, reload] = useResource(() => api.file(id), [api, id]);
  return (
    <ResourceView state={file} onRetry={reload}>
      {(f) => (
        <>
          <PageHeader
            title={f.title}
            actions={
              <ButtonLink to={`/documenten/mappen/${f.folderId}`} variant="secondary" icon="folder">
                {t('doc.openFolder')}
              </ButtonLink>
            }
          />
          <ul className="pl-stack pl-plain">
            <FileRow api={api} file={f} onChanged={reload} />
          </ul>
        </>
      )}
    </ResourceView>
  );
}
