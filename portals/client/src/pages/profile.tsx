import {
  Avatar,
  Button,
  Card,
  type ClientPrivacy,
  type ClientSharedField,
  Icon,
  PageHeader,
  type Person,
  PhotoForm,
  TextArea,
  Toggle,
  toResourceState,
  useI18n,
  useResource,
  useSession,
} from '@plein/ui';
import { type FormEvent, useState } from 'react';
import { useClientApi } from '../api';

/** The three choices this page offers; other shared fields a client chose elsewhere are kept as they are. */
interface Choice {
  listed: boolean;
  photo: boolean;
  about: boolean;
}

/** What the stored privacy means for the three switches: nothing is on unless the client opted in. */
function choiceOf(privacy: ClientPrivacy | undefined): Choice {
  const on = privacy?.optedIn ?? false;
  const shared = new Set(privacy?.sharedFields ?? []);
  return { listed: on, photo: on && shared.has('photo'), about: on && shared.has('about') };
}

/** The `privacy` of `PATCH /people/me` for these switches. */
function privacyOf(choice: Choice, before: ClientPrivacy | undefined): ClientPrivacy {
  const kept = (before?.sharedFields ?? []).filter((f) => f !== 'photo' && f !== 'about');
  const sharedFields: ClientSharedField[] = [
    ...(before?.optedIn ? kept : []),
    ...(choice.photo ? (['photo'] as const) : []),
    ...(choice.about ? (['about'] as const) : []),
  ];
  return { optedIn: choice.listed, sharedFields };
}

/**
 * A client's own profile: three yes/no choices, each with what it means in one or two short sentences.
 * Everything is off until the client switches it on (privacy first). When the directory service is not
 * there yet, the choices are shown but saving says it is coming soon.
 */
export function ProfilePage() {
  const { t } = useI18n();
  const api = useClientApi();
  const session = useSession();
  const [person] = useResource(() => api.myProfile(), [api]);
  const loaded: Person | undefined = person.status === 'ok' ? person.data : undefined;
  const [photoOf, setPhotoOf] = useState<Person>();
  return (
    <>
      <PageHeader title={t('profile.title')} intro={t('profile.intro')} />
      <div className="pl-stack">
        <Card className="pl-stack">
          <p>{t('profile.you', { name: session.displayName })}</p>
          {loaded ? (
            <PhotoForm
              api={api}
              person={photoOf ?? loaded}
              onChange={setPhotoOf}
              note={t('profile.photoNote')}
            />
          ) : (
            <Avatar name={session.displayName} size="large" />
          )}
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
  const [saved, setSaved] = useState(initial?.privacy);
  const [choice, setChoice] = useState<Choice>(choiceOf(initial?.privacy));
  const [about, setAbout] = useState(initial?.about ?? '');
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const person = await api.updateMyProfile({
        privacy: privacyOf(choice, saved),
        ...(choice.about ? { about: about.trim() || null } : {}),
      });
      setSaved(person.privacy);
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
        checked={choice.listed}
        onChange={(listed) => setChoice({ ...choice, listed })}
      />
      <Toggle
        label={t('profile.photo')}
        description={t('profile.photoText')}
        checked={choice.photo}
        onChange={(photo) => setChoice({ ...choice, photo })}
      />
      <Toggle
        label={t('profile.aboutOn')}
        description={t('profile.aboutText')}
        checked={choice.about}
        onChange={(on) => setChoice({ ...choice, about: on })}
      />
      {choice.about && (
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
