import { defineEntity, p } from '@mikro-orm/postgresql';
import type { ClientSharedField, PersonKind } from '@plein/contracts';

/**
 * The directory's facts about a person — what the person rule of `@plein/auth` needs (kind, names, opt-in, shared
 * fields, photo version, active) — copied from `plein.directory.profile.created|updated`. `seenAt`: the time of
 * the newest profile event applied (the two durables can deliver out of order; an older event never wins).
 */
export const PersonFactsEntity = defineEntity({
  name: 'ActivitiesPersonFacts',
  tableName: 'person_facts',
  properties: {
    userId: p.uuid().primary(),
    kind: p.string().$type<PersonKind>(),
    firstName: p.text(),
    lastName: p.text(),
    displayName: p.text(),
    optedIn: p.boolean(),
    sharedFields: p.array().$type<ClientSharedField[]>(),
    photoVersion: p.text().nullable(),
    active: p.boolean(),
    seenAt: p.datetime(),
  },
});
export type PersonFactsRow = InstanceType<typeof PersonFactsEntity.class>;
