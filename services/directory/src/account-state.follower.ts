import type { EntityManager } from '@mikro-orm/postgresql';
import { ProfileUpdated } from '@plein/contracts';
import { recordProfileEvent } from './profile.store.js';

/**
 * Follows identity's `user.deactivated` / `user.reactivated`: a deactivated person leaves every directory read
 * (and, through the profile.updated it records with `active: false`, the search index); reactivated, they are
 * back as they were (a client's opt-in and shared fields untouched). The latest event wins whichever consumer
 * sees it first; a deactivation that arrives before the profile is applied when the profile is created.
 */
export async function followAccountState(
  tx: EntityManager,
  userId: string,
  state: { active: true } | { active: false; reason: 'disabled' | 'removed' },
  occurredAt: string,
): Promise<void> {
  const newer = await tx.execute<{ user_id: string }[]>(
    `insert into "directory"."account_states" (user_id, active, reason, changed_at) values (?, ?, ?, ?)
     on conflict (user_id) do update
       set active = excluded.active, reason = excluded.reason, changed_at = excluded.changed_at
       where "account_states".changed_at < excluded.changed_at
     returning user_id`,
    [userId, state.active, state.active ? null : state.reason, occurredAt],
  );
  if (newer.length === 0) return;
  const changed = await tx.execute<{ user_id: string }[]>(
    `update "directory"."profiles" set active = ?, updated_at = now() where user_id = ? and active <> ?
     returning user_id`,
    [state.active, userId, state.active],
  );
  if (changed.length > 0) await recordProfileEvent(tx, ProfileUpdated, userId);
}
