import { type Realm, documentsApi, howtoApi, intranetApi, moderationApi, useApi } from '@plein/ui';

/** The client intranet's API (`/api/client/v1`). The client portal never calls any other tree. */
export const CLIENT_API = '/api/client/v1';
export const useClientApi = () => useApi(CLIENT_API, intranetApi);

export const BASE = '/mijn/';
const REALM_KEY = 'plein.mijn.realm';

/**
 * Clients log in in the clients realm. Staff may enter the client intranet too (`/mijn/?als=medewerker`),
 * logging in with their staff account; the choice lasts for this browser tab only.
 */
export function chosenRealm(): Realm {
  const params = new URLSearchParams(window.location.search);
  if (params.get('als') === 'medewerker') sessionStorage.setItem(REALM_KEY, 'staff');
  if (params.get('als') === 'client') sessionStorage.removeItem(REALM_KEY);
  return sessionStorage.getItem(REALM_KEY) === 'staff' ? 'staff' : 'clients';
}

export const useHowtoApi = () => useApi(CLIENT_API, howtoApi);
export const useModerationApi = () => useApi(CLIENT_API, moderationApi);
export const useDocumentsApi = () => useApi(CLIENT_API, documentsApi);
