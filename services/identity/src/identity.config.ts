import { DatabaseEnv, LogEnv, NatsEnv, loadConfig } from '@plein/config';
import { MESSAGING_ENTITIES } from '@plein/messaging';
import type { ServiceDatabase } from '@plein/persistence';
import { UserEntity } from './entities/user.entity.js';
import { IDENTITY_MIGRATIONS } from './migrations/index.js';

export const SERVICE = 'identity';

export const IdentityEnv = DatabaseEnv.extend(NatsEnv.shape).extend(LogEnv.shape);
export type IdentityConfig = ReturnType<typeof loadIdentityConfig>;
export const loadIdentityConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(IdentityEnv, env);

export const identityDatabase = (databaseUrl: string): ServiceDatabase => ({
  service: SERVICE,
  databaseUrl,
  entities: [UserEntity, ...MESSAGING_ENTITIES],
  migrations: IDENTITY_MIGRATIONS,
});
