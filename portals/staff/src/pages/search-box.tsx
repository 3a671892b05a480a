import { Link, type SuggestResult, markdownToText, useI18n, useRouter } from '@plein/ui';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useStaffApi } from '../api';
import { hitPath } from './hit-path';

/** The search box in the header: suggestions while typing, Enter for all results. */
export function SearchBox() {
  const { t } = useI18n();
  const api = useStaffApi();
  const { navigate, path } = useRouter();
  const id = useId();
  const [text, setText] = useState('');
  const [hits, setHits] = useState<SuggestResult['items']>([]);
  useEffect(() => {
    const q = text.trim();
    if (q.length < 2) {
      setHits([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api.suggest(q).then(
        (r) => current && setHits(r.items.slice(0, 6)),
        () => current && setHits([]),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, text]);
  useEffect(() => setHits([]), [path]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    setHits([]);
    navigate(`/zoeken?q=${encodeURIComponent(text.trim())}`);
  };
  return (
    <form role="search" className="pl-search" onSubmit={submit}>
      <label htmlFor={id} className="pl-visually-hidden">
        {t('search.label')}
      </label>
      <input
        id={id}
        className="pl-input"
        type="search"
        placeholder={t('search.placeholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoComplete="off"
        aria-describedby={`${id}-count`}
      />
      <span id={`${id}-count`} className="pl-visually-hidden" aria-live="polite">
        {hits.length > 0 ? t('search.suggestions', { count: hits.length }) : ''}
      </span>
      {hits.length > 0 && (
        <ul className="pl-suggestions">
          {hits.map((hit) => (
            <li key={`${hit.type}:${hit.id}`}>
              <Link to={hitPath(hit) ?? `/zoeken?q=${encodeURIComponent(hit.title)}`}>
                {markdownToText(hit.title)} <span className="pl-badge">{t(`search.type.${hit.type}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
