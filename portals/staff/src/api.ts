import {
  type ApiClient,
  adminApi,
  auditApi,
  documentsApi,
  handbookApi,
  intranetApi,
  moderationApi,
  questionsApi,
  useApi,
} from '@plein/ui';

/** The staff intranet's API (`/api/staff/v1`); staff-realm tokens only. */
export const STAFF_API = '/api/staff/v1';
export const ADMIN_API = '/api/admin/v1';

export const useStaffApi = () => useApi(STAFF_API, intranetApi);
export const useAdminApi = () => useApi(ADMIN_API, adminApi);

/** The client portal, where staff may look too (logging in with their staff account). */
export const CLIENT_PORTAL_AS_STAFF = '/mijn/?als=medewerker';

export const useQuestionsApi = () => useApi(STAFF_API, questionsApi);
export const useHandbookApi = () => useApi(STAFF_API, handbookApi);

export interface ClientStart {
  id: string;
  username: string;
  startCode: string;
}
export interface ClientAccount {
  id: string;
  username: string;
  displayName: string;
  accountState: 'active' | 'disabled' | 'removed';
  startCodePending: boolean;
  startCodeIssuedAt: string | null;
}

/** Mentors' client accounts (`/api/staff/v1/clients`). */
function clientAccountsApi(http: ApiClient) {
  return {
    list: () => http.get<{ items: ClientAccount[] }>('/clients'),
    create: (input: { firstName: string; lastName?: string; username?: string }) =>
      http.post<ClientStart>('/clients', input),
    reset: (id: string) => http.post<ClientStart>(`/clients/${id}/reset`),
    /** The start letter as an object URL (the PDF is behind the token). */
    letter: (id: string) => http.objectUrl(`${STAFF_API}/clients/${id}/start-letter.pdf`),
  };
}
export const useClientAccountsApi = () => useApi(STAFF_API, clientAccountsApi);

export interface ErasureReport {
  id: string;
  state: 'pending' | 'done' | 'overdue';
  services: {
    service: string;
    confirmedAt?: string;
    removed: Record<string, number>;
    anonymised: Record<string, number>;
    overdue: boolean;
  }[];
}
export interface RealmDrift {
  inSync: boolean;
  differences: { realm: string; kind: string; name: string; difference: string; detail: string }[];
}

/** Erasure, the realm drift check and the on-demand sync (`/api/admin/v1`). */
function identityAdminApi(http: ApiClient) {
  return {
    erase: (userId: string) => http.post<{ id: string }>(`/users/${userId}/erasure`),
    erasure: (id: string) => http.get<ErasureReport>(`/erasures/${id}`),
    drift: () => http.get<RealmDrift>('/realms/drift'),
    sync: () => http.post<{ realms: { realm: string; seen: number }[] }>('/identity/sync'),
  };
}
export const useIdentityAdminApi = () => useApi(ADMIN_API, identityAdminApi);
/** Moderation in both intranets (staff may act in the client intranet's tree too), and the admins' audit log. */
export const CLIENT_API = '/api/client/v1';
export const useStaffModerationApi = () => useApi(STAFF_API, moderationApi);
export const useClientModerationApi = () => useApi(CLIENT_API, moderationApi);
export const useAuditApi = () => useApi(ADMIN_API, auditApi);
export const useDocumentsApi = () => useApi(STAFF_API, documentsApi);
