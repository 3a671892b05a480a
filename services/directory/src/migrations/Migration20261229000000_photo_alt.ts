import { Migration } from '@mikro-orm/migrations';

/** What is on a profile photo, in its owner's words (given with the upload), for people who cannot see it. */
export class Migration20261229000000_photo_alt extends Migration {
  override up(): void {
    this.addSql(`alter table "directory"."profiles" add column "photo_alt" text null`);
  }

  override down(): void {
    this.addSql(`alter table "directory"."profiles" drop column "photo_alt"`);
  }
}
