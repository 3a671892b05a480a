import { bindNamed, textArray } from '@plein/persistence';

/**
 * How many are confirmed and waiting for each of these activities (the list's "places left"): hand-written, as the
 * list and one activity that bench/activities.bench.ts measures read it.
 */
export const signupCountsQuery = (activityIds: readonly string[]) =>
  bindNamed({
    sql: `select activity_id,
            count(*) filter (where state = 'confirmed')::int as confirmed,
            count(*) filter (where state = 'waitlisted')::int as waitlisted
          from "activities"."signups"
          where activity_id = any(:ids::uuid[])
          group by activity_id`,
    params: { ids: textArray(activityIds) },
  });
export interface SignupCountRow {
  activity_id: string;
  confirmed: number;
  waitlisted: number;
}
