import { Migration } from '@mikro-orm/migrations';
import { messagingTablesSql } from '@plein/messaging';

/**
 * The documents service's first schema: folders (per intranet, per group, nested), files (their visibility
 * copied from their folder, a trash by `deleted_at`), every version of a file (the blob's key, size, SHA-256,
 * detected type, sanitised name, extracted text, thumbnail), and the outbox and inbox.
 */
export class Migration20261229100000_documents extends Migration {
  override up(): void {
    this.addSql(`create table "documents"."folders" (
      "id" uuid primary key,
      "parent_id" uuid null references "documents"."folders" ("id"),
      "intranet" text not null check ("intranet" in ('staff', 'client')),
      "audience" text not null check ("audience" in ('organization', 'group')),
      "group_id" uuid null,
      "name" text not null check (length("name") between 1 and 120),
      "created_by" uuid null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "folders_group_chk" check (("audience" = 'group') = ("group_id" is not null)))`);
    this.addSql(
      `create index "folders_parent_idx" on "documents"."folders" ("intranet", "parent_id", "name")`,
    );
    this.addSql(
      `create index "folders_group_idx" on "documents"."folders" ("group_id") where "group_id" is not null`,
    );

    this.addSql(`create table "documents"."files" (
      "id" uuid primary key,
      "folder_id" uuid not null references "documents"."folders" ("id"),
      "intranet" text not null check ("intranet" in ('staff', 'client')),
      "audience" text not null check ("audience" in ('organization', 'group')),
      "group_id" uuid null,
      "title" text not null check (length("title") between 1 and 200),
      "description" text not null default '' check (length("description") <= 2000),
      "tags" text[] not null default '{}',
      "owner_id" uuid null,
      "current_version" integer not null check ("current_version" >= 1),
      "deleted_at" timestamptz null,
      "deleted_by" uuid null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "files_group_chk" check (("audience" = 'group') = ("group_id" is not null)))`);
    this.addSql(
      `create index "files_folder_idx" on "documents"."files" ("folder_id", "title") where "deleted_at" is null`,
    );
    this.addSql(
      `create index "files_trash_idx" on "documents"."files" ("deleted_at") where "deleted_at" is not null`,
    );
    this.addSql(`create index "files_owner_idx" on "documents"."files" ("owner_id")`);

    this.addSql(`create table "documents"."file_versions" (
      "file_id" uuid not null references "documents"."files" ("id") on delete cascade,
      "n" integer not null check ("n" >= 1),
      "blob_key" text not null,
      "size" bigint not null check ("size" > 0),
      "sha256" text not null check ("sha256" ~ '^[0-9a-f]{64}$'),
      "mime_type" text not null,
      "name" text not null check (length("name") between 1 and 200),
      "uploaded_by" uuid null,
      "text" text null,
      "thumbnail_key" text null,
      "created_at" timestamptz not null default now(),
      primary key ("file_id", "n"))`);
    this.addSql(`create index "file_versions_uploader_idx" on "documents"."file_versions" ("uploaded_by")`);

    for (const sql of messagingTablesSql('documents').up) this.addSql(sql);
  }

  override down(): void {
    for (const sql of messagingTablesSql('documents').down) this.addSql(sql);
    this.addSql('drop table "documents"."file_versions"');
    this.addSql('drop table "documents"."files"');
    this.addSql('drop table "documents"."folders"');
  }
}
