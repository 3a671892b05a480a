import { defineEntity, p } from '@mikro-orm/postgresql';
import type { ActivityAudience, Intranet } from '@plein/contracts';

/**
 * One activity (one occurrence of a weekly series is an activity of its own, with its own places): the
 * visibility fields of the rule in `@plein/auth`, what it is, when and where, and how many can take part.
 * `organiserId`: who made it (null once that person's data was erased).
 */
export const ActivityEntity = defineEntity({
  name: 'Activity',
  tableName: 'activities',
  properties: {
    id: p.uuid().primary(),
    intranet: p.string().$type<Intranet>(),
    audience: p.string().$type<ActivityAudience>(),
    groupId: p.uuid().nullable(),
    organiserId: p.uuid().nullable(),
    seriesId: p.uuid().nullable(),
    title: p.text(),
    description: p.text(),
    location: p.text(),
    startsAt: p.datetime(),
    endsAt: p.datetime(),
    signupDeadline: p.datetime(),
    capacity: p.integer(),
    imageUrl: p.text().nullable(),
    imageAlt: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type Activity = InstanceType<typeof ActivityEntity.class>;
