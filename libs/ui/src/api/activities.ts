import type { ApiClient } from './api-client.js';
import type { PersonCard } from './knowledge.js';

/** Activities as the portals read them (libs/contracts/src/activities.ts is the source). */
export interface MySignup {
  state: 'confirmed' | 'waitlisted';
  position?: number;
}

export interface ActivitySummary {
  id: string;
  intranet: 'staff' | 'client';
  title: string;
  location: string;
  startsAt: string;
  endsAt: string;
  signupDeadline: string;
  capacity: number;
  placesLeft: number;
  waitlistCount: number;
  image: { url: string; alt: string } | null;
  open: boolean;
  mySignup?: MySignup;
  canManage: boolean;
  seriesId: string | null;
}

export interface ActivityView extends ActivitySummary {
  description: string;
}

export interface NewActivity {
  title: string;
  description: string;
  location: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  signupDeadline?: string;
  repeatWeekly?: number;
}

export interface SignupResult {
  activityId: string;
  userId: string;
  state: 'confirmed' | 'waitlisted';
  position?: number;
  placesLeft: number;
}

export interface Participant {
  person: PersonCard;
  state: 'confirmed' | 'waitlisted';
  position?: number;
  bySomeoneElse: boolean;
  signedUpAt: string;
}

const id = (value: string): string => encodeURIComponent(value);

/** Activities, sign-ups and my calendar in one route tree. */
export function activitiesApi(http: ApiClient) {
  return {
    activities: (query: { from?: string; to?: string; mine?: boolean; cursor?: string } = {}) =>
      http.get<{ items: ActivitySummary[]; nextCursor?: string }>('/activities', {
        from: query.from,
        to: query.to,
        mine: query.mine ? 'true' : undefined,
        cursor: query.cursor,
      }),
    activity: (activityId: string) => http.get<ActivityView>(`/activities/${id(activityId)}`),
    create: (input: NewActivity) => http.post<ActivityView>('/activities', input),
    remove: (activityId: string) => http.delete<void>(`/activities/${id(activityId)}`),
    signUp: (activityId: string, forUserId?: string) =>
      http.put<SignupResult>(`/activities/${id(activityId)}/signup`, forUserId ? { forUserId } : {}),
    cancel: (activityId: string, forUserId?: string) =>
      http.delete<{ placesLeft: number }>(
        `/activities/${id(activityId)}/signup${forUserId ? `?forUserId=${id(forUserId)}` : ''}`,
      ),
    participants: (activityId: string) =>
      http.get<{ items: Participant[]; capacity: number }>(`/activities/${id(activityId)}/participants`),
    calendar: () => http.get<{ url: string }>('/calendar'),
    renewCalendar: () => http.post<{ url: string }>('/calendar/renew'),
  };
}
export type ActivitiesApi = ReturnType<typeof activitiesApi>;

/** "dinsdag 3 maart, 14:00 – 16:00": an activity's day and times, in the reader's language. */
export function formatActivityTime(startsAt: string, endsAt: string, language: 'nl' | 'en'): string {
  const locale = language === 'nl' ? 'nl-NL' : 'en-GB';
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const day = start.toLocaleDateString(locale, { weekday: 'long', day: 'numeric', month: 'long' });
  const time = (d: Date) => d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  return `${day}, ${time(start)} – ${time(end)}`;
}
