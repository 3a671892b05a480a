import { Migration } from '@mikro-orm/migrations';
import { messagingTablesSql } from '@plein/messaging';

/**
 * The notifications service's schema (docs/notifications.md): the notifications per person (or, for an
 * announcement, per intranet, with a read mark per person), the visibility facts of the content they are about,
 * preferences per kind, the person rule's facts and e-mail addresses of the people it tells, the digest's
 * progress, and the outbox and inbox of the messaging library.
 */
export class Migration20270101000000_notifications extends Migration {
  override up(): void {
    for (const sql of messagingTablesSql('notifications').up) this.addSql(sql);

    // One row per notification. `user_id` null: an announcement for everyone of `intranet` (read marks in
    // broadcast_reads). `content_key` (`post:<id>`, `question:<id>`, …) names the content whose visibility
    // decides who may see it (contents); `item_key` the comment or answer inside it (hidden_items).
    // `batch_key`: the unread notification that more of the same joins (reactions to one post).
    this.addSql(`create table "notifications"."notifications" (
      "id" uuid primary key,
      "user_id" uuid null,
      "intranet" text not null check ("intranet" in ('staff', 'client')),
      "kind" text not null,
      "content_key" text not null,
      "item_key" text null,
      "actor_id" uuid null,
      "actor_ids" uuid[] not null default '{}',
      "batch_key" text null,
      "data" jsonb not null default '{}',
      "read_at" timestamptz null,
      "digested_at" timestamptz null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now())`);
    this.addSql(
      `create index "notifications_user_idx" on "notifications"."notifications" ("user_id", "updated_at" desc, "id" desc)`,
    );
    this.addSql(
      `create index "notifications_unread_idx" on "notifications"."notifications" ("user_id") where "read_at" is null`,
    );
    this.addSql(
      `create index "notifications_broadcast_idx" on "notifications"."notifications" ("intranet", "updated_at" desc) where "user_id" is null`,
    );
    this.addSql(
      `create unique index "notifications_batch_idx" on "notifications"."notifications" ("user_id", "batch_key") where "batch_key" is not null`,
    );
    this.addSql(
      `create index "notifications_content_idx" on "notifications"."notifications" ("content_key")`,
    );
    this.addSql(`create index "notifications_actor_idx" on "notifications"."notifications" ("actor_id")`);

    this.addSql(`create table "notifications"."broadcast_reads" (
      "notification_id" uuid not null references "notifications"."notifications" ("id") on delete cascade,
      "user_id" uuid not null,
      "read_at" timestamptz null,
      "digested_at" timestamptz null,
      primary key ("notification_id", "user_id"))`);
    this.addSql(`create index "broadcast_reads_user_idx" on "notifications"."broadcast_reads" ("user_id")`);

    // The visibility facts of the content notifications are about, kept current by timelines', knowledge's and
    // moderation's events: the rule is applied when a notification is read, not only when it is made.
    this.addSql(`create table "notifications"."contents" (
      "key" text primary key,
      "intranet" text not null check ("intranet" in ('staff', 'client')),
      "audience" text not null check ("audience" in ('organization', 'followers', 'group', 'private')),
      "group_id" uuid null,
      "author_id" uuid not null,
      "named_user_ids" uuid[] not null default '{}',
      "hidden" boolean not null default false,
      "title" text null)`);
    this.addSql(`create table "notifications"."hidden_items" ("key" text primary key)`);

    this.addSql(`create table "notifications"."preferences" (
      "user_id" uuid not null,
      "kind" text not null,
      "channel" text not null check ("channel" in ('app', 'digest', 'off')),
      primary key ("user_id", "kind"))`);

    this.addSql(`create table "notifications"."person_facts" (
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

    // identity's users: the realm and e-mail address the digest needs (identity's UserProvisioned/UserUpdated)
    this.addSql(`create table "notifications"."people" (
      "user_id" uuid primary key,
      "realm" text not null check ("realm" in ('staff', 'clients')),
      "username" text not null,
      "display_name" text not null,
      "email" text null,
      "roles" text[] not null default '{}',
      "last_digest_at" timestamptz null)`);
  }

  override down(): void {
    for (const t of [
      'people',
      'person_facts',
      'preferences',
      'hidden_items',
      'contents',
      'broadcast_reads',
      'notifications',
    ])
      this.addSql(`drop table "notifications"."${t}"`);
    for (const sql of messagingTablesSql('notifications').down) this.addSql(sql);
  }
}
