import { z } from 'zod';
import { defineEvent } from './events.js';
import { Realm } from './principal.js';
import { defineRpc } from './rpc.js';
import { ClientSharedField, PersonKind, PhotoLinks } from './person.js';

const Ref = z.object({ id: z.uuid(), name: z.string() });
export type Ref = z.infer<typeof Ref>;
const PersonRef = z.object({ id: z.uuid(), displayName: z.string() });

/** `PUT /people/me/photo?alt=`: what is on the photo, for people who cannot see it. */
export const PhotoAlt = z.string().trim().min(1).max(200);

/**
 * A person as one viewer may see them. Every field but id, kind and displayName is optional: a field the
 * viewer may not see is absent, never null (see directory's person.projection.ts for the rule).
 */
export const Person = z.object({
  id: z.uuid(),
  kind: PersonKind,
  displayName: z.string(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  photo: PhotoLinks.nullable().optional(),
  function: Ref.nullable().optional(),
  teams: z.array(Ref).optional(),
  locations: z.array(Ref).optional(),
  phone: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  about: z.string().nullable().optional(),
  skills: z.array(z.string()).optional(),
  languages: z.array(z.string()).optional(),
  startDate: z.iso.date().nullable().optional(),
  mentor: PersonRef.nullable().optional(),
  /** Only on one's own profile (clients): what the client chose to show. */
  privacy: z.object({ optedIn: z.boolean(), sharedFields: z.array(ClientSharedField) }).optional(),
});
export type Person = z.infer<typeof Person>;

export const PersonPage = z.object({ items: z.array(Person), nextCursor: z.string().optional() });
export type PersonPage = z.infer<typeof PersonPage>;

const Id = z.uuid();
const text = (max: number) => z.string().trim().max(max);
const Skill = z.string().trim().min(1).max(60);

export const PeopleQuery = z.object({
  q: text(100).min(1).optional(),
  location: Id.optional(),
  team: Id.optional(),
  function: Id.optional(),
  skill: Skill.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type PeopleQuery = z.infer<typeof PeopleQuery>;

export const NewColleaguesQuery = z.object({
  days: z.coerce.number().int().min(1).max(365).default(90),
});

/** `PATCH /people/me`: what anyone may change on their own profile. */
export const OwnProfilePatch = z
  .object({
    phone: z
      .string()
      .trim()
      .max(40)
      .regex(/^[+0-9 ()-]*$/, 'only digits, spaces, +, ( ) and -')
      .nullable(),
    about: text(2000).nullable(),
    skills: z.array(Skill).max(30),
    languages: z.array(text(40).min(1)).max(15),
    /** Clients only: opt in to the client intranet's smoelenboek, and with which fields. */
    privacy: z.object({ optedIn: z.boolean(), sharedFields: z.array(ClientSharedField).max(6) }),
  })
  .partial()
  .strict();
export type OwnProfilePatch = z.infer<typeof OwnProfilePatch>;

/** `PATCH /people/{id}` by an editor or admin: where a colleague works and as what. */
export const StaffAssignmentPatch = z
  .object({
    function: Id.nullable(),
    locations: z.array(Id).max(20),
    startDate: z.iso.date().nullable(),
  })
  .partial()
  .strict();

export const Address = z.object({
  street: text(200).min(1),
  postalCode: text(10).min(1),
  city: text(100).min(1),
});
export const Location = z.object({
  id: Id,
  name: z.string(),
  kind: z.string(),
  address: Address,
  description: z.string().nullable(),
  teams: z.array(Ref),
});
export type Location = z.infer<typeof Location>;
export const LocationPage = z.object({
  ...Location.shape,
  /** The first page of the people who work here (more: GET /people?location=). */
  people: PersonPage,
});
export const LocationList = z.object({ items: z.array(Location), nextCursor: z.string().optional() });
export const LocationInput = z
  .object({
    name: text(120).min(1),
    kind: text(60).min(1),
    address: Address,
    description: text(2000).nullable().default(null),
  })
  .strict();
export const LocationPatch = LocationInput.partial().strict();

export const Team = z.object({
  id: Id,
  name: z.string(),
  purpose: z.string().nullable(),
  locations: z.array(Ref),
  lead: Person.nullable(),
  members: z.array(Person),
});
export type Team = z.infer<typeof Team>;
export const TeamSummary = Team.omit({ members: true, lead: true }).extend({
  memberCount: z.number().int(),
  lead: PersonRef.nullable(),
});
export const TeamList = z.object({ items: z.array(TeamSummary), nextCursor: z.string().optional() });
export const TeamInput = z
  .object({
    name: text(120).min(1),
    purpose: text(2000).nullable().default(null),
    locations: z.array(Id).max(20).default([]),
    lead: Id.nullable().default(null),
  })
  .strict();
export const TeamPatch = z
  .object({
    name: text(120).min(1),
    purpose: text(2000).nullable(),
    locations: z.array(Id).max(20),
    lead: Id.nullable(),
  })
  .partial()
  .strict();

export const JobFunction = z.object({ id: Id, name: z.string() });
export const FunctionList = z.object({ items: z.array(JobFunction) });
export const FunctionInput = z.object({ name: text(120).min(1) }).strict();

/** A re-encoded photo as the gateway hands it over: two square WebP renditions, base64. */
export const PhotoRenditions = z.object({
  thumb: z.base64().max(200_000),
  medium: z.base64().max(1_000_000),
  alt: PhotoAlt.optional(),
});
export const PhotoSize = z.enum(['thumb', 'medium']);
export const PhotoFile = z.object({
  contentType: z.literal('image/webp'),
  data: z.base64(),
  version: z.string(),
});

const WithId = z.object({ id: Id });

/**
 * `PUT /people/{id}/mentor`: without a body the caller (a mentor) takes on a client who has no mentor; with
 * `mentorId` the client's current mentor, or an administrator, hands the client over to that colleague.
 */
export const MentorHandover = z.object({ mentorId: Id.optional() }).strict();
export type MentorHandover = z.infer<typeof MentorHandover>;

const Empty = z.object({});
const Deleted = z.object({ id: Id, deleted: z.literal(true) });

export const DirectoryRpc = {
  listPeople: defineRpc('directory.person.list', PeopleQuery, PersonPage),
  newColleagues: defineRpc('directory.person.new', NewColleaguesQuery, PersonPage),
  getPerson: defineRpc('directory.person.get', WithId, Person),
  updateOwnProfile: defineRpc('directory.person.update-own', OwnProfilePatch, Person),
  assignStaff: defineRpc('directory.person.assign', WithId.extend({ patch: StaffAssignmentPatch }), Person),
  claimMentorship: defineRpc('directory.person.claim-mentor', WithId.merge(MentorHandover), Person),
  /**
   * The clients whose current mentor is `mentorId` (the directory is the one source of the mentor relation).
   * Internal: identity asks it for the client accounts a mentor manages; no gateway route.
   */
  mentees: defineRpc(
    'directory.mentor.clients',
    z.object({ mentorId: Id }).strict(),
    z.object({ clientIds: z.array(Id) }),
    { needsPrincipal: false },
  ),
  /**
   * Who coaches a client (service to service, no principal: open only to the services that act for a mentor, such
   * as activities signing a client up). `mentorId` null: no active mentor, or not an active client.
   */
  mentorOf: defineRpc(
    'directory.mentor.of',
    z.object({ clientId: Id }),
    z.object({ clientId: Id, mentorId: Id.nullable() }),
    { needsPrincipal: false },
  ),
  setPhoto: defineRpc('directory.photo.set', PhotoRenditions, Person),
  deletePhoto: defineRpc('directory.photo.delete', Empty, Person),
  getPhoto: defineRpc('directory.photo.get', WithId.extend({ size: PhotoSize }), PhotoFile),
  listLocations: defineRpc('directory.location.list', Empty, LocationList),
  getLocation: defineRpc('directory.location.get', WithId, LocationPage),
  createLocation: defineRpc('directory.location.create', LocationInput, Location),
  updateLocation: defineRpc('directory.location.update', WithId.extend({ patch: LocationPatch }), Location),
  deleteLocation: defineRpc('directory.location.delete', WithId, Deleted),
  listTeams: defineRpc('directory.team.list', z.object({ location: Id.optional() }), TeamList),
  getTeam: defineRpc('directory.team.get', WithId, Team),
  createTeam: defineRpc('directory.team.create', TeamInput, Team),
  updateTeam: defineRpc('directory.team.update', WithId.extend({ patch: TeamPatch }), Team),
  deleteTeam: defineRpc('directory.team.delete', WithId, Deleted),
  addTeamMember: defineRpc('directory.team.add-member', WithId.extend({ userId: Id }), Team),
  removeTeamMember: defineRpc('directory.team.remove-member', WithId.extend({ userId: Id }), Team),
  listFunctions: defineRpc('directory.function.list', Empty, FunctionList),
  createFunction: defineRpc('directory.function.create', FunctionInput, JobFunction),
  deleteFunction: defineRpc('directory.function.delete', WithId, Deleted),
} as const;

/** For search and other followers. Contact details (phone, e-mail) never travel in events. */
export const ProfileEventData = z.object({
  userId: Id,
  realm: Realm,
  kind: PersonKind,
  displayName: z.string(),
  firstName: z.string(),
  /**
   * What the person rule (`@plein/auth` person.rule.ts) needs besides the fields above, so services that show
   * people (timelines) can apply it: shown only where the rule allows. Absent in events from before them.
   */
  lastName: z.string().optional(),
  photoVersion: z.string().nullable().optional(),
  functionId: Id.nullable(),
  teamIds: z.array(Id),
  locationIds: z.array(Id),
  skills: z.array(z.string()),
  languages: z.array(z.string()),
  about: z.string().nullable(),
  optedIn: z.boolean(),
  sharedFields: z.array(ClientSharedField),
  hasPhoto: z.boolean(),
  /**
   * False while the person's account is disabled or removed in Keycloak: the profile is then out of every
   * directory read, and followers (search) drop it. Absent in events from before this field: active.
   */
  active: z.boolean().optional(),
});
export const ProfileCreated = defineEvent('plein.directory.profile.created', ProfileEventData);
export const ProfileUpdated = defineEvent('plein.directory.profile.updated', ProfileEventData);

const LocationEventData = z.object({ id: Id, name: z.string(), kind: z.string(), teamIds: z.array(Id) });
export const LocationCreated = defineEvent('plein.directory.location.created', LocationEventData);
export const LocationUpdated = defineEvent('plein.directory.location.updated', LocationEventData);
export const LocationDeleted = defineEvent('plein.directory.location.deleted', z.object({ id: Id }));

const TeamEventData = z.object({
  id: Id,
  name: z.string(),
  purpose: z.string().nullable(),
  locationIds: z.array(Id),
  leadId: Id.nullable(),
});
export const TeamCreated = defineEvent('plein.directory.team.created', TeamEventData);
export const TeamUpdated = defineEvent('plein.directory.team.updated', TeamEventData);
/** `memberIds`: who was in the team when it was deleted (their member-removed events come just before). */
export const TeamDeleted = defineEvent(
  'plein.directory.team.deleted',
  z.object({ id: Id, memberIds: z.array(Id).default([]) }),
);
const MembershipData = z.object({ teamId: Id, userId: Id, teamName: z.string() });
export const TeamMemberAdded = defineEvent('plein.directory.team.member-added', MembershipData);
export const TeamMemberRemoved = defineEvent('plein.directory.team.member-removed', MembershipData);

export const FunctionCreated = defineEvent('plein.directory.function.created', JobFunction);
export const FunctionDeleted = defineEvent('plein.directory.function.deleted', z.object({ id: Id }));
