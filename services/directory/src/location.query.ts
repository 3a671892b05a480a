import { bindNamed } from '@plein/persistence';

/** The people who work at a location (profiles are not entities yet): their profile events follow its removal. */
export const peopleAtLocationQuery = (locationId: string) =>
  bindNamed({
    sql: `select user_id from "directory"."profile_locations" where location_id = :locationId`,
    params: { locationId },
  });
