import type { Activity as ActivityView, ActivitySummary, MySignup } from '@plein/contracts';
import type { Activity } from './entities/activity.entity.js';
import type { Signup } from './entities/signup.entity.js';
import type { ActivityReader } from './reader.service.js';
import type { SignupCounts, SignupRepository } from './repositories/signup.repository.js';

/** An activity as one reader sees it: never who else takes part, only how many places are left. */
export function summaryOf(
  a: Activity,
  counts: SignupCounts | undefined,
  mine: MySignup | undefined,
  reader: ActivityReader,
  now = new Date(),
): ActivitySummary {
  const confirmed = counts?.confirmed ?? 0;
  return {
    id: a.id,
    intranet: a.intranet,
    audience: a.audience,
    groupId: a.groupId ?? null,
    seriesId: a.seriesId ?? null,
    title: a.title,
    location: a.location,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    signupDeadline: a.signupDeadline.toISOString(),
    capacity: a.capacity,
    placesLeft: Math.max(0, a.capacity - confirmed),
    waitlistCount: counts?.waitlisted ?? 0,
    image: a.imageUrl && a.imageAlt ? { url: a.imageUrl, alt: a.imageAlt } : null,
    open: now.getTime() <= a.signupDeadline.getTime(),
    ...(mine ? { mySignup: mine } : {}),
    canManage: reader.canManage(a),
  };
}

export const fullOf = (summary: ActivitySummary, a: Activity): ActivityView => ({
  ...summary,
  description: a.description,
});

/** The caller's own sign-up, with the place in line when waiting. */
export async function mySignupOf(repo: SignupRepository, s: Signup | null): Promise<MySignup | undefined> {
  if (!s) return undefined;
  return s.state === 'waitlisted'
    ? { state: 'waitlisted', position: await repo.position(s) }
    : { state: 'confirmed' };
}

export const indexedOf = (a: Activity) => ({
  activityId: a.id,
  intranet: a.intranet,
  audience: a.audience,
  groupId: a.groupId ?? null,
  organiserId: a.organiserId ?? null,
  title: a.title,
  description: a.description,
  location: a.location,
  startsAt: a.startsAt.toISOString(),
  endsAt: a.endsAt.toISOString(),
});
