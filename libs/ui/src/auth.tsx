import Keycloak from 'keycloak-js';
import { type ReactNode, createContext, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { ApiClient } from './api/api-client';
import type { Realm } from './api/types';

/** What the gateway tells a portal at `GET /api/portal/config`: where to log in. */
export interface PortalConfig {
  keycloakUrl: string;
  realms: Record<Realm, { realm: string; clientId: string }>;
}

export type AuthState =
  | { status: 'starting' }
  | { status: 'anonymous'; login: () => void }
  | { status: 'failed'; message: string }
  | { status: 'authenticated'; session: Session };

export interface Session {
  realm: Realm;
  username: string;
  displayName: string;
  roles: string[];
  /** Where Keycloak is (for a link to its admin console). */
  keycloakUrl: string;
  /** A fresh access token (refreshed when it is about to expire). */
  token: () => Promise<string | undefined>;
  /** The HTTP client of a route tree, e.g. `/api/staff/v1`. */
  client: (base: string) => ApiClient;
  logout: () => void;
}

const AuthContext = createContext<AuthState>({ status: 'starting' });

/**
 * "Someone logged in to this realm in this browser before" (a flag, nothing personal): only then does the
 * portal ask Keycloak for a session on opening (a round trip through Keycloak's pages). A first visitor sees
 * the welcome page at once; a slow connection makes that difference seconds.
 */
const SIGNED_IN = (realm: Realm) => `plein:signed-in:${realm}`;
export function signedInBefore(realm: Realm): boolean {
  try {
    return window.localStorage.getItem(SIGNED_IN(realm)) === '1';
  } catch {
    return true; // no storage: ask Keycloak, as before
  }
}
function rememberSignedIn(realm: Realm, yes: boolean): void {
  try {
    if (yes) window.localStorage.setItem(SIGNED_IN(realm), '1');
    else window.localStorage.removeItem(SIGNED_IN(realm));
  } catch {
    // private mode: nothing to remember
  }
}
/** Keycloak sent the browser back here (after logging in, or with an answer to a silent check). */
const isKeycloakCallback = () => /[?&#](code|error)=/.test(window.location.search + window.location.hash);

/**
 * Logs in through Keycloak (authorization code + PKCE S256) in the given realm. The tokens live only in
 * memory; a reload asks Keycloak again (its own session cookie), so nothing is left behind in the browser.
 */
export function AuthProvider({
  realm,
  base,
  language,
  children,
}: {
  realm: Realm;
  base: string;
  language: string;
  children: ReactNode;
}) {
  const languageRef = useRef(language);
  languageRef.current = language;
  // The Keycloak adapter once it is set up; the welcome page's button may be pressed before that.
  const adapter = useRef<{ ready: Promise<Keycloak>; resolve: (k: Keycloak) => void } | null>(null);
  if (!adapter.current) {
    let resolve!: (k: Keycloak) => void;
    const ready = new Promise<Keycloak>((r) => (resolve = r));
    adapter.current = { ready, resolve };
  }
  const login = () =>
    void adapter.current!.ready.then((k) =>
      k.login({ locale: languageRef.current, redirectUri: window.location.href }),
    );
  const [state, setState] = useState<AuthState>(() =>
    signedInBefore(realm) || isKeycloakCallback() ? { status: 'starting' } : { status: 'anonymous', login },
  );
  useEffect(() => {
    let cancelled = false;
    const start = async () => {
      const response = await fetch('/api/portal/config', { headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`portal config: ${response.status}`);
      const config = (await response.json()) as PortalConfig;
      const { realm: realmName, clientId } = config.realms[realm];
      const keycloak = new Keycloak({ url: config.keycloakUrl, realm: realmName, clientId });
      const home = window.location.origin + base;
      const authenticated = await keycloak.init({
        // without onLoad the adapter still completes a login Keycloak sent back here
        ...(signedInBefore(realm) ? { onLoad: 'check-sso' as const } : {}),
        pkceMethod: 'S256',
        checkLoginIframe: false,
        responseMode: 'query',
      });
      adapter.current!.resolve(keycloak);
      rememberSignedIn(realm, authenticated);
      if (cancelled) return;
      if (!authenticated) {
        setState((current) => (current.status === 'anonymous' ? current : { status: 'anonymous', login }));
        return;
      }
      const token = async () => {
        try {
          await keycloak.updateToken(30);
        } catch {
          await keycloak.login({ locale: languageRef.current });
        }
        return keycloak.token;
      };
      // Session refresh: renew shortly before the access token expires, as long as the page is open.
      keycloak.onTokenExpired = () => void token();
      const parsed = keycloak.tokenParsed as
        { preferred_username?: string; name?: string; realm_access?: { roles?: string[] } } | undefined;
      setState({
        status: 'authenticated',
        session: {
          realm,
          username: parsed?.preferred_username ?? '',
          displayName: parsed?.name ?? parsed?.preferred_username ?? '',
          roles: parsed?.realm_access?.roles ?? [],
          keycloakUrl: config.keycloakUrl,
          token,
          client: (apiBase) => new ApiClient(apiBase, token),
          logout: () => {
            rememberSignedIn(realm, false);
            void keycloak.logout({ redirectUri: home });
          },
        },
      });
    };
    start().catch((error: unknown) => {
      if (!cancelled)
        setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
    });
    return () => {
      cancelled = true;
    };
  }, [realm, base]);
  return <AuthContext.Provider value={state}>{children}</AuthContext.Provider>;
}

export const useAuth = (): AuthState => useContext(AuthContext);

export function useSession(): Session {
  const state = useAuth();
  if (state.status !== 'authenticated') throw new Error('useSession needs a logged-in user');
  return state.session;
}

export const hasRole = (session: Session, role: string): boolean => session.roles.includes(role);

/** Keep the memo helper here so portals do not rebuild API clients on every render. */
export function useApi<T>(base: string, make: (client: ApiClient) => T): T {
  const session = useSession();
  return useMemo(() => make(session.client(base)), [session, base]);
}
