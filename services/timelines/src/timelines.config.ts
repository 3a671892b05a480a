import { DatabaseEnv, LogEnv, NatsEnv, loadConfig } from '@plein/config';
import { MESSAGING_ENTITIES } from '@plein/messaging';
import type { ServiceDatabase } from '@plein/persistence';
import { TIMELINES_MIGRATIONS } from './migrations/index.js';

export const SERVICE = 'timelines';

export const TimelinesEnv = DatabaseEnv.extend(NatsEnv.shape).extend(LogEnv.shape);
export type TimelinesConfig = ReturnType<typeof loadTimelinesConfig>;
export const loadTimelinesConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(TimelinesEnv, env);

/**
 * Timelines reads and writes with hand-written SQL (the feeds are tuned queries, see feed.query.ts);
 * MikroORM gives it connections, transactions, the outbox and migrations.
 */
export const timelinesDatabase = (databaseUrl: string, poolMax?: number): ServiceDatabase => ({
  service: SERVICE,
  databaseUrl,
  entities: [...MESSAGING_ENTITIES],
  migrations: TIMELINES_MIGRATIONS,
  ...(poolMax ? { poolMax } : {}),
});
