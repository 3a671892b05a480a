import { z } from 'zod';
import { defineEvent } from './events.js';
import { ROLES_BY_REALM, Realm, Role } from './principal.js';
import { defineRpc } from './rpc.js';

/** A person, as the identity service knows them. One id everywhere. */
export const User = z.object({
  id: z.uuid(),
  realm: Realm,
  username: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
});
export type User = z.infer<typeof User>;

/** Verified token claims, sent by the gateway to mirror the user on first sight. */
export const UserClaims = z.object({
  realm: Realm,
  subject: z.string().min(1).max(255),
  username: z.string().min(1).max(255),
  displayName: z.string().max(255),
  email: z.email().max(320).optional(),
  roles: z.array(Role),
});
export type UserClaims = z.infer<typeof UserClaims>;

/**
 * The one mapping from what Keycloak says of a person (a verified token's claims in the gateway, the admin
 * API's user in identity's sync) to the claims Plein keeps: roles outside the realm are dropped (a clients
 * token can never carry a staff role), the display name falls back to the username, an e-mail address is kept
 * only when it looks like one.
 */
export function toUserClaims(
  realm: Realm,
  person: {
    subject: string;
    username: string;
    displayName?: string;
    email?: string;
    roles: readonly string[];
  },
): UserClaims {
  const known = ROLES_BY_REALM[realm];
  const roles = [...new Set(person.roles.filter((r): r is Role => known.includes(r as Role)))].sort();
  const email = person.email && /^[^@\s]+@[^@\s]+$/.test(person.email) ? person.email : undefined;
  return {
    realm,
    subject: person.subject,
    username: person.username,
    displayName: person.displayName?.trim() || person.username,
    ...(email ? { email } : {}),
    roles,
  };
}

export const ListUsers = z.object({
  realm: Realm.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * Whether a user's account still stands in Keycloak: `disabled` when an IT admin switched it off
 * (`enabled: false`), `removed` when a complete Keycloak sync pass no longer lists it.
 */
export const AccountState = z.enum(['active', 'disabled', 'removed']);
export type AccountState = z.infer<typeof AccountState>;

export const GetUser = z.object({ userId: z.uuid() }).strict();
export type GetUser = z.infer<typeof GetUser>;

/** A user with whether their account still stands in Keycloak (see AccountState). */
export const UserAccount = User.extend({ accountState: AccountState });
export type UserAccount = z.infer<typeof UserAccount>;

/** The administration's list: every user with their account state, so IT sees who was switched off. */
export const UserPage = z.object({ items: z.array(UserAccount), nextCursor: z.string().optional() });
export type UserPage = z.infer<typeof UserPage>;

export const IdentityRpc = {
  /** Find or create the user for these claims (just-in-time provisioning); idempotent. */
  ensureUser: defineRpc('identity.user.ensure', UserClaims, User, { needsPrincipal: false }),
  /** The caller, with the roles of their current token. */
  me: defineRpc('identity.me.get', z.object({}), User),
  /** Administration: users A–Z by username (admins only). */
  listUsers: defineRpc('identity.user.list', ListUsers, UserPage),
  /**
   * One user by id, with their account state: for services that meet an id they have not learnt of yet
   * (a provisioned event not yet consumed). 404 when identity does not know the id.
   */
  getUser: defineRpc('identity.user.get', GetUser, UserAccount),
} as const;

export const UserProvisioned = defineEvent(
  'plein.identity.user.provisioned',
  z.object({
    userId: z.uuid(),
    realm: Realm,
    subject: z.string(),
    username: z.string(),
    displayName: z.string(),
    email: z.string().optional(),
  }),
);

/**
 * A known user's name, e-mail, username or roles changed (seen in a token or in the Keycloak sync).
 * Carries the whole current state, so a follower can apply it whether or not it saw the provisioning.
 */
export const UserUpdated = defineEvent(
  'plein.identity.user.updated',
  z.object({
    userId: z.uuid(),
    realm: Realm,
    subject: z.string(),
    username: z.string(),
    displayName: z.string(),
    email: z.string().optional(),
    roles: z.array(Role),
  }),
);

/**
 * The account was disabled or removed in Keycloak (seen by the Keycloak sync). Followers hide the person as
 * an active member of Plein (smoelenboek, search, follows, mentions); what they wrote stays, under their name.
 */
export const UserDeactivated = defineEvent(
  'plein.identity.user.deactivated',
  z.object({ userId: z.uuid(), realm: Realm, reason: z.enum(['disabled', 'removed']) }),
);

/** A disabled or removed account is enabled (or listed) in Keycloak again. */
export const UserReactivated = defineEvent(
  'plein.identity.user.reactivated',
  z.object({ userId: z.uuid(), realm: Realm }),
);
