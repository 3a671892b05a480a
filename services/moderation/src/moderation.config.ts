import { DatabaseEnv, GuardEnv, LogEnv, NatsEnv, loadConfig } from '@plein/config';
import { MESSAGING_ENTITIES } from '@plein/messaging';
import type { ServiceDatabase } from '@plein/persistence';
import { MODERATION_ENTITIES } from './entities/index.js';
import { MODERATION_MIGRATIONS } from './migrations/index.js';

export const SERVICE = 'moderation';

export const ModerationEnv = DatabaseEnv.extend(NatsEnv.shape).extend(LogEnv.shape).extend(GuardEnv.shape);
export type ModerationConfig = ReturnType<typeof loadModerationConfig>;
export const loadModerationConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(ModerationEnv, env);

export const moderationDatabase = (databaseUrl: string): ServiceDatabase => ({
  service: SERVICE,
  databaseUrl,
  entities: [...MODERATION_ENTITIES, ...MESSAGING_ENTITIES],
  migrations: MODERATION_MIGRATIONS,
});
