import { Migration } from '@mikro-orm/migrations';

export class Migration20261127000000_users_outbox_inbox extends Migration {
  override up(): void {
    this.addSql(`create table "identity"."users" (
      "id" uuid primary key,
      "realm" text not null check ("realm" in ('staff', 'clients')),
      "subject" text not null,
      "username" text not null,
      "display_name" text not null,
      "email" text null,
      "roles" text[] not null default '{}',
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "users_realm_subject_unique" unique ("realm", "subject"))`);
    this.addSql(`create table "identity"."outbox" (
      "seq" bigserial primary key,
      "id" uuid not null unique,
      "type" text not null,
      "envelope" jsonb not null,
      "created_at" timestamptz not null default now(),
      "published_at" timestamptz null)`);
    this.addSql(
      `create index "outbox_pending_idx" on "identity"."outbox" ("seq") where "published_at" is null`,
    );
    this.addSql(`create table "identity"."inbox" (
      "consumer" text not null,
      "event_id" uuid not null,
      "handled_at" timestamptz not null default now(),
      primary key ("consumer", "event_id"))`);
  }

  override down(): void {
    this.addSql('drop table "identity"."inbox"');
    this.addSql('drop table "identity"."outbox"');
    this.addSql('drop table "identity"."users"');
  }
}
