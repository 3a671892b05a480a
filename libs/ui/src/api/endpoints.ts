import { type ApiClient, toQueryString } from './api-client.js';
import type {
  AdminUser,
  Comment,
  Confirmations,
  FeedPage,
  Follows,
  Group,
  GroupList,
  JobFunctionList,
  LocationList,
  LocationPage,
  Me,
  Membership,
  NewGroup,
  NewPost,
  Page,
  PeopleQuery,
  Person,
  PersonPage,
  Post,
  PostChange,
  PostDetail,
  ProfileChange,
  ReactionKind,
  SearchResult,
  SearchType,
  SuggestResult,
  Team,
  TeamList,
} from './types.js';

const id = (value: string): string => encodeURIComponent(value);

/**
 * The API of one intranet (ARCHITECTURE.md's table), typed. The same paths exist under `/api/staff/v1`
 * and `/api/client/v1`; the client of the tree decides the intranet.
 */
export function intranetApi(http: ApiClient) {
  return {
    me: () => http.get<Me>('/me'),
    /** "Melden": report content the caller can see (a comment with its post, an answer with its question). */
    report: (r: { contentType: string; contentId: string; parentId?: string; reason: string }) =>
      http.post<{ id: string; state: string }>('/reports', r),

    homeFeed: (cursor?: string) => http.get<FeedPage>('/feed/home', { cursor }),
    organizationFeed: (cursor?: string) => http.get<FeedPage>('/feed/organization', { cursor }),
    newsFeed: (cursor?: string) => http.get<FeedPage>('/feed/news', { cursor }),
    /** A person's own timeline: what of theirs the caller may see. */
    /** The pinned announcements of the intranet (the home feed's first page carries them; one post is enough). */
    pinnedAnnouncements: () => http.get<FeedPage>('/feed/home', { limit: 1 }),
    profileFeed: (userId: string, cursor?: string) =>
      http.get<FeedPage>(`/feed/profile/${id(userId)}`, { cursor }),

    createPost: (post: NewPost) => http.post<Post>('/posts', post),
    /** The author edits their post (the service keeps the earlier version). */
    updatePost: (postId: string, change: PostChange) => http.patch<Post>(`/posts/${id(postId)}`, change),
    /** The author deletes their post. */
    deletePost: (postId: string) => http.delete<void>(`/posts/${id(postId)}`),
    /** One post with its comments. */
    post: (postId: string) => http.get<PostDetail>(`/posts/${id(postId)}`),
    comment: (postId: string, body: string) => http.post<Comment>(`/posts/${id(postId)}/comments`, { body }),
    /** One reaction per person (a new one replaces it); answers the post with its new counts. */
    react: (postId: string, kind: ReactionKind = 'like') =>
      http.post<Post>(`/posts/${id(postId)}/reactions`, { kind }),
    unreact: (postId: string) => http.delete<Post>(`/posts/${id(postId)}/reactions`),

    /** "Gelezen": confirm having read an announcement that asks for it; answers the post (`confirmedByMe`). */
    confirmRead: (postId: string) => http.post<Post>(`/posts/${id(postId)}/confirmations`),
    /** Who has and has not confirmed an announcement (its author and the editorial board only). */
    confirmations: (postId: string) => http.get<Confirmations>(`/posts/${id(postId)}/confirmations`),

    follows: () => http.get<Follows>('/follows'),
    follow: (userId: string) => http.put<unknown>(`/follows/${id(userId)}`),
    unfollow: (userId: string) => http.delete<unknown>(`/follows/${id(userId)}`),

    groups: () => http.get<GroupList>('/groups'),
    createGroup: (group: NewGroup) => http.post<Group>('/groups', group),
    group: (groupId: string) => http.get<Group>(`/groups/${id(groupId)}`),
    groupFeed: (groupId: string, cursor?: string) =>
      http.get<FeedPage>(`/groups/${id(groupId)}/feed`, { cursor }),
    /** Join an open group, or ask to join a closed one: the answer's `state` says which. */
    joinGroup: (groupId: string) => http.post<Membership>(`/groups/${id(groupId)}/members`, {}),

    /** Members follow their groups (its posts come into their home feed); these turn that on and off. */
    followGroup: (groupId: string) => http.put<void>(`/groups/${id(groupId)}/follow`),
    unfollowGroup: (groupId: string) => http.delete<void>(`/groups/${id(groupId)}/follow`),

    people: (query: PeopleQuery = {}) => http.get<PersonPage>('/people', { ...query }),
    person: (personId: string) => http.get<Person>(`/people/${id(personId)}`),
    /** My own profile, with everything on it (for clients: their privacy choices too). */
    myProfile: () => http.get<Person>('/people/me'),
    updateMyProfile: (change: ProfileChange) => http.patch<Person>('/people/me', change),
    /** My photo: the raw bytes of a PNG, JPEG or WebP; the gateway re-encodes it square. */
    uploadMyPhoto: (file: Blob, alt: string) =>
      http.put<Person>(`/people/me/photo${toQueryString({ alt })}`, file),
    deleteMyPhoto: () => http.delete<Person>('/people/me/photo'),

    locations: () => http.get<LocationList>('/locations'),
    location: (locationId: string) => http.get<LocationPage>(`/locations/${id(locationId)}`),
    teams: () => http.get<TeamList>('/teams'),
    team: (teamId: string) => http.get<Team>(`/teams/${id(teamId)}`),
    functions: () => http.get<JobFunctionList>('/functions'),

    search: (q: string, type?: SearchType, cursor?: string) =>
      http.get<SearchResult>('/search', { q, type, cursor }),
    suggest: (q: string) => http.get<SuggestResult>('/search/suggest', { q }),
  };
}
export type IntranetApi = ReturnType<typeof intranetApi>;

/** Administration (`/api/admin/v1`, staff realm with role admin). */
export function adminApi(http: ApiClient) {
  return {
    users: (realm?: 'staff' | 'clients', cursor?: string) =>
      http.get<Page<AdminUser>>('/users', { realm, cursor }),
  };
}
export type AdminApi = ReturnType<typeof adminApi>;
