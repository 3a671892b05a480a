import { Migration } from '@mikro-orm/migrations';

/**
 * Workgroups synced from the directory's teams, following groups, and moderation events.
 *
 * - groups.archived_at: a workgroup whose team was deleted is archived (read-only, members only).
 * - groups.team_synced_at: when the team event whose name/description the workgroup shows happened, so an
 *   older event delivered late never overwrites a newer one.
 * - groups.created_by may be null: the directory sync, not a person, starts a workgroup.
 * - team_memberships: the newest membership event per (team, person) applied, for the same reason.
 * - group_members.following: whether a member sees the group's posts in their home feed (default yes).
 * - posts.moderated_at: when moderation last hid or restored the post (the newest decision wins).
 */
export class Migration20261215000000_workgroups_follows_moderation extends Migration {
  override up(): void {
    const s = '"timelines"';
    this.addSql(`alter table ${s}."groups" add column "archived_at" timestamptz null`);
    this.addSql(`alter table ${s}."groups" add column "team_synced_at" timestamptz null`);
    this.addSql(`alter table ${s}."groups" alter column "created_by" drop not null`);
    this.addSql(`alter table ${s}."groups" add constraint "groups_team_workgroup_check"
      check ("team_id" is null or ("workgroup" and "kind" = 'closed' and "intranet" = 'staff'))`);
    this.addSql(`create table ${s}."team_memberships" (
      "team_id" uuid not null,
      "user_id" uuid not null,
      "member" boolean not null,
      "at" timestamptz not null,
      primary key ("team_id", "user_id"))`);
    this.addSql(`alter table ${s}."group_members" add column "following" boolean not null default true`);
    this.addSql(`alter table ${s}."posts" add column "moderated_at" timestamptz null`);
  }

  override down(): void {
    const s = '"timelines"';
    this.addSql(`alter table ${s}."posts" drop column "moderated_at"`);
    this.addSql(`alter table ${s}."group_members" drop column "following"`);
    this.addSql(`drop table ${s}."team_memberships"`);
    this.addSql(`alter table ${s}."groups" drop constraint "groups_team_workgroup_check"`);
    this.addSql(`alter table ${s}."groups" alter column "created_by" set not null`);
    this.addSql(`alter table ${s}."groups" drop column "team_synced_at"`);
    this.addSql(`alter table ${s}."groups" drop column "archived_at"`);
  }
}
