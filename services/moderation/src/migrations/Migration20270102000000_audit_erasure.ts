import { Migration } from '@mikro-orm/migrations';

/**
 * The audit log stays append-only, with one exception the right to erasure needs: an entry's actor id may be
 * replaced by the erased person's pseudonym (services/moderation/src/audit.ts `erasedActor`). Only `actor_id`
 * may change, from a value to another value; every other UPDATE, and every DELETE and TRUNCATE, is refused.
 */
export class Migration20270102000000_audit_erasure extends Migration {
  override up(): void {
    const s = '"moderation"';
    this
      .addSql(`create or replace function ${s}."audit_log_append_only"() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' and old.actor_id is not null and new.actor_id is not null
           and new.actor_id <> old.actor_id
           and (new.id, new.seq, new.at, new.action, new.subject_type, new.subject_id, new.reason)
               is not distinct from (old.id, old.seq, old.at, old.action, old.subject_type, old.subject_id, old.reason)
           and new.before is not distinct from old.before and new.after is not distinct from old.after then
          return new;
        end if;
        raise exception 'the audit log is append-only: % is refused', tg_op using errcode = 'insufficient_privilege';
      end $$`);
  }

  override down(): void {
    const s = '"moderation"';
    this
      .addSql(`create or replace function ${s}."audit_log_append_only"() returns trigger language plpgsql as $$
      begin
        raise exception 'the audit log is append-only: % is refused', tg_op using errcode = 'insufficient_privilege';
      end $$`);
  }
}
