import { randomUUID } from 'node:crypto';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { SignupState } from '@plein/contracts';
import { type Signup, SignupEntity } from '../entities/signup.entity.js';
import { type SignupCountRow, signupCountsQuery } from '../signup.query.js';

export interface SignupCounts {
  confirmed: number;
  waitlisted: number;
}

/** Sign-ups and the waiting list of activities. */
export class SignupRepository {
  constructor(private readonly em: EntityManager) {}

  find(activityId: string, userId: string): Promise<Signup | null> {
    return this.em.findOne(SignupEntity, { activityId, userId });
  }

  /** Whom these people signed up as, per activity (the caller's own, a mentor's clients). */
  ofPeople(activityIds: readonly string[], userIds: readonly string[]): Promise<Signup[]> {
    if (activityIds.length === 0 || userIds.length === 0) return Promise.resolve([]);
    return this.em.find(SignupEntity, {
      activityId: { $in: [...activityIds] },
      userId: { $in: [...userIds] },
    });
  }

  ofUser(userId: string): Promise<Signup[]> {
    return this.em.find(SignupEntity, { userId }, { orderBy: { queuedAt: 'asc' } });
  }

  /** Everyone on an activity: the confirmed by when they got their place, then the waiting list in order. */
  ofActivity(activityId: string): Promise<Signup[]> {
    return this.em.find(
      SignupEntity,
      { activityId },
      { orderBy: [{ state: 'asc' }, { queuedAt: 'asc' }, { id: 'asc' }] },
    );
  }

  countConfirmed(activityId: string): Promise<number> {
    return this.em.count(SignupEntity, { activityId, state: 'confirmed' });
  }

  async counts(activityIds: readonly string[]): Promise<Map<string, SignupCounts>> {
    const out = new Map<string, SignupCounts>();
    if (activityIds.length === 0) return out;
    const q = signupCountsQuery(activityIds);
    for (const r of await this.em.execute<SignupCountRow[]>(q.sql, q.params))
      out.set(r.activity_id, { confirmed: Number(r.confirmed), waitlisted: Number(r.waitlisted) });
    return out;
  }

  /** 1 for the next in line. */
  async position(s: Signup): Promise<number> {
    const ahead = await this.em.count(SignupEntity, {
      activityId: s.activityId,
      state: 'waitlisted',
      $or: [{ queuedAt: { $lt: s.queuedAt } }, { queuedAt: s.queuedAt, id: { $lt: s.id } }],
    });
    return ahead + 1;
  }

  /** The next on the waiting list (in the transaction that holds the activity's lock). */
  nextInLine(activityId: string): Promise<Signup | null> {
    return this.em.findOne(
      SignupEntity,
      { activityId, state: 'waitlisted' },
      { orderBy: [{ queuedAt: 'asc' }, { id: 'asc' }] },
    );
  }

  create(data: {
    activityId: string;
    userId: string;
    personKind: 'staff' | 'client';
    state: SignupState;
    signedUpById: string | null;
  }): Signup {
    const now = new Date();
    return this.em.create(SignupEntity, {
      id: randomUUID(),
      ...data,
      queuedAt: now,
      confirmedAt: data.state === 'confirmed' ? now : null,
      remindedAt: null,
    });
  }

  remove(s: Signup): void {
    this.em.remove(s);
  }

  /**
   * Confirmed sign-ups not yet reminded whose activity starts between `now` and `until`, locked; rows another
   * replica holds are skipped (FOR UPDATE SKIP LOCKED), so each reminder is emitted by one replica only.
   */
  dueForReminder(activityIds: readonly string[], limit: number): Promise<Signup[]> {
    if (activityIds.length === 0) return Promise.resolve([]);
    return this.em.find(
      SignupEntity,
      { activityId: { $in: [...activityIds] }, state: 'confirmed', remindedAt: null },
      { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE, limit, orderBy: { id: 'asc' } },
    );
  }

  signedUpBy(userId: string): Promise<Signup[]> {
    return this.em.find(SignupEntity, { signedUpById: userId });
  }
}
