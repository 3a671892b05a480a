import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  type Activity as ActivityView,
  ActivityCreate,
  ActivityCreated,
  ActivityDeleted,
  type ActivityListQuery,
  type ActivityPage,
  type ActivityPatch,
  ActivityUpdated,
  type MySignup,
  PleinError,
  type Principal,
  badRequest,
  forbidden,
  notFound,
} from '@plein/contracts';
import { recordEvent } from '@plein/messaging';
import { SERVICE } from './activities.config.js';
import { fullOf, indexedOf, mySignupOf, summaryOf } from './activity.views.js';
import type { Activity } from './entities/activity.entity.js';
import { type ActivityReader, ReaderService } from './reader.service.js';
import { ActivityRepository } from './repositories/activity.repository.js';
import { SignupRepository } from './repositories/signup.repository.js';
import { promoteWaiting } from './waitlist.js';

const WEEK_MS = 7 * 24 * 3600 * 1000;

const encodeCursor = (a: Activity) =>
  Buffer.from(JSON.stringify([a.startsAt.toISOString(), a.id])).toString('base64url');
function decodeCursor(cursor: string): { startsAt: Date; id: string } {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'string' && /^[0-9a-f-]{36}$/.test(String(v[1]))) {
      const startsAt = new Date(v[0]);
      if (!Number.isNaN(startsAt.getTime())) return { startsAt, id: String(v[1]) };
    }
  } catch {
    // fall through
  }
  throw badRequest('The cursor is not one this list gave out');
}

/** A rule of the activity itself that the input breaks (the input is well-formed): 422 with the reason. */
export const unprocessable = (code: string, message: string, details?: unknown) =>
  new PleinError(422, code, message, details);

/** Making, listing, reading, changing and removing activities. */
@Injectable()
export class ActivityService {
  constructor(
    private readonly em: EntityManager,
    private readonly readers: ReaderService,
  ) {}

  /** A readable activity or 404: whoever may not see it cannot tell it exists. */
  static async readable(repo: ActivityRepository, id: string, reader: ActivityReader, lock = false) {
    const a = lock ? await repo.findForUpdate(id) : await repo.find(id);
    if (!a || !reader.canRead(a)) throw notFound('No such activity');
    return a;
  }

  async list(query: ActivityListQuery, principal: Principal): Promise<ActivityPage> {
    const reader = await this.readers.of(principal);
    const signups = new SignupRepository(this.em);
    const from = query.from ? new Date(query.from) : new Date();
    const to = query.to ? new Date(query.to) : undefined;
    if (to && to <= from) throw badRequest('to must be after from');
    let ids: string[] | undefined;
    if (query.mine === 'true') {
      const own = await signups.ofUser(principal.userId);
      const made = await signups.signedUpBy(principal.userId);
      ids = [...new Set([...own, ...made].map((s) => s.activityId))];
      if (ids.length === 0) return { items: [] };
    }
    const rows = await new ActivityRepository(this.em).list({
      intranet: principal.intranet,
      readerId: principal.userId,
      groupIds: reader.groupIds,
      from,
      ...(to ? { to } : {}),
      ...(ids ? { ids } : {}),
      ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}),
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit).filter((a) => reader.canRead(a));
    const activityIds = page.map((a) => a.id);
    const counts = await signups.counts(activityIds);
    const mine = new Map<string, MySignup>();
    for (const s of await signups.ofPeople(activityIds, [principal.userId])) {
      const m = await mySignupOf(signups, s);
      if (m) mine.set(s.activityId, m);
    }
    const now = new Date();
    const items = page.map((a) => summaryOf(a, counts.get(a.id), mine.get(a.id), reader, now));
    const last = rows[query.limit - 1];
    return rows.length > query.limit && last ? { items, nextCursor: encodeCursor(last) } : { items };
  }

  async create(input: ActivityCreate, principal: Principal): Promise<ActivityView> {
    const reader = await this.readers.of(principal);
    if (!reader.isStaff) throw forbidden('Only staff organise activities');
    if (input.groupId && !reader.groupIds.includes(input.groupId))
      throw forbidden('You can only organise for a group you are a member of');
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    const deadline = input.signupDeadline ? new Date(input.signupDeadline) : startsAt;
    // the contract says so already; the service checks again, as every boundary does
    if (endsAt <= startsAt) throw badRequest('endsAt must be after startsAt');
    if (deadline > startsAt) throw badRequest('signupDeadline must not be after startsAt');
    const occurrences = input.repeatWeekly ?? 1;
    const seriesId = occurrences > 1 ? randomUUID() : null;
    return this.em.transactional(async (tx) => {
      const repo = new ActivityRepository(tx);
      const made: Activity[] = [];
      for (let i = 0; i < occurrences; i++) {
        const shift = i * WEEK_MS;
        made.push(
          repo.create({
            intranet: principal.intranet,
            audience: input.groupId ? 'group' : 'organization',
            groupId: input.groupId ?? null,
            organiserId: principal.userId,
            seriesId,
            title: input.title.trim(),
            description: input.description,
            location: input.location.trim(),
            startsAt: new Date(startsAt.getTime() + shift),
            endsAt: new Date(endsAt.getTime() + shift),
            signupDeadline: new Date(deadline.getTime() + shift),
            capacity: input.capacity,
            imageUrl: input.image?.url ?? null,
            imageAlt: input.image?.alt ?? null,
          }),
        );
      }
      await tx.flush();
      for (const a of made) recordEvent(tx, ActivityCreated, indexedOf(a), SERVICE);
      const first = made[0]!;
      return fullOf(summaryOf(first, undefined, undefined, reader), first);
    });
  }

  async get(id: string, principal: Principal): Promise<ActivityView> {
    const reader = await this.readers.of(principal);
    const a = await ActivityService.readable(new ActivityRepository(this.em), id, reader);
    return this.view(this.em, a, reader);
  }

  async update(id: string, patch: ActivityPatch, principal: Principal): Promise<ActivityView> {
    const reader = await this.readers.of(principal);
    return this.em.transactional(async (tx) => {
      const a = await ActivityService.readable(new ActivityRepository(tx), id, reader, true);
      if (!reader.canManage(a)) throw forbidden('Only the organiser or an administrator changes an activity');
      const signups = new SignupRepository(tx);
      const startsAt = patch.startsAt ? new Date(patch.startsAt) : a.startsAt;
      const endsAt = patch.endsAt ? new Date(patch.endsAt) : a.endsAt;
      let deadline = a.signupDeadline;
      if (patch.signupDeadline !== undefined)
        deadline = patch.signupDeadline === null ? startsAt : new Date(patch.signupDeadline);
      else if (patch.startsAt && (deadline > startsAt || deadline.getTime() === a.startsAt.getTime()))
        deadline = startsAt;
      if (endsAt <= startsAt)
        throw badRequest('Invalid change', [{ path: 'endsAt', message: 'endsAt must be after startsAt' }]);
      if (deadline > startsAt)
        throw badRequest('Invalid change', [
          { path: 'signupDeadline', message: 'signupDeadline must not be after startsAt' },
        ]);
      if (patch.capacity !== undefined) {
        const confirmed = await signups.countConfirmed(a.id);
        if (patch.capacity < confirmed)
          throw new PleinError(
            409,
            'capacity_below_confirmed',
            `${confirmed} people already have a place; the capacity cannot be lower`,
            { confirmed },
          );
        a.capacity = patch.capacity;
      }
      if (patch.title !== undefined) a.title = patch.title.trim();
      if (patch.description !== undefined) a.description = patch.description;
      if (patch.location !== undefined) a.location = patch.location.trim();
      if (patch.image !== undefined) {
        a.imageUrl = patch.image?.url ?? null;
        a.imageAlt = patch.image?.alt ?? null;
      }
      a.startsAt = startsAt;
      a.endsAt = endsAt;
      a.signupDeadline = deadline;
      await tx.flush();
      // more places: the waiting list moves up
      await promoteWaiting(tx, a);
      recordEvent(tx, ActivityUpdated, indexedOf(a), SERVICE);
      await tx.flush();
      return this.view(tx, a, reader);
    });
  }

  async remove(id: string, principal: Principal): Promise<{ id: string }> {
    const reader = await this.readers.of(principal);
    return this.em.transactional(async (tx) => {
      const repo = new ActivityRepository(tx);
      const a = await ActivityService.readable(repo, id, reader, true);
      if (!reader.canManage(a)) throw forbidden('Only the organiser or an administrator removes an activity');
      repo.remove(a);
      recordEvent(tx, ActivityDeleted, { activityId: a.id }, SERVICE);
      return { id: a.id };
    });
  }

  private async view(em: EntityManager, a: Activity, reader: ActivityReader): Promise<ActivityView> {
    const signups = new SignupRepository(em);
    const counts = await signups.counts([a.id]);
    const mine = await mySignupOf(signups, await signups.find(a.id, reader.principal.userId));
    return fullOf(summaryOf(a, counts.get(a.id), mine, reader), a);
  }
}
