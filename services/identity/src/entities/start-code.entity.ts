import { defineEntity, p } from '@mikro-orm/postgresql';

/** A client account's one-time start code, kept for the start letter until the first login uses it. */
export const StartCodeEntity = defineEntity({
  name: 'StartCode',
  tableName: 'start_codes',
  properties: {
    userId: p.uuid().primary(),
    code: p.string(),
    issuedBy: p.uuid().nullable(),
    issuedAt: p.datetime().onCreate(() => new Date()),
  },
});
