import { defineEntity, p } from '@mikro-orm/postgresql';
import type { AccountState, Realm, Role } from '@plein/contracts';

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
    /** Whether the account still stands in Keycloak; only the Keycloak sync changes it. */
    accountState: p.string().$type<AccountState>().default('active'),
    accountStateAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type UserRecord = InstanceType<typeof UserEntity.class>;
