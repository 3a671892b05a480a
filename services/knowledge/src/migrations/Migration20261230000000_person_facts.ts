import { Migration } from '@mikro-orm/migrations';

/**
 * The directory's facts about each person (kind, names, opt-in, shared fields, photo version, active), copied
 * from `plein.directory.profile.created|updated`, so knowledge shows people by the one person rule of
 * `@plein/auth` instead of by the name in someone's token. `seen_at`: the newest profile event applied (the two
 * durables can deliver out of order; an older event never overwrites a newer one).
 */
export class Migration20261230000000_person_facts extends Migration {
  override up(): void {
    this.addSql(`create table "knowledge"."person_facts" (
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
  }

  override down(): void {
    this.addSql('drop table "knowledge"."person_facts"');
  }
}
