import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type Principal, notFound } from '@plein/contracts';
import ical from 'ical-generator';
import { CalendarFeedEntity } from './entities/calendar-feed.entity.js';
import { ActivityRepository } from './repositories/activity.repository.js';
import { SignupRepository } from './repositories/signup.repository.js';

/** 32 random bytes: an unguessable secret for the feed's URL. */
const newSecret = () => randomBytes(32).toString('base64url');

/** How far back the feed goes. */
const PAST_DAYS = 60;

/** My sign-ups as an iCalendar feed behind a secret URL, which I can renew (the old one then stops working). */
@Injectable()
export class CalendarService {
  constructor(private readonly em: EntityManager) {}

  async secretOf(principal: Principal): Promise<{ secret: string }> {
    return this.em.transactional(async (tx) => {
      const feed = await tx.findOne(CalendarFeedEntity, { userId: principal.userId });
      if (feed) return { secret: feed.secret };
      const secret = newSecret();
      await tx.upsert(
        CalendarFeedEntity,
        { userId: principal.userId, secret, createdAt: new Date() },
        { onConflictFields: ['userId'], onConflictAction: 'ignore' },
      );
      const saved = await tx.findOneOrFail(
        CalendarFeedEntity,
        { userId: principal.userId },
        { refresh: true },
      );
      return { secret: saved.secret };
    });
  }

  async renew(principal: Principal): Promise<{ secret: string }> {
    return this.em.transactional(async (tx) => {
      const secret = newSecret();
      await tx.upsert(
        CalendarFeedEntity,
        { userId: principal.userId, secret, createdAt: new Date() },
        { onConflictFields: ['userId'], onConflictAction: 'merge' },
      );
      return { secret };
    });
  }

  /** The feed of whoever holds this secret; 404 for a secret that is unknown (or was renewed). */
  async feed(secret: string): Promise<{ ics: string }> {
    const feed = await this.em.findOne(CalendarFeedEntity, { secret });
    if (!feed) throw notFound('No such calendar');
    const signups = await new SignupRepository(this.em).ofUser(feed.userId);
    const byId = new Map(signups.map((s) => [s.activityId, s]));
    const since = Date.now() - PAST_DAYS * 24 * 3600 * 1000;
    const activities = (await new ActivityRepository(this.em).byIds([...byId.keys()])).filter(
      (a) => a.endsAt.getTime() >= since,
    );
    const cal = ical({
      name: 'Plein — mijn activiteiten',
      prodId: { company: 'Plein', product: 'activiteiten' },
    });
    for (const a of activities) {
      const waiting = byId.get(a.id)?.state === 'waitlisted';
      cal.createEvent({
        id: `${a.id}@plein`,
        start: a.startsAt,
        end: a.endsAt,
        summary: waiting ? `${a.title} (wachtlijst)` : a.title,
        description: a.description,
        location: a.location,
        lastModified: a.updatedAt,
      });
    }
    return { ics: cal.toString() };
  }
}
