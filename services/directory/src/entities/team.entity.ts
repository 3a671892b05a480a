import { defineEntity, p } from '@mikro-orm/postgresql';

/** A result-oriented team; its name is unique, its lead (a staff profile) is also a member. */
export const TeamEntity = defineEntity({
  name: 'Team',
  tableName: 'teams',
  properties: {
    id: p.uuid().primary(),
    name: p.text().unique(),
    purpose: p.text().nullable(),
    leadId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
    /** Its members whose account stands, counted when it is read. */
    activeMemberCount: p
      .integer()
      .formula(
        (cols) =>
          `(select count(*)::int from "directory"."team_members" tm join "directory"."profiles" mp on mp.user_id = tm.user_id and mp.active where tm.team_id = ${cols.id})`,
      )
      .persist(false)
      .lazy(),
  },
});
export type TeamRecord = InstanceType<typeof TeamEntity.class>;

/** Where a team works; the rows go with the team or the location (on delete cascade). */
export const TeamLocationEntity = defineEntity({
  name: 'TeamLocation',
  tableName: 'team_locations',
  properties: {
    teamId: p.uuid().primary(),
    locationId: p.uuid().primary(),
  },
});
export type TeamLocationRecord = InstanceType<typeof TeamLocationEntity.class>;

/** Who is in a team; (team, user) is the key, so a person is a member once. */
export const TeamMemberEntity = defineEntity({
  name: 'TeamMember',
  tableName: 'team_members',
  properties: {
    teamId: p.uuid().primary(),
    userId: p.uuid().primary(),
    addedAt: p.datetime().onCreate(() => new Date()),
  },
});
export type TeamMemberRecord = InstanceType<typeof TeamMemberEntity.class>;
