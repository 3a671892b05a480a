import { Migration } from '@mikro-orm/migrations';

/**
 * The feed's candidate scans read every column the visibility rule needs; carrying them in the indexes
 * makes those scans index-only (no heap fetch per candidate row), which is most of a home feed's cost.
 */
export class Migration20261201000100_covering_feed_indexes extends Migration {
  override up(): void {
    const s = '"timelines"';
    const rule = '"id", "audience", "group_id", "author_id", "intranet", "hidden", "named_user_ids"';
    this.addSql(`drop index ${s}."posts_author_idx"`);
    this.addSql(
      `create index "posts_author_idx" on ${s}."posts" ("author_id", "intranet", "seq" desc) include (${rule})`,
    );
    this.addSql(`drop index ${s}."posts_group_idx"`);
    this.addSql(
      `create index "posts_group_idx" on ${s}."posts" ("group_id", "seq" desc) include (${rule}) where "group_id" is not null`,
    );
    this.addSql(`drop index ${s}."posts_org_idx"`);
    this.addSql(
      `create index "posts_org_idx" on ${s}."posts" ("intranet", "seq" desc) include (${rule}) where "audience" = 'organization'`,
    );
  }

  override down(): void {
    const s = '"timelines"';
    this.addSql(`drop index ${s}."posts_author_idx"`);
    this.addSql(`create index "posts_author_idx" on ${s}."posts" ("author_id", "intranet", "seq" desc)`);
    this.addSql(`drop index ${s}."posts_group_idx"`);
    this.addSql(
      `create index "posts_group_idx" on ${s}."posts" ("group_id", "seq" desc) where "group_id" is not null`,
    );
    this.addSql(`drop index ${s}."posts_org_idx"`);
    this.addSql(
      `create index "posts_org_idx" on ${s}."posts" ("intranet", "seq" desc) where "audience" = 'organization'`,
    );
  }
}
