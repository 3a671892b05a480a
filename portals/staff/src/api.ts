import { adminApi, documentsApi, handbookApi, intranetApi, questionsApi, useApi } from '@plein/ui';

/** The staff intranet's API (`/api/staff/v1`); staff-realm tokens only. */
export const STAFF_API = '/api/staff/v1';
export const ADMIN_API = '/api/admin/v1';

export const useStaffApi = () => useApi(STAFF_API, intranetApi);
export const useAdminApi = () => useApi(ADMIN_API, adminApi);

/** The client portal, where staff may look too (logging in with their staff account). */
export const CLIENT_PORTAL_AS_STAFF = '/mijn/?als=medewerker';

export const useQuestionsApi = () => useApi(STAFF_API, questionsApi);
export const useHandbookApi = () => useApi(STAFF_API, handbookApi);
export const useDocumentsApi = () => useApi(STAFF_API, documentsApi);
