import { defineEntity, p } from '@mikro-orm/postgresql';
import type { Realm, Role } from '@plein/contracts';

/** A person mirrored from one of the Keycloak realms; (realm, subject) is their key there. */
export const UserEntity = defineEntity({
  name: 'User',
  tableName: 'users',
  uniques: [{ properties: ['realm', 'subject'] }],
  properties: {
    id: p.uuid().primary(),
    realm: p.string().$type<Realm>(),
    subject: p.string(),
    username: p.string(),
    displayName: p.string(),
    email: p.string().nullable(),
    roles: p.array().$type<Role[]>(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
