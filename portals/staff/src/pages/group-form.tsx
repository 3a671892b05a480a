import {
  Button,
  ChoiceCards,
  type GroupKind,
  type IntranetApi,
  TextArea,
  TextField,
  useI18n,
  useRouter,
} from '@plein/ui';
import { type FormEvent, useState } from 'react';

/** A new group: a name, what it is for, and who may join. The maker becomes its admin and first member. */
export function GroupForm({ api }: { api: IntranetApi }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [kind, setKind] = useState<GroupKind>('open');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError(t('groupForm.needName'));
    setBusy(true);
    try {
      const group = await api.createGroup({ name: name.trim(), description: description.trim(), kind });
      navigate(`/groepen/${group.id}`);
    } catch {
      setError(t('groupForm.failed'));
      setBusy(false);
    }
  };
  return (
    <details className="pl-card">
      <summary>
        <strong>{t('groupForm.open')}</strong>
      </summary>
      <form className="pl-stack" onSubmit={(e) => void submit(e)}>
        <TextField
          label={t('groupForm.name')}
          value={name}
          maxLength={120}
          onChange={(e) => setName(e.target.value)}
          error={error === t('groupForm.needName') ? error : undefined}
        />
        <TextArea
          label={t('groupForm.description')}
          hint={t('groupForm.descriptionHint')}
          rows={2}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <ChoiceCards<GroupKind>
          legend={t('groupForm.kind')}
          name="group-kind"
          value={kind}
          onChange={setKind}
          options={[
            {
              value: 'open',
              label: t('groupForm.open.label'),
              description: t('groupForm.open.text'),
              icon: 'group',
            },
            {
              value: 'closed',
              label: t('groupForm.closed.label'),
              description: t('groupForm.closed.text'),
              icon: 'lock',
            },
          ]}
        />
        <Button type="submit" icon="plus" busy={busy} disabled={busy}>
          {t('groupForm.submit')}
        </Button>
        <p role="status" className="pl-field__error">
          {error && error !== t('groupForm.needName') ? error : ''}
        </p>
      </form>
    </details>
  );
}
