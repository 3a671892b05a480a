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

/** `POST /clients`: a mentor makes a client account. The username is suggested from the names when left out. */
export const CreateClient = z
  .object({
    firstName: z.string().trim().min(1).max(100),
    lastName: z.string().trim().max(100).optional(),
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, '3–40 letters, digits, dots, dashes or underscores')
      .optional(),
  })
  .strict();
export type CreateClient = z.infer<typeof CreateClient>;

/** A client account with its one-time start code (shown once; the letter prints it until the first login). */
export const ClientStart = z.object({ id: z.uuid(), username: z.string(), startCode: z.string() });
export type ClientStart = z.infer<typeof ClientStart>;

/** One of a mentor's clients. `startCodePending`: the start code is not used yet (no login since). */
export const ClientAccount = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  accountState: AccountState,
  startCodePending: z.boolean(),
  startCodeIssuedAt: z.iso.datetime().nullable(),
});
export type ClientAccount = z.infer<typeof ClientAccount>;
export const ClientAccountList = z.object({ items: z.array(ClientAccount) });
export type ClientAccountList = z.infer<typeof ClientAccountList>;

/** The printable start letter (PDF), base64 over NATS. */
export const StartLetter = z.object({ filename: z.string(), pdf: z.base64() });
export type StartLetter = z.infer<typeof StartLetter>;

/** An erasure's progress: each participant's confirmation, and whether it is overdue. */
export const ErasureReport = z.object({
  id: z.uuid(),
  realm: Realm,
  requestedAt: z.iso.datetime(),
  /** Who asked (an admin), or null when the account was deleted in Keycloak. */
  byUserId: z.uuid().nullable(),
  state: z.enum(['pending', 'done', 'overdue']),
  services: z.array(
    z.object({
      service: z.string(),
      confirmedAt: z.iso.datetime().optional(),
      removed: z.record(z.string(), z.number().int()),
      anonymised: z.record(z.string(), z.number().int()),
      overdue: z.boolean(),
    }),
  ),
});
export type ErasureReport = z.infer<typeof ErasureReport>;

/** One difference between the running Keycloak and deploy/keycloak. */
export const RealmDifference = z.object({
  realm: Realm,
  kind: z.enum(['role', 'default-roles', 'client', 'user-profile']),
  name: z.string(),
  difference: z.enum(['missing', 'unexpected', 'changed']),
  /** What differs, e.g. `description: "x" in deploy/keycloak, "y" in Keycloak`. */
  detail: z.string(),
});
export type RealmDifference = z.infer<typeof RealmDifference>;
export const RealmDrift = z.object({
  checkedAt: z.iso.datetime(),
  inSync: z.boolean(),
  differences: z.array(RealmDifference),
});
export type RealmDrift = z.infer<typeof RealmDrift>;

export const SyncResult = z.object({
  realms: z.array(
    z.object({
      realm: Realm,
      seen: z.number().int(),
      failed: z.number().int(),
      deactivated: z.number().int(),
      reactivated: z.number().int(),
      complete: z.boolean(),
    }),
  ),
});
export type SyncResult = z.infer<typeof SyncResult>;

const WithId = z.object({ id: z.uuid() }).strict();

/** What mentors and administrators do with accounts (staff realm; every call checks the caller's role). */
export const IdentityAdminRpc = {
  createClient: defineRpc('identity.client.create', CreateClient, ClientStart),
  listClients: defineRpc('identity.client.list', z.object({}), ClientAccountList),
  resetClient: defineRpc('identity.client.reset', WithId, ClientStart),
  startLetter: defineRpc('identity.client.letter', WithId, StartLetter),
  /** Admins: erase a person (AVG); answers the erasure's id at once, the services confirm later. */
  requestErasure: defineRpc('identity.erasure.request', z.object({ userId: z.uuid() }).strict(), WithId),
  getErasure: defineRpc('identity.erasure.get', WithId, ErasureReport),
  drift: defineRpc('identity.realm.drift', z.object({}), RealmDrift),
  sync: defineRpc('identity.sync.run', z.object({}), SyncResult),
} as const;

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
    /** A client account a mentor made (`POST /clients`): that mentor, whom the directory records as the mentor. */
    mentorId: z.uuid().optional(),
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
