import { defineEntity, p } from '@mikro-orm/postgresql';
import type { Realm } from '@plein/contracts';

/** An erasure (AVG) as identity tracks it; whom it erased is not kept. */
export const ErasureEntity = defineEntity({
  name: 'Erasure',
  tableName: 'erasures',
  properties: {
    id: p.uuid().primary(),
    realm: p.string().$type<Realm>(),
    byUserId: p.uuid().nullable(),
    requestedAt: p.datetime().onCreate(() => new Date()),
  },
});

/** One participant's part of an erasure: pending until its confirmation event arrives. */
export const ErasureConfirmationEntity = defineEntity({
  name: 'ErasureConfirmation',
  tableName: 'erasure_confirmations',
  properties: {
    erasureId: p.uuid().primary(),
    service: p.string().primary(),
    confirmedAt: p.datetime().nullable(),
    removed: p.json<Record<string, number>>().default('{}'),
    anonymised: p.json<Record<string, number>>().default('{}'),
  },
});
