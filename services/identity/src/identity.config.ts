import { DatabaseEnv, KeycloakEnv, LogEnv, NatsEnv, loadConfig, z } from '@plein/config';
import { ERASURE_DEADLINE_SECONDS, ERASURE_PARTICIPANTS, ErasureParticipant, Realm } from '@plein/contracts';
import { MESSAGING_ENTITIES } from '@plein/messaging';
import type { ServiceDatabase } from '@plein/persistence';
import { ErasureConfirmationEntity, ErasureEntity } from './entities/erasure.entity.js';
import { StartCodeEntity } from './entities/start-code.entity.js';
import { UserEntity } from './entities/user.entity.js';
import { IDENTITY_MIGRATIONS } from './migrations/index.js';

export const SERVICE = 'identity';

/**
 * The Keycloak sync: at start and every KEYCLOAK_SYNC_INTERVAL_SECONDS the identity service lists every user
 * of KEYCLOAK_SYNC_REALMS through the admin API (confidential client KEYCLOAK_SYNC_CLIENT_ID, a service
 * account with view-users/query-users) and provisions the ones Plein does not know yet.
 */
export const KeycloakSyncEnv = z.object({
  KEYCLOAK_SYNC: z.enum(['on', 'off']).default('on'),
  KEYCLOAK_SYNC_CLIENT_ID: z.string().min(1).default('plein-identity'),
  KEYCLOAK_SYNC_CLIENT_SECRET: z.string().min(1).optional(),
  KEYCLOAK_SYNC_INTERVAL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  KEYCLOAK_SYNC_REALMS: z
    .string()
    .default('staff,clients')
    .transform((value, ctx): Realm[] => {
      const realms = value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = realms.filter((r) => !Realm.safeParse(r).success);
      if (realms.length === 0 || unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `a comma-separated list of staff, clients${unknown.length ? ` (not a realm: ${unknown.join(', ')})` : ''}`,
        });
        return z.NEVER;
      }
      return realms as Realm[];
    }),
});

/**
 * Administration: the client accounts mentors make, erasure (AVG) and the realm drift check.
 * - ERASURE_PARTICIPANTS: the services that take part in an erasure (default: all of ERASURE_PARTICIPANTS);
 *   identity waits for each one's confirmation and flags it after ERASURE_DEADLINE_SECONDS.
 * - KEYCLOAK_REMOVED_ERASE_AFTER_SECONDS: a user deleted in Keycloak (`removed`) is erased this long after the
 *   sync saw the removal (default 7 days: time to restore an account deleted by mistake); 0 erases at once.
 * - CLIENT_PORTAL_URL: the portal address the start letter names.
 * - KEYCLOAK_REALM_DIR: where deploy/keycloak is (the drift check's source of truth);
 *   KEYCLOAK_REALM_OVERLAY_DIR: the environment's overlay merged over it on import (locally deploy/seed/keycloak).
 */
export const AdministrationEnv = z.object({
  ERASURE_PARTICIPANTS: z
    .string()
    .default(ERASURE_PARTICIPANTS.join(','))
    .transform((value, ctx): ErasureParticipant[] => {
      const names = [
        ...new Set(
          value
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ];
      const unknown = names.filter((n) => !ErasureParticipant.safeParse(n).success);
      if (names.length === 0 || unknown.length > 0 || !names.includes('identity')) {
        ctx.addIssue({
          code: 'custom',
          message: `a comma-separated list of ${ERASURE_PARTICIPANTS.join(', ')}, identity included${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`,
        });
        return z.NEVER;
      }
      return names as ErasureParticipant[];
    }),
  ERASURE_DEADLINE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(ERASURE_DEADLINE_SECONDS),
  KEYCLOAK_REMOVED_ERASE_AFTER_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .default(7 * 86_400),
  CLIENT_PORTAL_URL: z.url().default('http://localhost:3000/mijn/'),
  KEYCLOAK_REALM_DIR: z.string().min(1).optional(),
  KEYCLOAK_REALM_OVERLAY_DIR: z.string().min(1).optional(),
});

export const IdentityEnv = DatabaseEnv.extend(NatsEnv.shape)
  .extend(LogEnv.shape)
  .extend(KeycloakEnv.shape)
  .extend(KeycloakSyncEnv.shape)
  .extend(AdministrationEnv.shape)
  .superRefine((env, ctx) => {
    if (env.KEYCLOAK_SYNC === 'on' && !env.KEYCLOAK_SYNC_CLIENT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['KEYCLOAK_SYNC_CLIENT_SECRET'],
        message:
          'required while KEYCLOAK_SYNC=on (the secret of the plein-identity client; or set KEYCLOAK_SYNC=off)',
      });
    }
  });
export type IdentityConfig = ReturnType<typeof loadIdentityConfig>;
export const loadIdentityConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(IdentityEnv, env);

export const identityDatabase = (databaseUrl: string): ServiceDatabase => ({
  service: SERVICE,
  databaseUrl,
  entities: [UserEntity, StartCodeEntity, ErasureEntity, ErasureConfirmationEntity, ...MESSAGING_ENTITIES],
  migrations: IDENTITY_MIGRATIONS,
});
