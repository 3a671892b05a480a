import {
  type ArticleSummary,
  Button,
  ButtonLink,
  EmptyState,
  formatWhen,
  Link,
  Markdown,
  PageHeader,
  ResourceView,
  Select,
  TextArea,
  TextField,
  useI18n,
  useResource,
  useRouter,
} from '@plein/ui';
import { type FormEvent, useState } from 'react';
import { useHandbookApi } from '../api';

function ArticleLine({ a }: { a: ArticleSummary }) {
  const { t } = useI18n();
  return (
    <li>
      <Link to={`/handboek/${a.id}`}>{a.title}</Link>{' '}
      {a.state === 'draft' && <span className="pl-badge">{t('hb.draft')}</span>}
      {a.reviewBy && <span className="pl-badge">{t('hb.reviewBy', { date: a.reviewBy })}</span>}
    </li>
  );
}

/** The quality handbook: chapters and their articles. */
export function HandbookPage() {
  const { t } = useI18n();
  const api = useHandbookApi();
  const [chapters, reload] = useResource(() => api.chapters(), [api]);
  return (
    <>
      <PageHeader
        title={t('hb.title')}
        intro={t('hb.intro')}
        actions={
          <ButtonLink to="/handboek/herzien" variant="secondary" icon="clock">
            {t('hb.reviewList')}
          </ButtonLink>
        }
      />
      <ResourceView state={chapters} onRetry={reload}>
        {(list) =>
          list.items.length === 0 ? (
            <EmptyState icon="info" title={t('hb.empty')} />
          ) : (
            <div className="pl-stack">
              {list.items.map((c) => (
                <section key={c.id} className="pl-card" aria-labelledby={`ch-${c.id}`}>
                  <h2 id={`ch-${c.id}`}>{c.title}</h2>
                  {c.articles.length === 0 ? (
                    <p>{t('hb.noArticles')}</p>
                  ) : (
                    <ul>
                      {c.articles.map((a) => (
                        <ArticleLine key={a.id} a={a} />
                      ))}
                    </ul>
                  )}
                </section>
              ))}
            </div>
          )
        }
      </ResourceView>
    </>
  );
}

export function ArticlePage({ id }: { id: string }) {
  const { t, language } = useI18n();
  const api = useHandbookApi();
  const [article, reload] = useResource(() => api.article(id), [api, id]);
  return (
    <ResourceView state={article} onRetry={reload}>
      {(a) => (
        <>
          <PageHeader
            title={a.title}
            actions={
              <>
                <ButtonLink to={`/handboek/${a.id}/geschiedenis`} variant="secondary" icon="clock">
                  {t('hb.history')}
                </ButtonLink>
                {a.canEdit && (
                  <ButtonLink to={`/handboek/${a.id}/bewerken`} icon="pencil">
                    {t('hb.edit')}
                  </ButtonLink>
                )}
              </>
            }
          />
          <p>
            <span className="pl-badge">{t('hb.version', { n: a.version })}</span>
            {a.state === 'draft' && <span className="pl-badge">{t('hb.draft')}</span>}
            {a.owner && <span className="pl-badge">{t('hb.owner', { name: a.owner.displayName })}</span>}
            {a.reviewBy && <span className="pl-badge">{t('hb.reviewBy', { date: a.reviewBy })}</span>}{' '}
            {formatWhen(a.updatedAt, language)}
          </p>
          <Markdown text={a.body} />
        </>
      )}
    </ResourceView>
  );
}

/** Every version with its change note, and the difference between any two. */
export function ArticleHistoryPage({ id }: { id: string }) {
  const { t, language } = useI18n();
  const api = useHandbookApi();
  const [versions, reload] = useResource(() => api.versions(id), [api, id]);
  const [range, setRange] = useState<{ from: number; to: number }>();
  const [diff] = useResource(
    () => (range ? api.diff(id, range.from, range.to) : Promise.resolve(undefined)),
    [api, id, range],
  );
  return (
    <>
      <PageHeader
        title={t('hb.historyTitle')}
        actions={
          <ButtonLink to={`/handboek/${id}`} variant="secondary">
            {t('hb.backToArticle')}
          </ButtonLink>
        }
      />
      <ResourceView state={versions} onRetry={reload}>
        {(list) => {
          const ns = list.items.map((v) => v.n);
          const from = range?.from ?? ns[Math.max(0, ns.length - 2)] ?? 1;
          const to = range?.to ?? ns[ns.length - 1] ?? 1;
          return (
            <>
              <ol className="pl-stack" aria-label={t('hb.versions')}>
                {list.items.map((v) => (
                  <li key={v.n} className="pl-card">
                    <strong>{t('hb.version', { n: v.n })}</strong> — {v.changeNote}{' '}
                    {v.published && <span className="pl-badge pl-badge--strong">{t('hb.current')}</span>}
                    <p className="pl-follow__help">
                      {v.author ? v.author.displayName : t('hb.import')} · {formatWhen(v.at, language)}
                    </p>
                  </li>
                ))}
              </ol>
              <DiffChooser
                versions={ns}
                from={from}
                to={to}
                onCompare={(f, tt) => setRange({ from: f, to: tt })}
              />
            </>
          );
        }}
      </ResourceView>
      {range && (
        <ResourceView state={diff}>
          {(d) =>
            d ? (
              <section aria-label={t('hb.diffOf', { from: d.from, to: d.to })} className="pl-card">
                <h2>{t('hb.diffOf', { from: d.from, to: d.to })}</h2>
                <pre className="pl-diff">
                  {d.parts.map((p, i) =>
                    p.kind === 'added' ? (
                      <ins key={i}>{p.text}</ins>
                    ) : p.kind === 'removed' ? (
                      <del key={i}>{p.text}</del>
                    ) : (
                      <span key={i}>{p.text}</span>
                    ),
                  )}
                </pre>
              </section>
            ) : null
          }
        </ResourceView>
      )}
    </>
  );
}

function DiffChooser({
  versions,
  from,
  to,
  onCompare,
}: {
  versions: number[];
  from: number;
  to: number;
  onCompare: (from: number, to: number) => void;
}) {
  const { t } = useI18n();
  const [a, setA] = useState(from);
  const [b, setB] = useState(to);
  if (versions.length < 2) return null;
  return (
    <form
      className="pl-card"
      onSubmit={(e) => {
        e.preventDefault();
        onCompare(a, b);
      }}
    >
      <h2>{t('hb.compare')}</h2>
      <Select label={t('hb.from')} value={a} onChange={(e) => setA(Number(e.target.value))}>
        {versions.map((n) => (
          <option key={n} value={n}>
            {t('hb.version', { n })}
          </option>
        ))}
      </Select>
      <Select label={t('hb.to')} value={b} onChange={(e) => setB(Number(e.target.value))}>
        {versions.map((n) => (
          <option key={n} value={n}>
            {t('hb.version', { n })}
          </option>
        ))}
      </Select>
      <Button type="submit">{t('hb.showDiff')}</Button>
    </form>
  );
}

/** Editors and admins: every save is a new version with a change note. */
export function ArticleEditPage({ id }: { id: string }) {
  const { t } = useI18n();
  const api = useHandbookApi();
  const { navigate } = useRouter();
  const [article, reload] = useResource(() => api.article(id), [api, id]);
  return (
    <ResourceView state={article} onRetry={reload}>
      {(a) => (
        <ArticleForm
          key={a.version}
          initial={a}
          onSave={async (change) => {
            await api.updateArticle(id, change);
            navigate(`/handboek/${id}`);
          }}
          t={t}
        />
      )}
    </ResourceView>
  );
}

function ArticleForm({
  initial,
  onSave,
  t,
}: {
  initial: { title: string; body: string; state: 'draft' | 'published'; reviewBy: string | null };
  onSave: (change: {
    title: string;
    body: string;
    changeNote: string;
    state: 'draft' | 'published';
    reviewBy: string | null;
  }) => Promise<void>;
  t: (key: string, vars?: Record<string, string | number>) => string;
}) {
  const [title, setTitle] = useState(initial.title);
  const [body, setBody] = useState(initial.body);
  const [changeNote, setChangeNote] = useState('');
  const [state, setState] = useState(initial.state);
  const [reviewBy, setReviewBy] = useState(initial.reviewBy ?? '');
  const [error, setError] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!changeNote.trim()) {
      setError(t('hb.changeNoteRequired'));
      return;
    }
    try {
      await onSave({ title, body, changeNote, state, reviewBy: reviewBy || null });
    } catch {
      setError(t('hb.saveFailed'));
    }
  };
  return (
    <>
      <PageHeader title={t('hb.editTitle', { title: initial.title })} />
      <form className="pl-card" onSubmit={(e) => void submit(e)}>
        <TextField
          label={t('hb.articleTitle')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          maxLength={200}
        />
        <TextArea
          label={t('hb.body')}
          hint={t('hb.bodyHint')}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          rows={14}
        />
        <TextField
          label={t('hb.changeNote')}
          value={changeNote}
          onChange={(e) => setChangeNote(e.target.value)}
          error={error}
          maxLength={500}
        />
        <TextField
          label={t('hb.reviewDate')}
          type="date"
          value={reviewBy}
          onChange={(e) => setReviewBy(e.target.value)}
        />
        <Select
          label={t('hb.state')}
          value={state}
          onChange={(e) => setState(e.target.value === 'draft' ? 'draft' : 'published')}
        >
          <option value="published">{t('hb.publish')}</option>
          <option value="draft">{t('hb.saveDraft')}</option>
        </Select>
        <Button type="submit" icon="check">
          {t('hb.save')}
        </Button>
      </form>
    </>
  );
}

/** Articles whose review date has come or comes within a month. */
export function ReviewDuePage() {
  const { t } = useI18n();
  const api = useHandbookApi();
  const [list, reload] = useResource(() => api.reviewDue(30), [api]);
  return (
    <>
      <PageHeader title={t('hb.reviewTitle')} intro={t('hb.reviewIntro')} />
      <ResourceView state={list} onRetry={reload}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState icon="check" title={t('hb.reviewEmpty')} />
          ) : (
            <ul className="pl-card">
              {page.items.map((a) => (
                <ArticleLine key={a.id} a={a} />
              ))}
            </ul>
          )
        }
      </ResourceView>
    </>
  );
}
