import { Migration } from '@mikro-orm/migrations';

/**
 * A question's `answer_count` counts only the answers moderation has not hidden (it counted every answer ever
 * written): the stored counts are set to that once; from now on the moderation consumer keeps them.
 */
export class Migration20261231000000_visible_answer_count extends Migration {
  override up(): void {
    this.addSql(`update "knowledge"."questions" q set "answer_count" = (
      select count(*) from "knowledge"."answers" a where a."question_id" = q."id" and not a."hidden")`);
  }

  override down(): void {
    this.addSql(`update "knowledge"."questions" q set "answer_count" = (
      select count(*) from "knowledge"."answers" a where a."question_id" = q."id")`);
  }
}
