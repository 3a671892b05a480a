import { Migration } from '@mikro-orm/migrations';

export class Migration20261201000000_directory extends Migration {
  override up(): void {
    this.addSql(`create table "directory"."functions" (
      "id" uuid primary key,
      "name" text not null unique,
      "created_at" timestamptz not null default now())`);
    this.addSql(`create table "directory"."locations" (
      "id" uuid primary key,
      "name" text not null unique,
      "kind" text not null,
      "street" text not null,
      "postal_code" text not null,
      "city" text not null,
      "description" text null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now())`);
    this.addSql(`create table "directory"."profiles" (
      "user_id" uuid primary key,
      "realm" text not null check ("realm" in ('staff', 'clients')),
      "subject" text not null,
      "kind" text not null check ("kind" in ('staff', 'client')),
      "username" text not null,
      "first_name" text not null,
      "last_name" text not null default '',
      "display_name" text not null,
      "sort_name" text not null,
      "email" text null,
      "phone" text null,
      "about" text null,
      "skills" text[] not null default '{}',
      "skill_keys" text[] not null default '{}',
      "languages" text[] not null default '{}',
      "start_date" date null,
      "function_id" uuid null references "directory"."functions" ("id") on delete set null,
      "mentor_id" uuid null references "directory"."profiles" ("user_id") on delete set null,
      "opted_in" boolean not null default false,
      "shared_fields" text[] not null default '{photo}',
      "photo_version" text null,
      "identity_seen_at" timestamptz not null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "profiles_realm_subject_unique" unique ("realm", "subject"))`);
    this.addSql(
      `create index "profiles_kind_name_idx" on "directory"."profiles" ("kind", "sort_name", "user_id")`,
    );
    this.addSql(`create index "profiles_skill_keys_idx" on "directory"."profiles" using gin ("skill_keys")`);
    this.addSql(`create index "profiles_function_idx" on "directory"."profiles" ("function_id")`);
    this.addSql(`create index "profiles_start_date_idx" on "directory"."profiles" ("start_date")`);
    this.addSql(`create table "directory"."profile_locations" (
      "user_id" uuid not null references "directory"."profiles" ("user_id") on delete cascade,
      "location_id" uuid not null references "directory"."locations" ("id") on delete cascade,
      primary key ("user_id", "location_id"))`);
    this.addSql(
      `create index "profile_locations_location_idx" on "directory"."profile_locations" ("location_id", "user_id")`,
    );
    this.addSql(`create table "directory"."photos" (
      "user_id" uuid primary key references "directory"."profiles" ("user_id") on delete cascade,
      "version" text not null,
      "thumb" bytea not null,
      "medium" bytea not null,
      "updated_at" timestamptz not null default now())`);
    this.addSql(`create table "directory"."teams" (
      "id" uuid primary key,
      "name" text not null unique,
      "purpose" text null,
      "lead_id" uuid null references "directory"."profiles" ("user_id") on delete set null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now())`);
    this.addSql(`create table "directory"."team_locations" (
      "team_id" uuid not null references "directory"."teams" ("id") on delete cascade,
      "location_id" uuid not null references "directory"."locations" ("id") on delete cascade,
      primary key ("team_id", "location_id"))`);
    this.addSql(`create index "team_locations_location_idx" on "directory"."team_locations" ("location_id")`);
    this.addSql(`create table "directory"."team_members" (
      "team_id" uuid not null references "directory"."teams" ("id") on delete cascade,
      "user_id" uuid not null references "directory"."profiles" ("user_id") on delete cascade,
      "added_at" timestamptz not null default now(),
      primary key ("team_id", "user_id"))`);
    this.addSql(`create index "team_members_user_idx" on "directory"."team_members" ("user_id")`);
    // Demo/seed data for people who are not provisioned yet, keyed by their Keycloak subject;
    // applied when plein.identity.user.provisioned brings their profile (see profile-presets.ts).
    this.addSql(`create table "directory"."profile_presets" (
      "realm" text not null,
      "subject" text not null,
      "data" jsonb not null,
      "thumb" bytea null,
      "medium" bytea null,
      primary key ("realm", "subject"))`);
    this.addSql(`create table "directory"."outbox" (
      "seq" bigserial primary key,
      "id" uuid not null unique,
      "type" text not null,
      "envelope" jsonb not null,
      "created_at" timestamptz not null default now(),
      "published_at" timestamptz null)`);
    this.addSql(
      `create index "outbox_pending_idx" on "directory"."outbox" ("seq") where "published_at" is null`,
    );
    this.addSql(`create table "directory"."inbox" (
      "consumer" text not null,
      "event_id" uuid not null,
      "handled_at" timestamptz not null default now(),
      primary key ("consumer", "event_id"))`);
  }

  override down(): void {
    for (const t of [
      'inbox',
      'outbox',
      'profile_presets',
      'team_members',
      'team_locations',
      'teams',
      'photos',
      'profile_locations',
      'profiles',
      'locations',
      'functions',
    ])
      this.addSql(`drop table "directory"."${t}"`);
  }
}
