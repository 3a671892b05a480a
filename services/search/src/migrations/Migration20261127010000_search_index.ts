import { Migration } from '@mikro-orm/migrations';

export class Migration20261127010000_search_index extends Migration {
  override up(): void {
    this.addSql('create extension if not exists pg_trgm with schema public');
    this.addSql(`create table "search"."documents" (
      "key" text primary key,
      "type" text not null,
      "id" text not null,
      "intranet" text not null check ("intranet" in ('staff', 'client')),
      "audience" text not null check ("audience" in ('organization', 'followers', 'group', 'private')),
      "group_id" uuid null,
      "author_id" uuid null,
      "named_user_ids" uuid[] not null default '{}',
      "hidden" boolean not null default false,
      "title" text not null default '',
      "body" text not null default '',
      "updated_at" timestamptz not null,
      "parent" text null,
      "tsv" tsvector generated always as (
        setweight(to_tsvector('dutch', "title"), 'A') || setweight(to_tsvector('dutch', "body"), 'B')) stored,
      "title_prefix" tsvector generated always as (to_tsvector('simple', "title")) stored)`);
    this.addSql('create index "documents_tsv_idx" on "search"."documents" using gin ("tsv")');
    this.addSql(
      'create index "documents_title_prefix_idx" on "search"."documents" using gin ("title_prefix")',
    );
    this.addSql('create index "documents_type_id_idx" on "search"."documents" ("type", "id")');
    this.addSql('create table "search"."terms" ("term" text primary key)');
    this.addSql('create index "terms_trgm_idx" on "search"."terms" using gin ("term" public.gin_trgm_ops)');
    // comments carry their post's visibility; `parent` (type:id of the post) lets them follow it
    this.addSql(
      'create index "documents_parent_idx" on "search"."documents" ("parent") where "parent" is not null',
    );
    this.addSql(`create table "search"."outbox" ("seq" bigserial primary key, "id" uuid not null unique,
      "type" text not null, "envelope" jsonb not null, "created_at" timestamptz not null default now(),
      "published_at" timestamptz null)`);
    this.addSql(`create table "search"."inbox" ("consumer" text not null, "event_id" uuid not null,
      "handled_at" timestamptz not null default now(), primary key ("consumer", "event_id"))`);
  }

  override down(): void {
    for (const t of ['inbox', 'outbox', 'terms', 'documents']) this.addSql(`drop table "search"."${t}"`);
  }
}
