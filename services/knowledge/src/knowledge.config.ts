import { DatabaseEnv, LogEnv, NatsEnv, loadConfig } from '@plein/config';
import { MESSAGING_ENTITIES } from '@plein/messaging';
import type { ServiceDatabase } from '@plein/persistence';
import { KNOWLEDGE_ENTITIES } from './entities/index.js';
import { KNOWLEDGE_MIGRATIONS } from './migrations/index.js';

export const SERVICE = 'knowledge';

export const KnowledgeEnv = DatabaseEnv.extend(NatsEnv.shape).extend(LogEnv.shape);
export type KnowledgeConfig = ReturnType<typeof loadKnowledgeConfig>;
export const loadKnowledgeConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(KnowledgeEnv, env);

export const knowledgeDatabase = (databaseUrl: string): ServiceDatabase => ({
  service: SERVICE,
  databaseUrl,
  entities: [...KNOWLEDGE_ENTITIES, ...MESSAGING_ENTITIES],
  migrations: KNOWLEDGE_MIGRATIONS,
});
