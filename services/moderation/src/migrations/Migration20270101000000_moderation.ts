import { Migration } from '@mikro-orm/migrations';
import { messagingTablesSql } from '@plein/messaging';

/**
 * The moderation service's first schema: submissions (with the editors' decisions and the board's comments),
 * reports, the append-only audit log (a trigger refuses every UPDATE, DELETE and TRUNCATE), the people it shows
 * (from principals and the directory's profile facts), and the outbox and inbox.
 */
export class Migration20270101000000_moderation extends Migration {
  override up(): void {
    const s = '"moderation"';
    for (const sql of messagingTablesSql('moderation').up) this.addSql(sql);

    this.addSql(`create table ${s}."people" (
      "id" uuid primary key,
      "realm" text not null check ("realm" in ('staff', 'clients')),
      "display_name" text not null,
      "updated_at" timestamptz not null default now())`);
    this.addSql(`create table ${s}."person_facts" (
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

    this.addSql(`create table ${s}."submissions" (
      "id" uuid primary key,
      "intranet" text not null check ("intranet" in ('staff', 'client')),
      "author_id" uuid not null,
      "title" text not null check (length("title") between 1 and 200),
      "body" text not null check (length("body") between 1 and 10000),
      "series" text null,
      "image" text null,
      "state" text not null check ("state" in ('submitted', 'returned', 'rejected', 'published')),
      "published_by" uuid null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now())`);
    this.addSql(
      `create index "submissions_queue_idx" on ${s}."submissions" ("intranet", "state", "updated_at" desc, "id" desc)`,
    );
    this.addSql(
      `create index "submissions_author_idx" on ${s}."submissions" ("author_id", "updated_at" desc)`,
    );
    this.addSql(`create table ${s}."submission_decisions" (
      "id" uuid primary key,
      "submission_id" uuid not null references ${s}."submissions" ("id") on delete cascade,
      "state" text not null,
      "note" text not null default '',
      "editor_id" uuid null,
      "at" timestamptz not null default now())`);
    this.addSql(
      `create index "submission_decisions_idx" on ${s}."submission_decisions" ("submission_id", "at")`,
    );
    this.addSql(`create table ${s}."submission_comments" (
      "id" uuid primary key,
      "submission_id" uuid not null references ${s}."submissions" ("id") on delete cascade,
      "author_id" uuid null,
      "body" text not null check (length("body") between 1 and 4000),
      "created_at" timestamptz not null default now())`);
    this.addSql(
      `create index "submission_comments_idx" on ${s}."submission_comments" ("submission_id", "created_at")`,
    );

    this.addSql(`create table ${s}."reports" (
      "id" uuid primary key,
      "intranet" text not null check ("intranet" in ('staff', 'client')),
      "content_type" text not null,
      "content_id" uuid not null,
      "parent_id" uuid null,
      "reporter_id" uuid null,
      "reason" text not null check (length("reason") between 1 and 2000),
      "state" text not null default 'open' check ("state" in ('open', 'hidden', 'restored', 'dismissed')),
      "note" text null,
      "decided_at" timestamptz null,
      "created_at" timestamptz not null default now())`);
    this.addSql(`create index "reports_queue_idx" on ${s}."reports" ("state", "created_at" desc, "id" desc)`);
    this.addSql(`create index "reports_reporter_idx" on ${s}."reports" ("reporter_id", "created_at" desc)`);
    this.addSql(`create index "reports_content_idx" on ${s}."reports" ("content_type", "content_id")`);

    // The audit log: who (an id only), what, when, why, before and after. Append-only: no API changes or deletes
    // an entry, and the database refuses it too.
    this.addSql(`create table ${s}."audit_log" (
      "id" uuid primary key,
      "seq" bigint generated always as identity unique,
      "at" timestamptz not null default now(),
      "actor_id" uuid null,
      "action" text not null,
      "subject_type" text not null,
      "subject_id" text not null,
      "reason" text null,
      "before" jsonb null,
      "after" jsonb null)`);
    this.addSql(`create index "audit_log_actor_idx" on ${s}."audit_log" ("actor_id", "seq" desc)`);
    this.addSql(`create index "audit_log_action_idx" on ${s}."audit_log" ("action", "seq" desc)`);
    this.addSql(`create function ${s}."audit_log_append_only"() returns trigger language plpgsql as $$
      begin
        raise exception 'the audit log is append-only: % is refused', tg_op using errcode = 'insufficient_privilege';
      end $$`);
    this.addSql(`create trigger "audit_log_no_change" before update or delete on ${s}."audit_log"
      for each row execute function ${s}."audit_log_append_only"()`);
    this.addSql(`create trigger "audit_log_no_truncate" before truncate on ${s}."audit_log"
      for each statement execute function ${s}."audit_log_append_only"()`);
  }

  override down(): void {
    const s = '"moderation"';
    this.addSql(`drop table ${s}."audit_log"`);
    this.addSql(`drop function ${s}."audit_log_append_only"()`);
    for (const t of [
      'reports',
      'submission_comments',
      'submission_decisions',
      'submissions',
      'person_facts',
      'people',
    ])
      this.addSql(`drop table ${s}."${t}"`);
    for (const sql of messagingTablesSql('moderation').down) this.addSql(sql);
  }
}
