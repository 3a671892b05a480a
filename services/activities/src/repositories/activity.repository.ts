import { randomUUID } from 'node:crypto';
import { type EntityManager, type FilterQuery, LockMode } from '@mikro-orm/postgresql';
import { type Activity, ActivityEntity } from '../entities/activity.entity.js';

export interface ActivityListFilter {
  intranet: 'staff' | 'client';
  readerId: string;
  groupIds: readonly string[];
  from: Date;
  to?: Date;
  /** Only these activities (what someone takes part in). */
  ids?: readonly string[];
  after?: { startsAt: Date; id: string };
  limit: number;
}

/** Activities: the one place that knows how they are stored. Construct it with the `em` in use. */
export class ActivityRepository {
  constructor(private readonly em: EntityManager) {}

  find(id: string): Promise<Activity | null> {
    return this.em.findOne(ActivityEntity, { id });
  }

  /**
   * The activity, locked until the transaction ends (SELECT … FOR UPDATE): sign-ups, cancellations and
   * capacity changes of one activity go one at a time, so its places are counted by one writer at a time.
   */
  findForUpdate(id: string): Promise<Activity | null> {
    return this.em.findOne(ActivityEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /** Soonest first, narrowed by the reader's scope in the database; the service still applies the rule. */
  list(f: ActivityListFilter): Promise<Activity[]> {
    const and: FilterQuery<Activity>[] = [
      { intranet: f.intranet },
      {
        $or: [
          { audience: 'organization' },
          { groupId: { $in: [...f.groupIds] } },
          { organiserId: f.readerId },
        ],
      },
      { endsAt: { $gt: f.from } },
    ];
    if (f.to) and.push({ startsAt: { $lt: f.to } });
    if (f.ids) and.push({ id: { $in: [...f.ids] } });
    if (f.after)
      and.push({
        $or: [
          { startsAt: { $gt: f.after.startsAt } },
          { startsAt: f.after.startsAt, id: { $gt: f.after.id } },
        ],
      });
    return this.em.find(
      ActivityEntity,
      { $and: and },
      { orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], limit: f.limit },
    );
  }

  byIds(ids: readonly string[]): Promise<Activity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.em.find(ActivityEntity, { id: { $in: [...ids] } }, { orderBy: { startsAt: 'asc' } });
  }

  create(data: Omit<Activity, 'id' | 'createdAt' | 'updatedAt'>): Activity {
    return this.em.create(ActivityEntity, { id: randomUUID(), ...data });
  }

  remove(a: Activity): void {
    this.em.remove(a);
  }

  organisedBy(userId: string): Promise<Activity[]> {
    return this.em.find(ActivityEntity, { organiserId: userId });
  }

  /** Activities starting within (from, until]: the reminder scheduler's window. */
  startingBetween(from: Date, until: Date): Promise<Activity[]> {
    return this.em.find(ActivityEntity, { startsAt: { $gt: from, $lte: until } });
  }

  exportPage(after: string | undefined, limit: number): Promise<Activity[]> {
    return this.em.find(ActivityEntity, after ? { id: { $gt: after } } : {}, {
      orderBy: { id: 'asc' },
      limit,
    });
  }
}
