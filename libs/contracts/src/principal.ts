import { z } from 'zod';

/** Keycloak realms. */
export const Realm = z.enum(['staff', 'clients']);
export type Realm = z.infer<typeof Realm>;

/** The two content spaces. Staff-realm principals may enter both; clients-realm principals only `client`. */
export const Intranet = z.enum(['staff', 'client']);
export type Intranet = z.infer<typeof Intranet>;

export const StaffRole = z.enum(['employee', 'mentor', 'editor', 'moderator', 'admin']);
export type StaffRole = z.infer<typeof StaffRole>;
export const ClientRole = z.enum(['client', 'client-editor']);
export type ClientRole = z.infer<typeof ClientRole>;
export const Role = z.union([StaffRole, ClientRole]);
export type Role = z.infer<typeof Role>;

export const ROLES_BY_REALM: Record<Realm, readonly Role[]> = {
  staff: StaffRole.options,
  clients: ClientRole.options,
};

/** Who is asking: built by the gateway from a verified token, passed in every NATS message. */
export const Principal = z.object({
  realm: Realm,
  intranet: Intranet,
  userId: z.uuid(),
  subject: z.string().min(1),
  username: z.string().min(1),
  displayName: z.string(),
  roles: z.array(Role),
  groupIds: z.array(z.uuid()),
});
export type Principal = z.infer<typeof Principal>;
