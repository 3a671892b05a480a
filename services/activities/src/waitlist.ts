import type { EntityManager } from '@mikro-orm/postgresql';
import { SignupPromoted } from '@plein/contracts';
import { recordEvent } from '@plein/messaging';
import { SERVICE } from './activities.config.js';
import type { Activity } from './entities/activity.entity.js';
import { SignupRepository } from './repositories/signup.repository.js';

/**
 * Gives the free places to the waiting list, first come first served, each promotion with its one
 * `SignupPromoted` event in the same transaction. Call it only while holding the activity's row lock
 * (`ActivityRepository.findForUpdate`): then no other writer counts the same free place.
 */
export async function promoteWaiting(tx: EntityManager, a: Activity): Promise<string[]> {
  const signups = new SignupRepository(tx);
  const promoted: string[] = [];
  let confirmed = await signups.countConfirmed(a.id);
  while (confirmed < a.capacity) {
    const next = await signups.nextInLine(a.id);
    if (!next) break;
    next.state = 'confirmed';
    next.confirmedAt = new Date();
    await tx.flush();
    recordEvent(
      tx,
      SignupPromoted,
      {
        activityId: a.id,
        userId: next.userId,
        intranet: a.intranet,
        title: a.title,
        startsAt: a.startsAt.toISOString(),
      },
      SERVICE,
    );
    promoted.push(next.userId);
    confirmed++;
  }
  return promoted;
}
