import { DatabaseEnv, LogEnv, NatsEnv, loadConfig, z } from '@plein/config';
import { MESSAGING_ENTITIES } from '@plein/messaging';
import type { ServiceDatabase } from '@plein/persistence';
import { SEARCH_ENTITIES } from './entities/index.entity.js';
import { SEARCH_MIGRATIONS } from './migrations/index.js';

export const SERVICE = 'search';

export const SearchEnv = DatabaseEnv.extend(NatsEnv.shape)
  .extend(LogEnv.shape)
  .extend({
    /** When set, Meilisearch is the engine; otherwise PostgreSQL full-text search. */
    MEILI_URL: z.url().optional(),
    MEILI_API_KEY: z.string().optional(),
    MEILI_INDEX: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/)
      .default('plein'),
    /** Services whose content search indexes, asked for their state on rebuild (comma-separated). */
    SEARCH_SOURCES: z
      .string()
      .default('directory,timelines,knowledge,activities,documents')
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
  });
export type SearchConfig = z.infer<typeof SearchEnv>;
export const SEARCH_CONFIG = Symbol('SEARCH_CONFIG');
export const loadSearchConfig = (env: NodeJS.ProcessEnv = process.env): SearchConfig =>
  loadConfig(SearchEnv, env);

export const searchDatabase = (databaseUrl: string): ServiceDatabase => ({
  service: SERVICE,
  databaseUrl,
  entities: [...SEARCH_ENTITIES, ...MESSAGING_ENTITIES],
  migrations: SEARCH_MIGRATIONS,
});
