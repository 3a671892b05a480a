import { z } from 'zod';
import { defineEvent } from './events.js';
import { PersonCard } from './person.js';
import { Intranet } from './principal.js';
import { defineRpc } from './rpc.js';
import { exportForSearch } from './search.js';

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

// ---------- activities: what staff organise and people sign up for ----------

export const ACTIVITY_TITLE_MAX = 200;
export const ACTIVITY_DESCRIPTION_MAX = 20_000;
export const ACTIVITY_CAPACITY_MAX = 10_000;
/** How many weekly occurrences one activity may have (a half year). */
export const ACTIVITY_OCCURRENCES_MAX = 26;

const nonBlank = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => s.trim().length > 0, 'must not be empty');

export const ActivityAudience = z.enum(['organization', 'group']);
export type ActivityAudience = z.infer<typeof ActivityAudience>;

/** An image for an activity: a link (an uploaded photo, a document) and what is on it, for people who cannot see it. */
export const ActivityImage = z
  .object({
    url: z
      .string()
      .max(2000)
      .refine((u) => /^(https:\/\/|\/)/.test(u), 'an https:// link or a path on this site'),
    alt: z.string().trim().min(1).max(300),
  })
  .strict();

const Capacity = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(ACTIVITY_CAPACITY_MAX, `must be at most ${ACTIVITY_CAPACITY_MAX}`);

const ActivityFields = z.object({
  title: nonBlank(ACTIVITY_TITLE_MAX),
  /** Markdown, rendered sanitised by the portals. */
  description: z
    .string()
    .max(ACTIVITY_DESCRIPTION_MAX, `must be at most ${ACTIVITY_DESCRIPTION_MAX} characters`)
    .default(''),
  /** The place: a location's name, a room, an address. */
  location: nonBlank(200),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  capacity: Capacity,
  /** Until when people can sign up (default: the start). */
  signupDeadline: z.iso.datetime({ offset: true }).optional(),
  image: ActivityImage.optional(),
});

const endAfterStart = (a: { startsAt?: string; endsAt?: string }) =>
  a.startsAt === undefined || a.endsAt === undefined || Date.parse(a.endsAt) > Date.parse(a.startsAt);
const deadlineNotAfterStart = (a: { startsAt?: string; signupDeadline?: string | null }) =>
  !a.startsAt || !a.signupDeadline || Date.parse(a.signupDeadline) <= Date.parse(a.startsAt);

/**
 * `POST /activities` (staff, in either intranet; the tree decides which). `groupId`: only that group's members see
 * it. `repeatWeekly`: this many weekly occurrences (2–26), each its own activity with its own places and sign-ups.
 */
export const ActivityCreate = ActivityFields.extend({
  groupId: z.uuid().optional(),
  repeatWeekly: z.number().int().min(2).max(ACTIVITY_OCCURRENCES_MAX).optional(),
})
  .strict()
  .refine(endAfterStart, { message: 'endsAt must be after startsAt', path: ['endsAt'] })
  .refine(deadlineNotAfterStart, {
    message: 'signupDeadline must not be after startsAt',
    path: ['signupDeadline'],
  });
export type ActivityCreate = z.infer<typeof ActivityCreate>;

/** `PATCH /activities/{id}` (the organiser, admins): one occurrence. */
export const ActivityPatch = z
  .object({
    title: ActivityFields.shape.title,
    description: z.string().max(ACTIVITY_DESCRIPTION_MAX),
    location: ActivityFields.shape.location,
    startsAt: ActivityFields.shape.startsAt,
    endsAt: ActivityFields.shape.endsAt,
    capacity: Capacity,
    signupDeadline: z.iso.datetime({ offset: true }).nullable(),
    image: ActivityImage.nullable(),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change')
  .refine(endAfterStart, { message: 'endsAt must be after startsAt', path: ['endsAt'] });
export type ActivityPatch = z.infer<typeof ActivityPatch>;

export const ActivityListQuery = z.object({
  /** From this moment (default: now). */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Only what I (or a client I signed up) take part in. */
  mine: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ActivityListQuery = z.infer<typeof ActivityListQuery>;

export const SignupState = z.enum(['confirmed', 'waitlisted']);
export type SignupState = z.infer<typeof SignupState>;

/** A sign-up as its person sees it: `position` (1 = next in line) on the waiting list only. */
export const MySignup = z.object({ state: SignupState, position: z.number().int().min(1).optional() });
export type MySignup = z.infer<typeof MySignup>;

export const ActivitySummary = z.object({
  id: z.uuid(),
  intranet: Intranet,
  audience: ActivityAudience,
  groupId: z.uuid().nullable(),
  /** The weekly series this occurrence belongs to (null: a one-off). */
  seriesId: z.uuid().nullable(),
  title: z.string(),
  location: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  signupDeadline: z.iso.datetime(),
  capacity: z.number().int(),
  placesLeft: z.number().int().min(0),
  waitlistCount: z.number().int().min(0),
  image: ActivityImage.nullable(),
  /** Whether sign-up is still open (before the deadline). */
  open: z.boolean(),
  mySignup: MySignup.optional(),
  /** Whether the caller organises it (sees participants, may edit). */
  canManage: z.boolean(),
});
export type ActivitySummary = z.infer<typeof ActivitySummary>;

export const Activity = ActivitySummary.extend({ description: z.string() });
export type Activity = z.infer<typeof Activity>;

export const ActivityPage = z.object({ items: z.array(ActivitySummary), nextCursor: z.string().optional() });
export type ActivityPage = z.infer<typeof ActivityPage>;

/** `PUT /activities/{id}/signup`: for oneself, or `forUserId` — a mentor for a client they coach. */
export const SignupRequest = z.object({ forUserId: z.uuid().optional() }).strict();
export type SignupRequest = z.infer<typeof SignupRequest>;

export const SignupResult = z.object({
  activityId: z.uuid(),
  userId: z.uuid(),
  state: SignupState,
  position: z.number().int().min(1).optional(),
  placesLeft: z.number().int().min(0),
});
export type SignupResult = z.infer<typeof SignupResult>;

export const CancelResult = z.object({
  activityId: z.uuid(),
  userId: z.uuid(),
  cancelled: z.literal(true),
  placesLeft: z.number().int().min(0),
});

/** The participants (organisers only): people by the person rule; the waiting list in order. */
export const Participant = z.object({
  person: PersonCard,
  state: SignupState,
  position: z.number().int().min(1).optional(),
  /** Signed up by their mentor. */
  bySomeoneElse: z.boolean(),
  signedUpAt: z.iso.datetime(),
});
export const ParticipantList = z.object({
  activityId: z.uuid(),
  capacity: z.number().int(),
  items: z.array(Participant),
});
export type ParticipantList = z.infer<typeof ParticipantList>;

/** `GET /calendar`: the secret path of my iCalendar feed (the gateway makes it a full URL). */
export const CalendarLink = z.object({ url: z.string() });
export const CalendarSecret = z.object({ secret: z.string().regex(/^[A-Za-z0-9_-]{32,64}$/) });
export const CalendarFeed = z.object({ ics: z.string() });

const Id = z.object({ id: z.uuid() });

export const ActivitiesRpc = {
  list: defineRpc('activities.activity.list', ActivityListQuery, ActivityPage),
  create: defineRpc('activities.activity.create', ActivityCreate, Activity),
  get: defineRpc('activities.activity.get', Id, Activity),
  update: defineRpc('activities.activity.update', Id.extend({ patch: ActivityPatch }), Activity),
  remove: defineRpc('activities.activity.delete', Id, z.object({ id: z.uuid() })),
  signup: defineRpc('activities.signup.put', Id.extend(SignupRequest.shape), SignupResult),
  cancel: defineRpc('activities.signup.delete', Id.extend(SignupRequest.shape), CancelResult),
  participants: defineRpc('activities.participant.list', Id, ParticipantList),
  calendar: defineRpc('activities.calendar.get', z.object({}), z.object({ secret: z.string() })),
  renewCalendar: defineRpc('activities.calendar.renew', z.object({}), z.object({ secret: z.string() })),
  /** The public feed: no principal, only the secret. */
  calendarFeed: defineRpc('activities.calendar.feed', CalendarSecret, CalendarFeed, {
    needsPrincipal: false,
  }),
  searchExport: exportForSearch('activities'),
} as const;

// ---------- events for search ----------

/** An activity as search indexes it: its visibility fields and its text. Never who signed up. */
export const ActivityIndexed = z.object({
  activityId: z.uuid(),
  intranet: Intranet,
  audience: ActivityAudience,
  groupId: z.uuid().nullable(),
  organiserId: z.uuid().nullable(),
  title: z.string(),
  description: z.string(),
  location: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
});
export type ActivityIndexed = z.infer<typeof ActivityIndexed>;
export const ActivityCreated = defineEvent('plein.activities.activity.created', ActivityIndexed);
export const ActivityUpdated = defineEvent('plein.activities.activity.updated', ActivityIndexed);
export const ActivityDeleted = defineEvent(
  'plein.activities.activity.deleted',
  z.object({ activityId: z.uuid() }),
);
