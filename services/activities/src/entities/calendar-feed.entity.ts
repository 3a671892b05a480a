import { defineEntity, p } from '@mikro-orm/postgresql';

/** A person's iCalendar feed: the unguessable secret in its URL; renewing it replaces the secret. */
export const CalendarFeedEntity = defineEntity({
  name: 'CalendarFeed',
  tableName: 'calendar_feeds',
  properties: {
    userId: p.uuid().primary(),
    secret: p.text().unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type CalendarFeed = InstanceType<typeof CalendarFeedEntity.class>;
