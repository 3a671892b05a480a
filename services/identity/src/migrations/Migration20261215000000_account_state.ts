import { Migration } from '@mikro-orm/migrations';

/** Whether each user's account still stands in Keycloak (see keycloak-sync.service.ts). */
export class Migration20261215000000_account_state extends Migration {
  override up(): void {
    this.addSql(`alter table "identity"."users"
      add column "account_state" text not null default 'active'
        check ("account_state" in ('active', 'disabled', 'removed')),
      add column "account_state_at" timestamptz null`);
  }

  override down(): void {
    this.addSql(`alter table "identity"."users" drop column "account_state_at", drop column "account_state"`);
  }
}
