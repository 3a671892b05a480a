import {
  Avatar,
  Button,
  Card,
  type ClientOptIn,
  Icon,
  PageHeader,
  type Person,
  TextArea,
  Toggle,
  toResourceState,
  useI18n,
  useResource,
  useSession,
} from '@plein/ui';
import { type FormEvent, useState } from 'react';
import { useClientApi } from '../api';

const NOTHING_SHARED: ClientOptIn = { listed: false, photo: false, about: false };

/**
 * A client's own profile: three yes/no choices, each with what it means in one or two short sentences.
 * Everything is off until the client switches it on (privacy first). When the directory service is not
 * there yet, the choices are shown but saving says it is coming soon.
 */
export function ProfilePage() {
  const { t } = useI18n();
  const api = useClientApi();
  const session = useSession();
  const [me] = useResource(() => api.me(), [api]);
  const [person] = useResource(
    () => (me.status === 'ok' ? api.person(me.data.id) : Promise.resolve(undefined)),
    [api, me],
  );
  const loaded: Person | undefined = person.status === 'ok' ? person.data : undefined;
  return (
    <>
      <PageHeader title={t('profile.title')} intro={t('profile.intro')} />
      <div className="pl-stack">
        <Card className="pl-profile">
          <Avatar
            name={session.displayName}
            photoUrl={loaded?.optIn?.photo ? loaded.photoUrl : undefined}
            size="large"
          />
          <p>{t('profile.you', { name: session.displayName })}</p>
        </Card>
        <div className="pl-notice">
          <Icon name="info" />
          <div>
            <h2>{t('profile.explain.title')}</h2>
            <p>{t('profile.explain.text')}</p>
          </div>
        </div>
        <Choices key={loaded?.id ?? 'new'} initial={loaded} />
      </div>
    </>
  );
}

function Choices({ initial }: { initial?: Person }) {
  const { t } = useI18n();
  const api = useClientApi();
  const [optIn, setOptIn] = useState<ClientOptIn>({ ...NOTHING_SHARED, ...initial?.optIn });
  const [about, setAbout] = useState(initial?.about ?? '');
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api.updateMyProfile({ optIn, ...(optIn.about ? { about } : {}) });
      setMessage({ ok: true, text: t('profile.saved') });
    } catch (error) {
      const coming = toResourceState(error).status === 'coming';
      setMessage({ ok: false, text: coming ? t('profile.coming') : t('profile.failed') });
    }
  };
  return (
    <form className="pl-card" onSubmit={(e) => void submit(e)}>
      <Toggle
        label={t('profile.listed')}
        description={t('profile.listedText')}
        checked={optIn.listed}
        onChange={(listed) => setOptIn({ ...optIn, listed })}
      />
      <Toggle
        label={t('profile.photo')}
        description={t('profile.photoText')}
        checked={optIn.photo}
        onChange={(photo) => setOptIn({ ...optIn, photo })}
      />
      <Toggle
        label={t('profile.aboutOn')}
        description={t('profile.aboutText')}
        checked={optIn.about}
        onChange={(on) => setOptIn({ ...optIn, about: on })}
      />
      {optIn.about && (
        <TextArea
          label={t('profile.aboutLabel')}
          hint={t('profile.aboutHint')}
          rows={3}
          value={about}
          onChange={(e) => setAbout(e.target.value)}
        />
      )}
      <Button type="submit" icon="check">
        {t('profile.save')}
      </Button>
      <p role="status" className={message && !message.ok ? 'pl-field__error' : undefined}>
        {message?.text}
      </p>
    </form>
  );
}
