import { Migration } from '@mikro-orm/migrations';
import { messagingTablesSql } from '@plein/messaging';

/**
 * The knowledge service's first schema: questions and answers (with votes, comments and follows), the
 * quality handbook (chapters, articles, every version), the client how-to pages, the people it shows, and the
 * outbox and inbox the messaging library needs.
 */
export class Migration20261229000000_knowledge extends Migration {
  override up(): void {
    // People as knowledge shows them: learnt from the principal of each request (and kept current by it).
    this.addSql(`create table "knowledge"."people" (
      "id" uuid primary key,
      "realm" text not null check ("realm" in ('staff', 'clients')),
      "username" text not null,
      "display_name" text not null,
      "updated_at" timestamptz not null default now())`);
    this.addSql(`create index "people_username_idx" on "knowledge"."people" ("username")`);

    this.addSql(`create table "knowledge"."questions" (
      "id" uuid primary key,
      "intranet" text not null check ("intranet" in ('staff', 'client')),
      "audience" text not null check ("audience" in ('organization', 'group')),
      "group_id" uuid null,
      "author_id" uuid not null,
      "anonymous" boolean not null default false,
      "hidden" boolean not null default false,
      "title" text not null check (length("title") between 1 and 200),
      "body" text not null default '' check (length("body") <= 20000),
      "tags" text[] not null default '{}',
      "accepted_answer_id" uuid null,
      "answer_count" integer not null default 0,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "questions_group_chk" check (("audience" = 'group') = ("group_id" is not null)),
      constraint "questions_anonymous_staff_chk" check (not "anonymous" or "intranet" = 'staff'))`);
    this.addSql(
      `create index "questions_recent_idx" on "knowledge"."questions" ("intranet", "created_at" desc, "id" desc)`,
    );
    this.addSql(`create index "questions_tags_idx" on "knowledge"."questions" using gin ("tags")`);

    this.addSql(`create table "knowledge"."answers" (
      "id" uuid primary key,
      "question_id" uuid not null references "knowledge"."questions" ("id") on delete cascade,
      "intranet" text not null check ("intranet" in ('staff', 'client')),
      "audience" text not null check ("audience" in ('organization', 'group')),
      "group_id" uuid null,
      "author_id" uuid not null,
      "hidden" boolean not null default false,
      "body" text not null check (length("body") between 1 and 20000),
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now())`);
    this.addSql(`create index "answers_question_idx" on "knowledge"."answers" ("question_id", "created_at")`);
    this.addSql(`alter table "knowledge"."questions" add constraint "questions_accepted_fk"
      foreign key ("accepted_answer_id") references "knowledge"."answers" ("id") on delete set null`);

    // One vote per person per answer: the primary key is what makes two votes at the same moment one.
    this.addSql(`create table "knowledge"."votes" (
      "answer_id" uuid not null references "knowledge"."answers" ("id") on delete cascade,
      "user_id" uuid not null,
      "value" smallint not null check ("value" in (-1, 1)),
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      primary key ("answer_id", "user_id"))`);

    this.addSql(`create table "knowledge"."answer_comments" (
      "id" uuid primary key,
      "answer_id" uuid not null references "knowledge"."answers" ("id") on delete cascade,
      "author_id" uuid not null,
      "body" text not null check (length("body") between 1 and 2000),
      "created_at" timestamptz not null default now())`);
    this.addSql(
      `create index "answer_comments_answer_idx" on "knowledge"."answer_comments" ("answer_id", "created_at")`,
    );

    this.addSql(`create table "knowledge"."question_follows" (
      "question_id" uuid not null references "knowledge"."questions" ("id") on delete cascade,
      "user_id" uuid not null,
      "created_at" timestamptz not null default now(),
      primary key ("question_id", "user_id"))`);

    this.addSql(`create table "knowledge"."chapters" (
      "id" uuid primary key,
      "slug" text not null unique,
      "title" text not null,
      "position" integer not null default 0,
      "created_at" timestamptz not null default now())`);

    this.addSql(`create table "knowledge"."articles" (
      "id" uuid primary key,
      "chapter_id" uuid not null references "knowledge"."chapters" ("id"),
      "title" text not null,
      "owner_id" uuid null,
      "review_by" date null,
      "state" text not null check ("state" in ('draft', 'published')),
      "latest_version" integer not null,
      "published_version" integer null,
      "source_path" text null unique,
      "source_hash" text null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now())`);
    this.addSql(`create index "articles_chapter_idx" on "knowledge"."articles" ("chapter_id", "title")`);
    this.addSql(
      `create index "articles_review_idx" on "knowledge"."articles" ("review_by") where "review_by" is not null`,
    );

    this.addSql(`create table "knowledge"."article_versions" (
      "article_id" uuid not null references "knowledge"."articles" ("id") on delete cascade,
      "n" integer not null check ("n" >= 1),
      "title" text not null,
      "body" text not null,
      "change_note" text not null,
      "author_id" uuid null,
      "was_published" boolean not null default false,
      "created_at" timestamptz not null default now(),
      primary key ("article_id", "n"))`);

    this.addSql(`create table "knowledge"."howtos" (
      "id" uuid primary key,
      "title" text not null,
      "body" text not null,
      "published" boolean not null default true,
      "author_id" uuid null,
      "source_path" text null unique,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now())`);

    // the outbox and inbox every service with events has (libs/messaging)
    for (const sql of messagingTablesSql('knowledge').up) this.addSql(sql);
  }

  override down(): void {
    for (const sql of messagingTablesSql('knowledge').down) this.addSql(sql);
    for (const table of [
      'howtos',
      'article_versions',
      'articles',
      'chapters',
      'question_follows',
      'answer_comments',
      'votes',
    ])
      this.addSql(`drop table "knowledge"."${table}"`);
    this.addSql(`alter table "knowledge"."questions" drop constraint "questions_accepted_fk"`);
    this.addSql('drop table "knowledge"."answers"');
    this.addSql('drop table "knowledge"."questions"');
    this.addSql('drop table "knowledge"."people"');
  }
}
