import { DatabaseEnv, LogEnv, NatsEnv, loadConfig, z } from '@plein/config';
import { MESSAGING_ENTITIES } from '@plein/messaging';
import type { ServiceDatabase } from '@plein/persistence';
import { ACTIVITIES_ENTITIES } from './entities/index.js';
import { ACTIVITIES_MIGRATIONS } from './migrations/index.js';

export const SERVICE = 'activities';

export const ActivitiesEnv = DatabaseEnv.extend(NatsEnv.shape)
  .extend(LogEnv.shape)
  .extend({
    /** How often the reminder scheduler looks for activities starting within the lead time. */
    ACTIVITIES_REMINDER_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
    /** How long before the start a participant is reminded ("the day before"). */
    ACTIVITIES_REMINDER_LEAD_HOURS: z.coerce.number().min(1).max(168).default(24),
  });
export type ActivitiesConfig = ReturnType<typeof loadActivitiesConfig>;
export const loadActivitiesConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(ActivitiesEnv, env);

export const activitiesDatabase = (databaseUrl: string): ServiceDatabase => ({
  service: SERVICE,
  databaseUrl,
  entities: [...ACTIVITIES_ENTITIES, ...MESSAGING_ENTITIES],
  migrations: ACTIVITIES_MIGRATIONS,
});
