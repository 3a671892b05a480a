import { defineEntity, p } from '@mikro-orm/postgresql';
import type { Realm } from '@plein/contracts';

/** A person as knowledge shows them, learnt from the principal of their requests. */
export const PersonEntity = defineEntity({
  name: 'KnowledgePerson',
  tableName: 'people',
  properties: {
    id: p.uuid().primary(),
    realm: p.string().$type<Realm>(),
    username: p.string(),
    displayName: p.string(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
