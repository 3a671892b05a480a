import {
  type Audience,
  Button,
  ChoiceCards,
  type Group,
  type IntranetApi,
  type Post,
  Select,
  TextArea,
  toResourceState,
  useI18n,
  useResource,
} from '@plein/ui';
import { type FormEvent, useState } from 'react';

/** Whether the caller may write in the group: its members and admins. */
export const isMember = (group: Group): boolean =>
  group.membership === 'admin' || group.membership === 'member';

type StaffAudience = Extract<Audience, 'followers' | 'organization' | 'group'>;

/**
 * Writing a post. Who will read it is the first thing to decide after the text, so it is shown as three
 * large choices with a sentence each (the story's lesson: "followers or the whole organisation, your own
 * timeline or a workgroup's").
 */
export function Composer({
  api,
  onPosted,
  fixedGroup,
}: {
  api: IntranetApi;
  onPosted: (post: Post) => void;
  /** On a group's page the post always goes to that group. */
  fixedGroup?: Group;
}) {
  const { t } = useI18n();
  const [body, setBody] = useState('');
  const [audience, setAudience] = useState<StaffAudience>(fixedGroup ? 'group' : 'organization');
  const [groupId, setGroupId] = useState(fixedGroup?.id ?? '');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);
  const [groups] = useResource(
    () => (fixedGroup ? Promise.resolve(undefined) : api.groups()),
    [api, fixedGroup],
  );
  const myGroups: Group[] =
    groups.status === 'ok' && groups.data ? groups.data.items.filter((g) => isMember(g)) : [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return setMessage({ kind: 'error', text: t('composer.empty') });
    if (audience === 'group' && !groupId) return setMessage({ kind: 'error', text: t('composer.needGroup') });
    setBusy(true);
    try {
      const post = await api.createPost({
        body: body.trim(),
        audience,
        ...(audience === 'group' ? { groupId } : {}),
      });
      setBody('');
      setMessage({ kind: 'ok', text: t('composer.posted') });
      onPosted(post);
    } catch (error) {
      const state = toResourceState(error);
      setMessage({
        kind: 'error',
        text: state.status === 'coming' ? t('composer.coming') : t('composer.failed'),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="pl-card pl-composer" onSubmit={(e) => void submit(e)} aria-labelledby="composer-title">
      <h2 id="composer-title">{t('composer.title')}</h2>
      <TextArea
        label={t('composer.label')}
        placeholder={t('composer.placeholder')}
        rows={3}
        value={body}
        onChange={(e) => setBody(e.target.value)}
      />
      {fixedGroup ? null : (
        <>
          <ChoiceCards<StaffAudience>
            legend={t('composer.audience')}
            name="audience"
            value={audience}
            onChange={setAudience}
            options={[
              {
                value: 'followers',
                label: t('composer.followers'),
                description: t('composer.followersText'),
                icon: 'people',
              },
              {
                value: 'organization',
                label: t('composer.organization'),
                description: t('composer.organizationText'),
                icon: 'building',
              },
              {
                value: 'group',
                label: t('composer.group'),
                description: t('composer.groupText'),
                icon: 'group',
              },
            ]}
          />
          {audience === 'group' &&
            (groups.status === 'coming' ? (
              <p className="pl-notice">{t('composer.groupsComing')}</p>
            ) : (
              <Select
                label={t('composer.pickGroup')}
                hint={t('composer.pickGroupHint')}
                value={groupId}
                onChange={(e) => setGroupId(e.target.value)}
              >
                <option value="">{t('composer.noGroup')}</option>
                {myGroups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </Select>
            ))}
        </>
      )}
      <div className="pl-composer__footer">
        <Button type="submit" icon="send" busy={busy} disabled={busy}>
          {t(`composer.submit.${audience}`)}
        </Button>
        <p role="status" className={message?.kind === 'error' ? 'pl-field__error' : 'pl-composer__ok'}>
          {message?.text}
        </p>
      </div>
    </form>
  );
}
