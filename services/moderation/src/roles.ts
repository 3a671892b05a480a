import { hasRole } from '@plein/auth';
import type { Principal } from '@plein/contracts';

/** Editors (redactie, staff realm) decide on submissions. */
export const isEditor = (p: Principal) => p.realm === 'staff' && hasRole(p, 'editor');
/** Client editors (clients realm) read the client queue and comment; they never decide or edit. */
export const isClientEditor = (p: Principal) =>
  p.realm === 'clients' && p.intranet === 'client' && hasRole(p, 'client-editor');
/** Moderators (staff realm) work the report queue. */
export const isModerator = (p: Principal) => p.realm === 'staff' && hasRole(p, 'moderator');
/** The editorial board of this intranet: editors, and in the client intranet the client editors. */
export const onBoard = (p: Principal) => isEditor(p) || isClientEditor(p);
