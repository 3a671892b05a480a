/**
 * The outbox and inbox tables every service with events needs, as SQL for its first migration (written once
 * here, not again in every service). A new service's first migration adds them:
 *
 * ```ts
 * override up(): void {
 *   for (const sql of messagingTablesSql('knowledge').up) this.addSql(sql);
 *   // … the service's own tables
 * }
 * override down(): void {
 *   // … the service's own tables
 *   for (const sql of messagingTablesSql('knowledge').down) this.addSql(sql);
 * }
 * ```
 *
 * Migrations that have landed are never edited, so the first four services keep their own copies of these
 * statements; the tables are the same.
 */
export function messagingTablesSql(schema: string): { up: string[]; down: string[] } {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const s = `"${schema}"`;
  return {
    up: [
      // events written in the same transaction as the change; the relay publishes them in seq order
      `create table ${s}."outbox" (
      "seq" bigserial primary key,
      "id" uuid not null unique,
      "type" text not null,
      "envelope" jsonb not null,
      "created_at" timestamptz not null default now(),
      "published_at" timestamptz null)`,
      `create index "outbox_pending_idx" on ${s}."outbox" ("seq") where "published_at" is null`,
      // the events each durable consumer has handled, so a redelivery changes nothing
      `create table ${s}."inbox" (
      "consumer" text not null,
      "event_id" uuid not null,
      "handled_at" timestamptz not null default now(),
      primary key ("consumer", "event_id"))`,
    ],
    down: [`drop table ${s}."inbox"`, `drop table ${s}."outbox"`],
  };
}
