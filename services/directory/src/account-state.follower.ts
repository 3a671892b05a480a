import type { EntityManager } from '@mikro-orm/postgresql';
import { ProfileUpdated } from '@plein/contracts';
import { recordProfileEvent } from './profile.store.js';
import { ProfileRepository } from './repositories/profile.repository.js';

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
  const profiles = new ProfileRepository(tx);
  const applied = await profiles.followAccountState(
    userId,
    { active: state.active, reason: state.active ? null : state.reason },
    new Date(occurredAt),
  );
  if (!applied) return;
  const profile = await profiles.findForUpdate(userId);
  if (!profile || profile.active === state.active) return;
  Object.assign(profile, { active: state.active, updatedAt: new Date() });
  await profiles.flush();
  await recordProfileEvent(tx, ProfileUpdated, userId);
}
