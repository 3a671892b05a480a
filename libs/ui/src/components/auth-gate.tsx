import type { ReactNode } from 'react';
import { useAuth } from '../auth';
import { useT } from '../i18n';
import { ErrorState, Loading } from './states';

/**
 * What a portal shows while its login is decided: a quiet "starting" screen, a retry when Keycloak could not be
 * reached, the portal's welcome page (given the login action) to someone not logged in, and the portal itself
 * once they are. Both portals' messages have `welcome.starting` and `welcome.failed`.
 */
export function AuthGate({
  welcome,
  children,
}: {
  welcome: (login: () => void) => ReactNode;
  children: ReactNode;
}) {
  const auth = useAuth();
  const t = useT();
  switch (auth.status) {
    case 'starting':
      return (
        <div className="pl-welcome">
          <Loading label={t('welcome.starting')} />
        </div>
      );
    case 'failed':
      return (
        <div className="pl-welcome">
          <main id="inhoud">
            <ErrorState title={t('welcome.failed')} onRetry={() => window.location.reload()} />
          </main>
        </div>
      );
    case 'anonymous':
      return welcome(auth.login);
    case 'authenticated':
      return children;
  }
}
