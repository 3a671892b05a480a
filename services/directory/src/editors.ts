import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { PleinError, type Principal, forbidden } from '@plein/contracts';
import { hasAnyRole } from '@plein/auth';

const isEditor = (p: Principal) =>
  p.realm === 'staff' && p.intranet === 'staff' && hasAnyRole(p, ['editor', 'admin']);

/** Locations, teams and functions are managed by editors and admins of the staff intranet. */
export const requireEditor = (p: Principal) => {
  if (!isEditor(p)) throw forbidden('Editors and admins manage locations, teams and functions');
};

export const conflict = (message: string) => new PleinError(409, 'conflict', message);

/**
 * Runs a write whose unique name was checked before; a name taken by a concurrent write in the meantime
 * reaches the unique index, and is the same conflict.
 */
export async function uniquely<T>(write: () => Promise<T>, message: string): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException) throw conflict(message);
    throw e;
  }
}
