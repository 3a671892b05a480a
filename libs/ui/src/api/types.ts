/**
 * The shapes of Plein's HTTP API as the portals use them (ARCHITECTURE.md, "HTTP API").
 * `/me` and the admin user list exist today; the others follow the API table and are filled in by the
 * directory, timelines and search services as they land. When a service publishes its zod schemas in
 * libs/contracts, these types should become `z.infer` of those schemas.
 */
export type Realm = 'staff' | 'clients';
export type Intranet = 'staff' | 'client';
export type Audience = 'organization' | 'followers' | 'group' | 'private';

/** `GET /me`: the caller as the identity service knows them. */
export interface Me {
  id: string;
  realm: Realm;
  username: string;
  displayName: string;
  roles: string[];
}

/** Every list answers `{ items, nextCursor? }`. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface PersonRef {
  id: string;
  displayName: string;
  photoUrl?: string;
}

export interface Comment {
  id: string;
  postId?: string;
  authorId: string;
  author?: PersonRef;
  body: string;
  createdAt: string;
}

export interface ReactionCount {
  type: string;
  count: number;
}

export interface Post {
  id: string;
  intranet?: Intranet;
  audience: Audience;
  groupId?: string;
  group?: { id: string; name: string };
  authorId: string;
  author?: PersonRef;
  body: string;
  createdAt: string;
  pinned?: boolean;
  hidden?: boolean;
  reactions?: ReactionCount[];
  myReactions?: string[];
  comments?: Comment[];
  commentCount?: number;
}

export interface NewPost {
  body: string;
  audience: Audience;
  groupId?: string;
  mentions?: string[];
}

export type GroupKind = 'group' | 'workgroup';

export interface Group {
  id: string;
  name: string;
  description?: string;
  kind?: GroupKind;
  /** open: anyone joins; closed: joining is a request a group admin accepts. */
  visibility?: 'open' | 'closed';
  memberCount?: number;
  membership?: 'member' | 'requested' | 'none';
}

export interface Location {
  id: string;
  name: string;
  address?: string;
  city?: string;
}

export interface Team {
  id: string;
  name: string;
  locationId?: string;
}

/** A profile in the smoelenboek (staff) or a client's opted-in profile (client intranet). */
export interface Person {
  id: string;
  displayName: string;
  photoUrl?: string;
  photoAlt?: string;
  function?: string;
  team?: { id: string; name: string };
  location?: { id: string; name: string };
  skills?: string[];
  phone?: string;
  email?: string;
  about?: string;
  /** Client intranet: what this person chose to show to other clients. */
  optIn?: ClientOptIn;
}

/** The choices a client makes about their own profile on the client intranet; all off until chosen. */
export interface ClientOptIn {
  /** Other clients can find me under "Mensen". */
  listed: boolean;
  /** Other clients see my photo. */
  photo: boolean;
  /** Other clients see the few words I wrote about myself. */
  about: boolean;
}

export interface ProfileChange {
  function?: string;
  teamId?: string;
  locationId?: string;
  skills?: string[];
  phone?: string;
  about?: string;
  optIn?: Partial<ClientOptIn>;
}

export interface PeopleQuery {
  q?: string;
  location?: string;
  team?: string;
  function?: string;
  skill?: string;
  cursor?: string;
}

export type SearchType = 'post' | 'person' | 'group' | 'article' | 'document' | 'question';

export interface SearchHit {
  type: SearchType | (string & {});
  id: string;
  title: string;
  snippet?: string;
}

export interface SearchResult {
  items: SearchHit[];
  total: number;
  nextCursor?: string;
}

/** Administration: a user Plein mirrored from Keycloak. */
export type AdminUser = Me;
