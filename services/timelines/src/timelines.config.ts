import { DatabaseEnv, LogEnv, NatsEnv, loadConfig } from '@plein/config';
import { MESSAGING_ENTITIES } from '@plein/messaging';
import type { ServiceDatabase } from '@plein/persistence';
import { TIMELINES_ENTITIES } from './entities/index.js';
import { TIMELINES_MIGRATIONS } from './migrations/index.js';

export const SERVICE = 'timelines';

export const TimelinesEnv = DatabaseEnv.extend(NatsEnv.shape).extend(LogEnv.shape);
export type TimelinesConfig = ReturnType<typeof loadTimelinesConfig>;
export const loadTimelinesConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(TimelinesEnv, env);

/**
 * Timelines writes through its entities (entities/, one repository per aggregate in repositories/); the reads a
 * benchmark names (the feeds and what decorates them: feed.query.ts, post.query.ts, reader.query.ts,
 * person.query.ts) are tuned SQL with named parameters.
 */
export const timelinesDatabase = (databaseUrl: string, poolMax?: number): ServiceDatabase => ({
  service: SERVICE,
  databaseUrl,
  entities: [...TIMELINES_ENTITIES, ...MESSAGING_ENTITIES],
  migrations: TIMELINES_MIGRATIONS,
  ...(poolMax ? { poolMax } : {}),
});
