import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/api-client';
import type { AuditApi, AuditEntry, ModerationApi, Report, Submission } from '../api/moderation';
import { useResource } from '../api/use-resource';
import { Button } from '../components/button';
import { Card } from '../components/card';
import { Select, TextArea, TextField } from '../components/form';
import { PageHeader } from '../components/layout';
import { Markdown } from '../components/markdown';
import { EmptyState, ResourceView } from '../components/states';
import { useI18n } from '../i18n';
import { Link } from '../router';

/** One intranet's moderation API, for pages that work in both (staff editors and moderators). */
export interface IntranetModeration {
  intranet: 'staff' | 'client';
  api: ModerationApi;
}

function StateBadge({ state }: { state: Submission['state'] }) {
  const { t } = useI18n();
  return <span className={`pl-badge pl-badge--${state}`}>{t(`mod.state.${state}`)}</span>;
}

function IntranetChoice({
  choices,
  value,
  onChange,
}: {
  choices: IntranetModeration[];
  value: 'staff' | 'client';
  onChange: (v: 'staff' | 'client') => void;
}) {
  const { t } = useI18n();
  if (choices.length < 2) return null;
  return (
    <Select
      label={t('mod.intranet')}
      value={value}
      onChange={(e) => onChange(e.target.value as 'staff' | 'client')}
    >
      {choices.map((c) => (
        <option key={c.intranet} value={c.intranet}>
          {t(`mod.intranet.${c.intranet}`)}
        </option>
      ))}
    </Select>
  );
}

/** The form of a submission: new, or the author's revision of a returned one. */
function SubmissionForm({
  api,
  editing,
  onDone,
}: {
  api: ModerationApi;
  editing?: Submission;
  onDone: (saved?: Submission) => void;
}) {
  const { t } = useI18n();
  const [title, setTitle] = useState(editing?.title ?? '');
  const [body, setBody] = useState(editing?.body ?? '');
  const [series, setSeries] = useState(editing?.series ?? '');
  const [personal, setPersonal] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim() || !body.trim()) return setProblem(t('mod.write.needText'));
    setBusy(true);
    setProblem(undefined);
    const input = {
      title: title.trim(),
      body,
      ...(series.trim() ? { series: series.trim() } : {}),
      ...(confirmed ? { confirmPersonalData: true } : {}),
    };
    try {
      const saved = editing ? await api.revise(editing.id, input) : await api.submit(input);
      setTitle('');
      setBody('');
      setSeries('');
      setPersonal(false);
      setConfirmed(false);
      onDone(saved);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'personal_data') setPersonal(true);
      else setProblem(t('mod.write.failed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="pl-form" onSubmit={(e) => void send(e)}>
      <TextField
        label={t('mod.write.titleLabel')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        maxLength={200}
      />
      <TextArea
        label={t('mod.write.body')}
        hint={t('mod.write.bodyHint')}
        rows={8}
        value={body}
        onChange={(e) => setBody(e.target.value)}
      />
      <TextField
        label={t('mod.write.series')}
        hint={t('mod.write.seriesHint')}
        value={series}
        onChange={(e) => setSeries(e.target.value)}
        maxLength={100}
      />
      {personal && (
        <div className="pl-notice" role="alert">
          <p>{t('mod.write.personal')}</p>
          <label className="pl-check">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
            <span>{t('mod.write.confirm')}</span>
          </label>
        </div>
      )}
      <div className="pl-post__actions">
        <Button type="submit" icon="send" busy={busy} disabled={busy}>
          {editing ? t('mod.write.resend') : t('mod.write.send')}
        </Button>
        {editing && (
          <Button variant="secondary" onClick={() => onDone()}>
            {t('mod.write.cancel')}
          </Button>
        )}
      </div>
      {problem && (
        <p className="pl-field__error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

function Feedback({ s }: { s: Submission }) {
  const { t } = useI18n();
  if (s.feedback.length === 0) return null;
  return (
    <div className="pl-feedback">
      <h3>{t('mod.feedback')}</h3>
      <ul>
        {s.feedback.map((f) => (
          <li key={f.at}>
            <StateBadge state={f.state} /> {f.note}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "Stuur een stuk in": write, see status and feedback, revise what came back. */
export function WriteSubmissionPage({ api }: { api: ModerationApi }) {
  const { t } = useI18n();
  const [mine, reload] = useResource(() => api.submissions({ mine: true }), [api]);
  const [sent, setSent] = useState(false);
  const [revising, setRevising] = useState<string>();
  return (
    <>
      <PageHeader title={t('mod.write.title')} intro={t('mod.write.intro')} />
      <Card>
        <SubmissionForm
          api={api}
          onDone={() => {
            setSent(true);
            reload();
          }}
        />
        {sent && (
          <p role="status" className="pl-report__done">
            {t('mod.write.sent')}
          </p>
        )}
      </Card>
      <h2>{t('mod.write.mine')}</h2>
      <ResourceView state={mine} onRetry={reload}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState icon="pencil" title={t('mod.write.none')} />
          ) : (
            <ul className="pl-list">
              {page.items.map((s) => (
                <Card as="li" key={s.id}>
                  <h3>{s.title}</h3>
                  <StateBadge state={s.state} />
                  {s.series && <p className="pl-muted">{s.series}</p>}
                  <Feedback s={s} />
                  {revising === s.id ? (
                    <SubmissionForm
                      api={api}
                      editing={s}
                      onDone={() => {
                        setRevising(undefined);
                        reload();
                      }}
                    />
                  ) : (
                    s.state === 'returned' && (
                      <Button variant="secondary" icon="pencil" onClick={() => setRevising(s.id)}>
                        {t('mod.write.revise')}
                      </Button>
                    )
                  )}
                </Card>
              ))}
            </ul>
          )
        }
      </ResourceView>
    </>
  );
}

function QueueItem({
  api,
  id,
  canDecide,
  onDecided,
}: {
  api: ModerationApi;
  id: string;
  canDecide: boolean;
  onDecided: () => void;
}) {
  const { t } = useI18n();
  const [state, reload] = useResource(() => api.submission(id), [api, id]);
  const [comment, setComment] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string>();
  const act = async (work: () => Promise<unknown>, after: () => void) => {
    setProblem(undefined);
    try {
      await work();
      after();
    } catch {
      setProblem(t('mod.queue.failed'));
    }
  };
  return (
    <ResourceView state={state} onRetry={reload}>
      {(s) => (
        <div className="pl-queue-item">
          <Markdown text={s.body} />
          <Feedback s={s} />
          <h4>{t('mod.queue.comments')}</h4>
          <ul className="pl-comments">
            {(s.comments ?? []).map((c) => (
              <li key={c.id} className="pl-comment">
                <div>
                  <span className="pl-comment__author">{c.author.displayName}</span>
                  <Markdown className="pl-comment__body" text={c.body} />
                </div>
              </li>
            ))}
          </ul>
          <form
            className="pl-comment-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (comment.trim())
                void act(
                  () => api.comment(s.id, comment.trim()),
                  () => {
                    setComment('');
                    reload();
                  },
                );
            }}
          >
            <TextArea
              label={t('mod.queue.comment')}
              rows={2}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
            <Button type="submit" variant="secondary" icon="send">
              {t('mod.queue.commentSend')}
            </Button>
          </form>
          {canDecide && s.state === 'submitted' && (
            <div className="pl-decision">
              <TextArea
                label={t('mod.queue.note')}
                hint={t('mod.queue.noteHint')}
                rows={2}
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
              <div className="pl-post__actions">
                <Button
                  icon="check"
                  onClick={() => void act(() => api.decide(s.id, 'publish', note), onDecided)}
                >
                  {t('mod.queue.publish')}
                </Button>
                <Button
                  variant="secondary"
                  icon="pencil"
                  disabled={!note.trim()}
                  onClick={() => void act(() => api.decide(s.id, 'return', note), onDecided)}
                >
                  {t('mod.queue.return')}
                </Button>
                <Button
                  variant="quiet"
                  icon="minus"
                  disabled={!note.trim()}
                  onClick={() => void act(() => api.decide(s.id, 'reject', note), onDecided)}
                >
                  {t('mod.queue.reject')}
                </Button>
              </div>
            </div>
          )}
          {problem && (
            <p className="pl-field__error" role="alert">
              {problem}
            </p>
          )}
        </div>
      )}
    </ResourceView>
  );
}

/** The editorial queue: client editors read and comment; editors also decide, with a note. */
export function SubmissionQueuePage({
  choices,
  canDecide,
}: {
  choices: IntranetModeration[];
  canDecide: boolean;
}) {
  const { t } = useI18n();
  const [intranet, setIntranet] = useState(choices[0]!.intranet);
  const api = (choices.find((c) => c.intranet === intranet) ?? choices[0]!).api;
  const [queue, reload] = useResource(() => api.submissions({ state: 'submitted' }), [api]);
  const [open, setOpen] = useState<string>();
  return (
    <>
      <PageHeader title={t('mod.queue.title')} intro={t('mod.queue.intro')} />
      <IntranetChoice choices={choices} value={intranet} onChange={setIntranet} />
      <ResourceView state={queue} onRetry={reload}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState icon="check" title={t('mod.queue.empty')} />
          ) : (
            <ul className="pl-list">
              {page.items.map((s) => (
                <Card as="li" key={s.id}>
                  <h2 className="pl-card__title">
                    <button
                      type="button"
                      className="pl-linkbutton"
                      aria-expanded={open === s.id}
                      onClick={() => setOpen(open === s.id ? undefined : s.id)}
                    >
                      {s.title}
                    </button>
                  </h2>
                  <p className="pl-muted">
                    {t('mod.queue.by', { name: s.author.displayName })}
                    {s.series ? ` · ${s.series}` : ''}
                  </p>
                  {open === s.id && (
                    <QueueItem
                      api={api}
                      id={s.id}
                      canDecide={canDecide}
                      onDecided={() => {
                        setOpen(undefined);
                        reload();
                      }}
                    />
                  )}
                </Card>
              ))}
            </ul>
          )
        }
      </ResourceView>
    </>
  );
}

function ReportItem({
  api,
  report,
  contentPath,
  onDecided,
}: {
  api: ModerationApi;
  report: Report;
  contentPath: (r: Report) => string | undefined;
  onDecided: () => void;
}) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string>();
  const decide = async (action: 'hide' | 'restore' | 'dismiss') => {
    try {
      await api.decideReport(report.id, action, note.trim() || undefined);
      onDecided();
    } catch {
      setProblem(t('mod.queue.failed'));
    }
  };
  const path = contentPath(report);
  return (
    <Card as="li">
      <h2 className="pl-card__title">
        {t('mod.reports.what', { type: t(`mod.type.${report.contentType}`) })}
      </h2>
      <p>{report.reason}</p>
      {report.reporter && (
        <p className="pl-muted">{t('mod.reports.by', { name: report.reporter.displayName })}</p>
      )}
      {path && <Link to={path}>{t('mod.reports.view')}</Link>}
      <TextArea
        label={t('mod.reports.note')}
        rows={2}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <div className="pl-post__actions">
        <Button icon="eye" onClick={() => void decide('hide')}>
          {t('mod.reports.hide')}
        </Button>
        <Button variant="secondary" icon="check" onClick={() => void decide('dismiss')}>
          {t('mod.reports.dismiss')}
        </Button>
        <Button variant="quiet" icon="switch" onClick={() => void decide('restore')}>
          {t('mod.reports.restore')}
        </Button>
      </div>
      {problem && (
        <p className="pl-field__error" role="alert">
          {problem}
        </p>
      )}
    </Card>
  );
}

/** The moderators' queue of open reports: hide, restore or dismiss, with a note. */
export function ReportQueuePage({
  choices,
  contentPath,
}: {
  choices: IntranetModeration[];
  contentPath: (r: Report, intranet: 'staff' | 'client') => string | undefined;
}) {
  const { t } = useI18n();
  const [intranet, setIntranet] = useState(choices[0]!.intranet);
  const api = (choices.find((c) => c.intranet === intranet) ?? choices[0]!).api;
  const [queue, reload] = useResource(() => api.reports({ state: 'open' }), [api]);
  return (
    <>
      <PageHeader title={t('mod.reports.title')} intro={t('mod.reports.intro')} />
      <IntranetChoice choices={choices} value={intranet} onChange={setIntranet} />
      <ResourceView state={queue} onRetry={reload}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState icon="check" title={t('mod.reports.empty')} />
          ) : (
            <ul className="pl-list">
              {page.items.map((r) => (
                <ReportItem
                  key={r.id}
                  api={api}
                  report={r}
                  contentPath={(x) => contentPath(x, intranet)}
                  onDecided={reload}
                />
              ))}
            </ul>
          )
        }
      </ResourceView>
    </>
  );
}

/** The audit log for admins: filters, newest first, and the CSV export. */
export function AuditPage({ api }: { api: AuditApi }) {
  const { t, language } = useI18n();
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const [filter, setFilter] = useState<{ actor?: string; action?: string }>({});
  const [more, setMore] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [page, reload] = useResource(async () => {
    const p = await api.audit(filter);
    setMore([]);
    setCursor(p.nextCursor);
    return p;
  }, [api, filter]);
  const download = async () => {
    const url = await api.csvUrl(filter);
    const a = document.createElement('a');
    a.href = url;
    a.download = 'plein-audit.csv';
    a.click();
    URL.revokeObjectURL(url);
  };
  const entry = (e: AuditEntry) => (
    <Card as="li" key={e.id}>
      <p>
        <strong>{e.action}</strong> · {new Date(e.at).toLocaleString(language)}
      </p>
      <p className="pl-muted pl-break">
        {t('mod.audit.actor')}: {e.actorErased ? t('mod.audit.erased') : (e.actorId ?? '—')}
      </p>
      <p className="pl-muted pl-break">
        {t('mod.audit.subject')}: {e.subjectType} {e.subjectId}
      </p>
      {e.reason && (
        <p>
          {t('mod.audit.reason')}: {e.reason}
        </p>
      )}
    </Card>
  );
  return (
    <>
      <PageHeader title={t('mod.audit.title')} intro={t('mod.audit.intro')} />
      <form
        className="pl-form"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({
            ...(actor.trim() ? { actor: actor.trim() } : {}),
            ...(action.trim() ? { action: action.trim() } : {}),
          });
        }}
      >
        <TextField label={t('mod.audit.actor')} value={actor} onChange={(e) => setActor(e.target.value)} />
        <TextField label={t('mod.audit.action')} value={action} onChange={(e) => setAction(e.target.value)} />
        <div className="pl-post__actions">
          <Button type="submit" variant="secondary" icon="search">
            {t('mod.audit.filter')}
          </Button>
          <Button variant="quiet" icon="check" onClick={() => void download()}>
            {t('mod.audit.csv')}
          </Button>
        </div>
      </form>
      <ResourceView state={page} onRetry={reload}>
        {(p) =>
          p.items.length === 0 ? (
            <EmptyState icon="search" title={t('mod.audit.empty')} />
          ) : (
            <>
              <ul className="pl-list">{[...p.items, ...more].map(entry)}</ul>
              {cursor && (
                <Button
                  variant="secondary"
                  onClick={() =>
                    void api.audit({ ...filter, cursor }).then((next) => {
                      setMore((m) => [...m, ...next.items]);
                      setCursor(next.nextCursor);
                    })
                  }
                >
                  {t('mod.audit.more')}
                </Button>
              )}
            </>
          )
        }
      </ResourceView>
    </>
  );
}
