import { DatabaseEnv, LogEnv, NatsEnv, loadConfig } from '@plein/config';
import { MESSAGING_ENTITIES } from '@plein/messaging';
import type { ServiceDatabase } from '@plein/persistence';
import { DIRECTORY_ENTITIES } from './entities/index.js';
import { DIRECTORY_MIGRATIONS } from './migrations/index.js';
import { SERVICE } from './profile.store.js';

export { SERVICE };

export const DirectoryEnv = DatabaseEnv.extend(NatsEnv.shape).extend(LogEnv.shape);
export type DirectoryConfig = ReturnType<typeof loadDirectoryConfig>;
export const loadDirectoryConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(DirectoryEnv, env);

/** Locations, teams and functions are entities; profiles are still read and written in SQL. */
export const directoryDatabase = (databaseUrl: string): ServiceDatabase => ({
  service: SERVICE,
  databaseUrl,
  entities: [...DIRECTORY_ENTITIES, ...MESSAGING_ENTITIES],
  migrations: DIRECTORY_MIGRATIONS,
});
