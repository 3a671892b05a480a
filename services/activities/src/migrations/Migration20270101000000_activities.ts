import { Migration } from '@mikro-orm/migrations';
import { messagingTablesSql } from '@plein/messaging';

/**
 * The activities service's first schema: activities (each weekly occurrence its own row), sign-ups with their
 * waiting list and reminder marker, the secret iCalendar feeds, the directory's person facts, and the outbox and
 * inbox the messaging library needs. The database itself refuses a second sign-up of one person for one activity.
 */
export class Migration20270101000000_activities extends Migration {
  override up(): void {
    this.addSql(`create table "activities"."activities" (
      "id" uuid primary key,
      "intranet" text not null check ("intranet" in ('staff', 'client')),
      "audience" text not null check ("audience" in ('organization', 'group')),
      "group_id" uuid null,
      "organiser_id" uuid null,
      "series_id" uuid null,
      "title" text not null check (length("title") between 1 and 200),
      "description" text not null default '' check (length("description") <= 20000),
      "location" text not null check (length("location") between 1 and 200),
      "starts_at" timestamptz not null,
      "ends_at" timestamptz not null,
      "signup_deadline" timestamptz not null,
      "capacity" integer not null check ("capacity" between 1 and 10000),
      "image_url" text null,
      "image_alt" text null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "activities_group_chk" check (("audience" = 'group') = ("group_id" is not null)),
      constraint "activities_ends_after_start_chk" check ("ends_at" > "starts_at"),
      constraint "activities_deadline_chk" check ("signup_deadline" <= "starts_at"))`);
    this.addSql(
      `create index "activities_when_idx" on "activities"."activities" ("intranet", "starts_at", "id")`,
    );
    this.addSql(`create index "activities_series_idx" on "activities"."activities" ("series_id")`);

    this.addSql(`create table "activities"."signups" (
      "id" uuid primary key,
      "activity_id" uuid not null references "activities"."activities" ("id") on delete cascade,
      "user_id" uuid not null,
      "person_kind" text not null check ("person_kind" in ('staff', 'client')),
      "state" text not null check ("state" in ('confirmed', 'waitlisted')),
      "signed_up_by_id" uuid null,
      "queued_at" timestamptz not null,
      "confirmed_at" timestamptz null,
      "reminded_at" timestamptz null,
      "created_at" timestamptz not null default now(),
      constraint "signups_once_uq" unique ("activity_id", "user_id"))`);
    this.addSql(`create index "signups_user_idx" on "activities"."signups" ("user_id")`);
    this.addSql(
      `create index "signups_queue_idx" on "activities"."signups" ("activity_id", "state", "queued_at", "id")`,
    );
    this.addSql(
      `create index "signups_unreminded_idx" on "activities"."signups" ("activity_id") where "state" = 'confirmed' and "reminded_at" is null`,
    );

    this.addSql(`create table "activities"."calendar_feeds" (
      "user_id" uuid primary key,
      "secret" text not null unique,
      "created_at" timestamptz not null default now())`);

    this.addSql(`create table "activities"."person_facts" (
      "user_id" uuid primary key,
      "kind" text not null check ("kind" in ('staff', 'client')),
      "first_name" text not null,
      "last_name" text not null,
      "display_name" text not null,
      "opted_in" boolean not null,
      "shared_fields" text[] not null,
      "photo_version" text,
      "active" boolean not null,
      "seen_at" timestamptz not null)`);

    for (const sql of messagingTablesSql('activities').up) this.addSql(sql);
  }

  override down(): void {
    for (const sql of messagingTablesSql('activities').down) this.addSql(sql);
    this.addSql('drop table "activities"."person_facts"');
    this.addSql('drop table "activities"."calendar_feeds"');
    this.addSql('drop table "activities"."signups"');
    this.addSql('drop table "activities"."activities"');
  }
}
