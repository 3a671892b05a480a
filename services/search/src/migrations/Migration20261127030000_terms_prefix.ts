import { Migration } from '@mikro-orm/migrations';

/** Completing a typed word: a byte-ordered index answers `term >= prefix and term < prefix || max` ranges. */
export class Migration20261127030000_terms_prefix extends Migration {
  override up(): void {
    this.addSql('create index "terms_prefix_idx" on "search"."terms" ("term" collate "C")');
  }
}
