import {
  Button,
  EmptyState,
  formatWhen,
  Link,
  Markdown,
  PageHeader,
  type PersonCard,
  ReportButton,
  type QuestionsApi,
  type QuestionView,
  ResourceView,
  type SearchHit,
  TextArea,
  TextField,
  useI18n,
  useResource,
  useRouter,
  useViewerId,
} from '@plein/ui';
import { type FormEvent, useEffect, useState } from 'react';
import { useQuestionsApi, useStaffApi } from '../api';

/** The Kennisbank: recent and unanswered questions, by tag; ask a question. */
export function KnowledgePage() {
  const { t } = useI18n();
  const api = useQuestionsApi();
  const { query, navigate } = useRouter();
  const filter = query.get('filter') === 'onbeantwoord' ? 'unanswered' : 'recent';
  const tag = query.get('tag') ?? undefined;
  const [list, reload] = useResource(() => api.questions({ filter, tag }), [api, filter, tag]);
  const to = (next: { filter?: string; tag?: string }) => {
    const params = new URLSearchParams();
    if (next.filter) params.set('filter', next.filter);
    if (next.tag) params.set('tag', next.tag);
    const qs = params.toString();
    navigate(`/kennisbank${qs ? `?${qs}` : ''}`);
  };
  return (
    <>
      <PageHeader title={t('kb.title')} intro={t('kb.intro')} />
      <AskForm api={api} onAsked={(id) => navigate(`/kennisbank/${id}`)} />
      <nav aria-label={t('kb.filters')} className="pl-tabs">
        <Button
          variant={filter === 'recent' ? 'primary' : 'secondary'}
          aria-pressed={filter === 'recent'}
          onClick={() => to({ tag })}
        >
          {t('kb.recent')}
        </Button>
        <Button
          variant={filter === 'unanswered' ? 'primary' : 'secondary'}
          aria-pressed={filter === 'unanswered'}
          onClick={() => to({ filter: 'onbeantwoord', tag })}
        >
          {t('kb.unanswered')}
        </Button>
        {tag && (
          <Button
            variant="quiet"
            onClick={() => to({ filter: filter === 'unanswered' ? 'onbeantwoord' : undefined })}
          >
            {t('kb.clearTag', { tag })}
          </Button>
        )}
      </nav>
      <h2>
        {tag ? t('kb.withTag', { tag }) : filter === 'unanswered' ? t('kb.unanswered') : t('kb.recent')}
      </h2>
      <ResourceView state={list} onRetry={reload}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState icon="info" title={t('kb.empty')} />
          ) : (
            <ul className="pl-stack" aria-label={t('kb.questions')}>
              {page.items.map((q) => (
                <li key={q.id} className="pl-card">
                  <h3>
                    <Link to={`/kennisbank/${q.id}`}>{q.title}</Link>
                  </h3>
                  <p>
                    <span className="pl-badge">{t('kb.answers', { count: q.answerCount })}</span>
                    {q.acceptedAnswerId && (
                      <span className="pl-badge pl-badge--strong">{t('kb.solved')}</span>
                    )}
                    {q.tags.map((tg) => (
                      <Link key={tg} className="pl-badge" to={`/kennisbank?tag=${encodeURIComponent(tg)}`}>
                        {tg}
                      </Link>
                    ))}
                  </p>
                  <p className="pl-follow__help">
                    <Asker person={q.asker} anonymous={q.anonymous} mine={q.askedByMe} />
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </ResourceView>
    </>
  );
}

function Asker({
  person,
  anonymous,
  mine,
}: {
  person: PersonCard | null;
  anonymous: boolean;
  mine: boolean;
}) {
  const { t } = useI18n();
  if (person)
    return (
      <>
        {t('kb.askedBy', { name: person.displayName })}
        {anonymous ? ` (${t('kb.anonymous')})` : ''}
      </>
    );
  if (anonymous) return <>{mine ? t('kb.anonymousMine') : t('kb.anonymous')}</>;
  return null;
}

/** Ask: while the title is typed, similar questions and handbook articles are suggested (through search). */
function AskForm({ api, onAsked }: { api: QuestionsApi; onAsked: (id: string) => void }) {
  const { t } = useI18n();
  const search = useStaffApi();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [tags, setTags] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [similar, setSimilar] = useState<SearchHit[]>([]);
  useEffect(() => {
    const q = title.trim();
    if (q.length < 4) {
      setSimilar([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void Promise.all([search.search(q, 'question'), search.search(q, 'handbook')]).then(
        ([questions, articles]) => current && setSimilar([...questions.items, ...articles.items].slice(0, 6)),
        () => current && setSimilar([]),
      );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [title, search]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) {
      setError(t('kb.titleRequired'));
      return;
    }
    setBusy(true);
    try {
      const q = await api.ask({
        title,
        body,
        tags: tags
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        anonymous,
      });
      onAsked(q.id);
    } catch {
      setError(t('kb.askFailed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="pl-card" onSubmit={(e) => void submit(e)} aria-labelledby="kb-ask">
      <h2 id="kb-ask">{t('kb.ask')}</h2>
      <TextField
        label={t('kb.questionTitle')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={error}
        maxLength={200}
      />
      {similar.length > 0 && (
        <div role="region" aria-label={t('kb.similar')}>
          <p className="pl-field__hint">{t('kb.similar')}</p>
          <ul>
            {similar.map((h) => (
              <li key={`${h.type}-${h.id}`}>
                <Link to={h.type === 'question' ? `/kennisbank/${h.id}` : `/handboek/${h.id}`}>
                  {h.title}
                </Link>{' '}
                <span className="pl-badge">{t(`search.type.${h.type}`)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <TextArea
        label={t('kb.questionBody')}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        rows={4}
        maxLength={20000}
      />
      <TextField
        label={t('kb.tags')}
        hint={t('kb.tagsHint')}
        value={tags}
        onChange={(e) => setTags(e.target.value)}
      />
      <div className="pl-field">
        <label>
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />{' '}
          {t('kb.askAnonymously')}
        </label>
        <p className="pl-field__hint">{t('kb.anonymousHint')}</p>
      </div>
      <Button type="submit" icon="send" busy={busy} disabled={busy}>
        {t('kb.submit')}
      </Button>
    </form>
  );
}

/** One question with its answers: vote, accept (the asker or an editor), answer. */
export function QuestionPage({ id }: { id: string }) {
  const { t, language } = useI18n();
  const api = useQuestionsApi();
  const intranet = useStaffApi();
  const viewerId = useViewerId();
  const [question, reload] = useResource(() => api.question(id), [api, id]);
  return (
    <ResourceView state={question} onRetry={reload}>
      {(q) => (
        <>
          <PageHeader title={q.title} />
          <p>
            <Asker person={q.asker} anonymous={q.anonymous} mine={q.askedByMe} /> ·{' '}
            {formatWhen(q.createdAt, language)}{' '}
            {q.tags.map((tg) => (
              <Link key={tg} className="pl-badge" to={`/kennisbank?tag=${encodeURIComponent(tg)}`}>
                {tg}
              </Link>
            ))}
          </p>
          {q.body && <Markdown text={q.body} />}
          {!q.askedByMe && <ReportButton api={intranet} contentType="question" contentId={q.id} />}
          <h2>{t('kb.answers', { count: q.answers.length })}</h2>
          <ul className="pl-stack" aria-label={t('kb.answerList')}>
            {q.answers.map((a) => (
              <li key={a.id} className="pl-card">
                {a.accepted && <p className="pl-badge pl-badge--strong">{t('kb.accepted')}</p>}
                <Markdown text={a.body} />
                <p className="pl-follow__help">
                  {a.author ? a.author.displayName : ''} · {formatWhen(a.createdAt, language)}
                </p>
                <Votes
                  api={api}
                  question={q}
                  answerId={a.id}
                  score={a.score}
                  myVote={a.myVote}
                  onChange={reload}
                />
                {a.author?.id !== viewerId && (
                  <ReportButton api={intranet} contentType="answer" contentId={a.id} parentId={q.id} />
                )}
                {q.canAccept && !a.accepted && (
                  <Button
                    variant="secondary"
                    icon="check"
                    onClick={() => void api.accept(q.id, a.id).then(reload)}
                  >
                    {t('kb.accept')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
          <AnswerForm api={api} questionId={q.id} onAnswered={reload} />
        </>
      )}
    </ResourceView>
  );
}

function Votes({
  api,
  answerId,
  score,
  myVote,
  onChange,
}: {
  api: QuestionsApi;
  question: QuestionView;
  answerId: string;
  score: number;
  myVote?: 1 | -1;
  onChange: () => void;
}) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  const vote = async (value: 1 | -1) => {
    try {
      if (myVote === value) await api.unvote(answerId);
      else await api.vote(answerId, value);
      setFailed(false);
      onChange();
    } catch {
      setFailed(true);
    }
  };
  return (
    <div className="pl-tabs">
      <span role="status">{t('kb.score', { score })}</span>
      <Button
        variant={myVote === 1 ? 'primary' : 'secondary'}
        aria-pressed={myVote === 1}
        onClick={() => void vote(1)}
      >
        {t('kb.voteUp')}
      </Button>
      <Button
        variant={myVote === -1 ? 'primary' : 'secondary'}
        aria-pressed={myVote === -1}
        onClick={() => void vote(-1)}
      >
        {t('kb.voteDown')}
      </Button>
      {failed && (
        <p className="pl-field__error" role="alert">
          {t('kb.voteFailed')}
        </p>
      )}
    </div>
  );
}

function AnswerForm({
  api,
  questionId,
  onAnswered,
}: {
  api: QuestionsApi;
  questionId: string;
  onAnswered: () => void;
}) {
  const { t } = useI18n();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) {
      setError(t('kb.answerRequired'));
      return;
    }
    try {
      await api.answer(questionId, body);
      setBody('');
      setError(undefined);
      onAnswered();
    } catch {
      setError(t('kb.answerFailed'));
    }
  };
  return (
    <form className="pl-card" onSubmit={(e) => void submit(e)} aria-labelledby="kb-answer">
      <h2 id="kb-answer">{t('kb.yourAnswer')}</h2>
      <TextArea
        label={t('kb.answerBody')}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        rows={4}
        error={error}
        maxLength={20000}
      />
      <Button type="submit" icon="send">
        {t('kb.postAnswer')}
      </Button>
    </form>
  );
}
