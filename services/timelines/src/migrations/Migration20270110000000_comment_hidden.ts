import { Migration } from '@mikro-orm/migrations';

/**
 * Moderation hides comments too (`plein.moderation.content.hidden|restored` with `contentType: 'comment'`):
 * a hidden comment is seen only by its author and moderators, marked. `moderated_at`: when the newest decision
 * was taken (the hidden and restored durables can deliver out of order; an older decision never wins).
 */
export class Migration20270110000000_comment_hidden extends Migration {
  override up(): void {
    this.addSql(`alter table "timelines"."comments"
      add column "hidden" boolean not null default false,
      add column "moderated_at" timestamptz null`);
  }

  override down(): void {
    this.addSql('alter table "timelines"."comments" drop column "hidden", drop column "moderated_at"');
  }
}
