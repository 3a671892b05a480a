import { Migration } from '@mikro-orm/migrations';

/** fuzzystrmatch's levenshtein bounds typo corrections to one or two edits, as Meilisearch does. */
export class Migration20261127020000_typo_distance extends Migration {
  override up(): void {
    this.addSql('create extension if not exists fuzzystrmatch with schema public');
  }
}
