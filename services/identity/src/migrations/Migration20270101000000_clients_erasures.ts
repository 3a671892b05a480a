import { Migration } from '@mikro-orm/migrations';

/**
 * Start codes of client accounts (until the first login), and erasures (AVG) with each participant's confirmation.
 * An erasure keeps no trace of whom it erased: its id, realm and times, and per service what was done (counts).
 */
export class Migration20270101000000_clients_erasures extends Migration {
  override up(): void {
    this.addSql(`create table "identity"."start_codes" (
      "user_id" uuid primary key references "identity"."users" ("id") on delete cascade,
      "code" text not null,
      "issued_by" uuid null,
      "issued_at" timestamptz not null default now())`);
    this.addSql(`create table "identity"."erasures" (
      "id" uuid primary key,
      "realm" text not null check ("realm" in ('staff', 'clients')),
      "by_user_id" uuid null,
      "requested_at" timestamptz not null default now())`);
    this.addSql(`create table "identity"."erasure_confirmations" (
      "erasure_id" uuid not null references "identity"."erasures" ("id") on delete cascade,
      "service" text not null,
      "confirmed_at" timestamptz null,
      "removed" jsonb not null default '{}',
      "anonymised" jsonb not null default '{}',
      primary key ("erasure_id", "service"))`);
  }

  override down(): void {
    this.addSql(`drop table "identity"."erasure_confirmations"`);
    this.addSql(`drop table "identity"."erasures"`);
    this.addSql(`drop table "identity"."start_codes"`);
  }
}
