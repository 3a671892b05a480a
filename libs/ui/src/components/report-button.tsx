import { type FormEvent, useState } from 'react';
import type { IntranetApi } from '../api/endpoints';
import { useI18n } from '../i18n';
import { Button } from './button';
import { TextArea } from './form';

/** "Melden" on a piece of content: a reason, sent to the moderators; the author never learns who reported. */
export function ReportButton({
  api,
  contentType,
  contentId,
  parentId,
}: {
  api: Pick<IntranetApi, 'report'>;
  contentType: 'post' | 'comment' | 'question' | 'answer' | 'article';
  contentId: string;
  parentId?: string;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [state, setState] = useState<'idle' | 'busy' | 'done' | 'failed'>('idle');
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return;
    setState('busy');
    try {
      await api.report({ contentType, contentId, ...(parentId ? { parentId } : {}), reason: reason.trim() });
      setState('done');
      setOpen(false);
    } catch {
      setState('failed');
    }
  };
  if (state === 'done')
    return (
      <p className="pl-report__done" role="status">
        {t('mod.report.done')}
      </p>
    );
  if (!open)
    return (
      <Button variant="quiet" icon="megaphone" onClick={() => setOpen(true)}>
        {t('mod.report')}
      </Button>
    );
  return (
    <form className="pl-report" onSubmit={(e) => void send(e)}>
      <TextArea
        label={t('mod.report.reason')}
        hint={t('mod.report.hint')}
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
      />
      <div className="pl-post__actions">
        <Button type="submit" variant="secondary" icon="send" busy={state === 'busy'}>
          {t('mod.report.send')}
        </Button>
        <Button variant="quiet" onClick={() => setOpen(false)}>
          {t('mod.report.cancel')}
        </Button>
      </div>
      {state === 'failed' && (
        <p className="pl-field__error" role="alert">
          {t('mod.report.failed')}
        </p>
      )}
    </form>
  );
}
