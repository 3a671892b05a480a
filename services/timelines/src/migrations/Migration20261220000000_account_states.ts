import { Migration } from '@mikro-orm/migrations';

/**
 * Identity's `user.deactivated` / `user.reactivated` (accounts disabled or removed in Keycloak).
 *
 * - account_states: the newest state per person, with when it changed (the event's `occurredAt`), so an older
 *   event delivered late by the other consumer never overwrites a newer one; kept even for someone timelines
 *   does not know yet (the provisioned event can come after).
 * - users.active: its copy on the person, which follows and mentions check.
 */
export class Migration20261220000000_account_states extends Migration {
  override up(): void {
    const s = '"timelines"';
    this.addSql(`create table ${s}."account_states" (
      "user_id" uuid primary key,
      "active" boolean not null,
      "changed_at" timestamptz not null)`);
    this.addSql(`alter table ${s}."users" add column "active" boolean not null default true`);
  }

  override down(): void {
    const s = '"timelines"';
    this.addSql(`alter table ${s}."users" drop column "active"`);
    this.addSql(`drop table ${s}."account_states"`);
  }
}
