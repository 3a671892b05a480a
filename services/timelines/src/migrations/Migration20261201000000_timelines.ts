import { Migration } from '@mikro-orm/migrations';

export class Migration20261201000000_timelines extends Migration {
  override up(): void {
    const s = '"timelines"';
    // People as identity knows them (from plein.identity.user.provisioned and from the principals that write).
    this.addSql(`create table ${s}."users" (
      "id" uuid primary key,
      "realm" text not null check ("realm" in ('staff', 'clients')),
      "username" text not null,
      "display_name" text not null,
      "updated_at" timestamptz not null default now())`);
    this.addSql(`create table ${s}."groups" (
      "id" uuid primary key,
      "intranet" text not null check ("intranet" in ('staff', 'client')),
      "name" text not null,
      "description" text not null default '',
      "kind" text not null check ("kind" in ('open', 'closed', 'secret')),
      "workgroup" boolean not null default false,
      "team_id" uuid null unique,
      "created_by" uuid not null,
      "created_at" timestamptz not null default now())`);
    this.addSql(`create index "groups_intranet_name_idx" on ${s}."groups" ("intranet", "name")`);
    // state: admin | member (members), requested | invited (not yet members).
    this.addSql(`create table ${s}."group_members" (
      "group_id" uuid not null references ${s}."groups" ("id") on delete cascade,
      "user_id" uuid not null,
      "state" text not null check ("state" in ('admin', 'member', 'requested', 'invited')),
      "created_at" timestamptz not null default now(),
      primary key ("group_id", "user_id"))`);
    this.addSql(
      `create index "group_members_user_idx" on ${s}."group_members" ("user_id", "group_id") include ("state")`,
    );
    this.addSql(`create table ${s}."follows" (
      "follower_id" uuid not null,
      "followee_id" uuid not null,
      "created_at" timestamptz not null default now(),
      primary key ("follower_id", "followee_id"),
      check ("follower_id" <> "followee_id"))`);
    // seq orders every feed and is its cursor: unique, and a later insert gets a larger one.
    this.addSql(`create table ${s}."posts" (
      "id" uuid primary key,
      "seq" bigint generated always as identity unique,
      "intranet" text not null check ("intranet" in ('staff', 'client')),
      "type" text not null check ("type" in ('post', 'announcement', 'article')),
      "audience" text not null check ("audience" in ('organization', 'followers', 'group', 'private')),
      "group_id" uuid null references ${s}."groups" ("id") on delete cascade,
      "author_id" uuid not null,
      "named_user_ids" uuid[] not null default '{}',
      "mention_ids" uuid[] not null default '{}',
      "body" text not null,
      "title" text null,
      "series" text null,
      "cover_image" text null,
      "attachments" jsonb not null default '[]',
      "pinned" boolean not null default false,
      "requires_confirmation" boolean not null default false,
      "hidden" boolean not null default false,
      "created_at" timestamptz not null default now(),
      "edited_at" timestamptz null,
      check (("audience" = 'group') = ("group_id" is not null)))`);
    // One index per candidate set of the feeds (see feed.query.ts).
    this.addSql(
      `create index "posts_org_idx" on ${s}."posts" ("intranet", "seq" desc) where "audience" = 'organization'`,
    );
    this.addSql(`create index "posts_author_idx" on ${s}."posts" ("author_id", "intranet", "seq" desc)`);
    this.addSql(
      `create index "posts_group_idx" on ${s}."posts" ("group_id", "seq" desc) where "group_id" is not null`,
    );
    this.addSql(
      `create index "posts_named_idx" on ${s}."posts" using gin ("named_user_ids") where "audience" = 'private'`,
    );
    this.addSql(
      `create index "posts_news_idx" on ${s}."posts" ("intranet", "seq" desc) where "type" = 'article'`,
    );
    this.addSql(`create index "posts_pinned_idx" on ${s}."posts" ("intranet", "seq" desc) where "pinned"`);
    this.addSql(`create table ${s}."post_versions" (
      "post_id" uuid not null references ${s}."posts" ("id") on delete cascade,
      "version" int not null,
      "body" text not null,
      "title" text null,
      "at" timestamptz not null,
      primary key ("post_id", "version"))`);
    this.addSql(`create table ${s}."comments" (
      "id" uuid primary key,
      "post_id" uuid not null references ${s}."posts" ("id") on delete cascade,
      "parent_id" uuid null references ${s}."comments" ("id") on delete cascade,
      "author_id" uuid not null,
      "body" text not null,
      "created_at" timestamptz not null default now())`);
    this.addSql(`create index "comments_post_idx" on ${s}."comments" ("post_id", "created_at")`);
    this.addSql(`create table ${s}."reactions" (
      "post_id" uuid not null references ${s}."posts" ("id") on delete cascade,
      "user_id" uuid not null,
      "kind" text not null check ("kind" in ('like', 'heart', 'thanks', 'laugh', 'support')),
      "created_at" timestamptz not null default now(),
      primary key ("post_id", "user_id"))`);
    this.addSql(`create table ${s}."confirmations" (
      "post_id" uuid not null references ${s}."posts" ("id") on delete cascade,
      "user_id" uuid not null,
      "at" timestamptz not null default now(),
      primary key ("post_id", "user_id"))`);
    this.addSql(`create table ${s}."outbox" (
      "seq" bigserial primary key,
      "id" uuid not null unique,
      "type" text not null,
      "envelope" jsonb not null,
      "created_at" timestamptz not null default now(),
      "published_at" timestamptz null)`);
    this.addSql(`create index "outbox_pending_idx" on ${s}."outbox" ("seq") where "published_at" is null`);
    this.addSql(`create table ${s}."inbox" (
      "consumer" text not null,
      "event_id" uuid not null,
      "handled_at" timestamptz not null default now(),
      primary key ("consumer", "event_id"))`);
  }

  override down(): void {
    for (const t of [
      'inbox',
      'outbox',
      'confirmations',
      'reactions',
      'comments',
      'post_versions',
      'posts',
      'follows',
      'group_members',
      'groups',
      'users',
    ])
      this.addSql(`drop table "timelines"."${t}"`);
  }
}
