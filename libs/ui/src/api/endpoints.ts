import type { ApiClient } from './api-client.js';
import type {
  AdminUser,
  Comment,
  Group,
  Location,
  Me,
  NewPost,
  Page,
  PeopleQuery,
  Person,
  Post,
  ProfileChange,
  SearchResult,
  SearchType,
  Team,
} from './types.js';

const id = (value: string): string => encodeURIComponent(value);

/**
 * The API of one intranet (ARCHITECTURE.md's table), typed. The same paths exist under `/api/staff/v1`
 * and `/api/client/v1`; the client of the tree decides the intranet.
 */
export function intranetApi(http: ApiClient) {
  return {
    me: () => http.get<Me>('/me'),

    homeFeed: (cursor?: string) => http.get<Page<Post>>('/feed/home', { cursor }),
    organizationFeed: (cursor?: string) => http.get<Page<Post>>('/feed/organization', { cursor }),
    newsFeed: (cursor?: string) => http.get<Page<Post>>('/feed/news', { cursor }),
    /** A person's own timeline (recent posts on their profile). Path not yet fixed in ARCHITECTURE.md. */
    profileFeed: (userId: string, cursor?: string) =>
      http.get<Page<Post>>(`/feed/profile/${id(userId)}`, { cursor }),

    createPost: (post: NewPost) => http.post<Post>('/posts', post),
    post: (postId: string) => http.get<Post>(`/posts/${id(postId)}`),
    comment: (postId: string, body: string) => http.post<Comment>(`/posts/${id(postId)}/comments`, { body }),
    react: (postId: string, type: string) => http.post<unknown>(`/posts/${id(postId)}/reactions`, { type }),

    follows: () => http.get<Page<{ userId: string }>>('/follows'),
    follow: (userId: string) => http.put<unknown>(`/follows/${id(userId)}`),
    unfollow: (userId: string) => http.delete<unknown>(`/follows/${id(userId)}`),

    groups: (cursor?: string) => http.get<Page<Group>>('/groups', { cursor }),
    group: (groupId: string) => http.get<Group>(`/groups/${id(groupId)}`),
    groupFeed: (groupId: string, cursor?: string) =>
      http.get<Page<Post>>(`/groups/${id(groupId)}/feed`, { cursor }),
    joinGroup: (groupId: string) => http.post<unknown>(`/groups/${id(groupId)}/members`, {}),

    people: (query: PeopleQuery = {}) => http.get<Page<Person>>('/people', { ...query }),
    person: (personId: string) => http.get<Person>(`/people/${id(personId)}`),
    updateMyProfile: (change: ProfileChange) => http.patch<Person>('/people/me', change),

    locations: () => http.get<Page<Location>>('/locations'),
    location: (locationId: string) => http.get<Location>(`/locations/${id(locationId)}`),
    teams: () => http.get<Page<Team>>('/teams'),
    team: (teamId: string) => http.get<Team>(`/teams/${id(teamId)}`),

    search: (q: string, type?: SearchType, cursor?: string) =>
      http.get<SearchResult>('/search', { q, type, cursor }),
    suggest: (q: string) => http.get<SearchResult>('/search/suggest', { q }),
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
