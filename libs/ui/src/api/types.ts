/**
 * The shapes of Plein's HTTP API as the portals use them. They are the services' own zod schemas in
 * `@plein/contracts`, inferred: the portals never guess a shape. Type-only imports, so nothing of the
 * contracts (or zod) is bundled for these; the gateway validates every request with the same schemas.
 */
import type {
  Audience as AudienceSchema,
  ClientSharedField as ClientSharedFieldSchema,
  Comment as CommentSchema,
  Confirmations as ConfirmationsSchema,
  FeedPage as FeedPageSchema,
  FollowList,
  FunctionList,
  Group as GroupSchema,
  GroupCreate,
  GroupKind as GroupKindSchema,
  GroupList as GroupListSchema,
  LocationList as LocationListSchema,
  LocationPage as LocationPageSchema,
  Location as LocationSchema,
  Membership as MembershipSchema,
  OwnProfilePatch,
  PeopleQuery as PeopleQuerySchema,
  PersonPage as PersonPageSchema,
  Person as PersonSchema,
  PostCreate,
  PostDetail as PostDetailSchema,
  PostPatch,
  Post as PostSchema,
  ReactionKind as ReactionKindSchema,
  SearchHit as SearchHitSchema,
  SearchResult as SearchResultSchema,
  SearchType as SearchTypeSchema,
  SuggestResult as SuggestResultSchema,
  TeamList as TeamListSchema,
  Team as TeamSchema,
  User,
} from '@plein/contracts';
import type { z } from 'zod';

export type Realm = 'staff' | 'clients';
export type Intranet = 'staff' | 'client';
export type Audience = AudienceSchema;

/** `GET /me`: the caller as the identity service knows them. */
export type Me = User;

/** Every list answers `{ items, nextCursor? }`. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** Timelines. */
export type Post = PostSchema;
export type PostDetail = PostDetailSchema;
export type Comment = CommentSchema;
export type FeedPage = FeedPageSchema;
/** Who has and has not confirmed reading an announcement. */
export type Confirmations = z.infer<typeof ConfirmationsSchema>;
export type ReactionKind = ReactionKindSchema;
/** `POST /posts` as sent (defaults such as `type: 'post'` may be left out). */
export type NewPost = z.input<typeof PostCreate>;
export type PersonRef = Post['author'];
/** `PATCH /posts/{id}`: the author's edit. */
export type PostChange = z.input<typeof PostPatch>;
export type Follows = z.infer<typeof FollowList>;

export type Group = GroupSchema;
export type GroupKind = GroupKindSchema;
export type GroupList = z.infer<typeof GroupListSchema>;
export type NewGroup = z.input<typeof GroupCreate>;
export type Membership = MembershipSchema;

/** Directory (smoelenboek). */
export type Person = PersonSchema;
export type PersonPage = PersonPageSchema;
export type Location = LocationSchema;
export type LocationPage = z.infer<typeof LocationPageSchema>;
export type LocationList = z.infer<typeof LocationListSchema>;
export type Team = TeamSchema;
export type TeamList = z.infer<typeof TeamListSchema>;
export type TeamSummary = TeamList['items'][number];
export type JobFunctionList = z.infer<typeof FunctionList>;
/** `GET /people` filters as sent (ids for location, team and function). */
export type PeopleQuery = Partial<Omit<z.input<typeof PeopleQuerySchema>, 'limit'>>;
/** `PATCH /people/me`. */
export type ProfileChange = z.input<typeof OwnProfilePatch>;
export type ClientSharedField = ClientSharedFieldSchema;
/** A client's choices on the client intranet: whether other clients find them, and what they see. */
export type ClientPrivacy = NonNullable<Person['privacy']>;

/** Search. */
export type SearchType = SearchTypeSchema;
export type SearchHit = SearchHitSchema;
export type SearchResult = SearchResultSchema;
export type SuggestResult = SuggestResultSchema;

/** Administration: a user Plein mirrored from Keycloak. */
export type AdminUser = Me;
