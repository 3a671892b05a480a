import type { IntranetApi } from '../api/endpoints';
import type { Person } from '../api/types';
import { toResourceState } from '../api/use-resource';
import { useI18n } from '../i18n';
import { Avatar } from './avatar';
import { Button } from './button';
import { TextField } from './form';
import { type ChangeEvent, type FormEvent, useEffect, useId, useState } from 'react';

const ACCEPT = 'image/png,image/jpeg,image/webp';

/**
 * My photo in the smoelenboek: choose a file, see it as others will (square), say in a few words what is on
 * it (required: for people who cannot see it), and upload. The gateway crops it square and strips everything
 * but the pixels. `note` says who will see it (clients: only when they switch that on).
 */
export function PhotoForm({
  api,
  person,
  onChange,
  note,
}: {
  api: IntranetApi;
  person: Person;
  onChange: (person: Person) => void;
  note?: string;
}) {
  const { t } = useI18n();
  const inputId = useId();
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<string>();
  const [alt, setAlt] = useState('');
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!file) return setPreview(undefined);
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);
  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    setFile(event.target.files?.[0]);
    setMessage(undefined);
  };
  const upload = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setError(t('photo.needFile'));
    if (!alt.trim()) return setError(t('photo.needAlt'));
    setError(undefined);
    setBusy(true);
    try {
      const updated = await api.uploadMyPhoto(file, alt.trim());
      setFile(undefined);
      setAlt('');
      setMessage(t('photo.saved'));
      onChange(updated);
    } catch (e) {
      const state = toResourceState(e);
      setError(
        state.status === 'error' && state.error.status === 415 ? t('photo.wrongType') : t('photo.failed'),
      );
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    try {
      onChange(await api.deleteMyPhoto());
      setMessage(t('photo.removed'));
    } catch {
      setError(t('photo.failed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="pl-photo-form pl-stack"
      onSubmit={(e) => void upload(e)}
      aria-labelledby={`${inputId}-title`}
    >
      <h3 id={`${inputId}-title`}>{t('photo.title')}</h3>
      {note && <p>{note}</p>}
      <Avatar
        name={person.displayName}
        photo={preview ? undefined : person.photo}
        photoUrl={preview}
        alt={preview ? t('photo.preview') : (person.photo?.alt ?? '')}
        size="large"
      />
      <div className="pl-field">
        <label className="pl-field__label" htmlFor={inputId}>
          {t('photo.choose')}
        </label>
        <p className="pl-field__hint" id={`${inputId}-hint`}>
          {t('photo.chooseHint')}
        </p>
        <input
          id={inputId}
          type="file"
          accept={ACCEPT}
          onChange={choose}
          aria-describedby={`${inputId}-hint`}
        />
      </div>
      <TextField
        label={t('photo.alt')}
        hint={t('photo.altHint')}
        // Our own sentence says what is missing (the browser's own bubble is small and in its language).
        aria-required="true"
        error={error === t('photo.needAlt') ? error : undefined}
        value={alt}
        onChange={(e) => setAlt(e.target.value)}
        maxLength={200}
      />
      <div className="pl-actions">
        <Button type="submit" icon="camera" busy={busy} disabled={busy}>
          {t('photo.upload')}
        </Button>
        {person.photo && (
          <Button variant="secondary" icon="trash" disabled={busy} onClick={() => void remove()}>
            {t('photo.remove')}
          </Button>
        )}
      </div>
      {/* A missing description is said at its field; everything else here. */}
      <p role="status" className={error ? 'pl-field__error' : undefined}>
        {error === t('photo.needAlt') ? '' : (error ?? message)}
      </p>
    </form>
  );
}
