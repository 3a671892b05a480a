import { KeycloakEnv, LogEnv, NatsEnv, loadConfig, z } from '@plein/config';
import { ERASURE_PARTICIPANTS, ErasureParticipant } from '@plein/contracts';
import { StorageEnv } from '@plein/storage';

export const GatewayEnv = NatsEnv.extend(KeycloakEnv.shape)
  .extend(LogEnv.shape)
  // documents: the gateway streams uploads into the store and downloads out of it (docs/documents.md)
  .extend(StorageEnv.shape)
  .extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    /** Largest accepted JSON body, in bytes. */
    BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(256 * 1024),
    /** Largest accepted profile photo upload, in bytes. */
    PHOTO_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .max(50 * 1024 * 1024)
      .default(5 * 1024 * 1024),
    /** Services that must answer before /health/ready says yes (comma-separated). */
    REQUIRED_SERVICES: z
      .string()
      .default('identity,directory,timelines,knowledge,moderation,activities,notifications,documents,search')
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    /** Audience every access token must carry. */
    KEYCLOAK_AUDIENCE: z.string().default('plein-gateway'),
    /** The services `GET /me/export` asks for what they hold of the caller (default: all of ERASURE_PARTICIPANTS). */
    ERASURE_PARTICIPANTS: z
      .string()
      .default(ERASURE_PARTICIPANTS.join(','))
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .pipe(z.array(ErasureParticipant).min(1)),
    /** Folder with the built portals (`staff/dist`, `client/dist`); default: the repository's `portals/`. */
    PORTALS_DIR: z.string().optional(),
  });
export type GatewayConfig = z.infer<typeof GatewayEnv>;
export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env): GatewayConfig =>
  loadConfig(GatewayEnv, env);
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
export const NATS_CLIENT = 'NATS_CLIENT';
