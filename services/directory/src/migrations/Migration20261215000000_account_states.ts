import { Migration } from '@mikro-orm/migrations';

/**
 * Accounts disabled or removed in Keycloak (identity's deactivated/reactivated events). `account_states` keeps the
 * latest state per user even before their profile exists (events of different consumers arrive in any order);
 * `profiles.active` is its copy on the profile, which every read filters on.
 */
export class Migration20261215000000_account_states extends Migration {
  override up(): void {
    this.addSql(`create table "directory"."account_states" (
      "user_id" uuid primary key,
      "active" boolean not null,
      "reason" text null check ("reason" in ('disabled', 'removed')),
      "changed_at" timestamptz not null)`);
    this.addSql(`alter table "directory"."profiles" add column "active" boolean not null default true`);
  }

  override down(): void {
    this.addSql(`alter table "directory"."profiles" drop column "active"`);
    this.addSql(`drop table "directory"."account_states"`);
  }
}
