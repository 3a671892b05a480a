import { z } from 'zod';
import { defineEvent } from './events.js';
import { Intranet } from './principal.js';

/**
 * The activities service's events that other services (notifications, search) consume. The activities
 * service adds its RPC contracts and the rest of its events to this file.
 */

/** Someone cancelled and the first person on the waiting list now has a place. Emitted once per promotion. */
export const SignupPromoted = defineEvent(
  'plein.activities.signup.promoted',
  z.object({
    activityId: z.uuid(),
    userId: z.uuid(),
    intranet: Intranet,
    title: z.string(),
    startsAt: z.iso.datetime(),
  }),
);

/** The day before an activity: one event per confirmed participant (emitted once per participant and occurrence). */
export const ActivityReminderDue = defineEvent(
  'plein.activities.reminder.due',
  z.object({
    activityId: z.uuid(),
    userId: z.uuid(),
    intranet: Intranet,
    title: z.string(),
    startsAt: z.iso.datetime(),
    place: z.string().optional(),
  }),
);
