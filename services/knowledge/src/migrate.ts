import { ConfigError, DatabaseEnv, loadConfig } from '@plein/config';
import { migrateService } from '@plein/persistence';
import { knowledgeDatabase } from './knowledge.config.js';

/** One-off migration step (start command, CI, Kubernetes Job). */
export async function migrateKnowledge(databaseUrl: string): Promise<string[]> {
  return migrateService(knowledgeDatabase(databaseUrl));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { DATABASE_URL } = loadConfig(DatabaseEnv);
    const done = await migrateKnowledge(DATABASE_URL);
    console.log(`knowledge: ${done.length} migration(s) applied${done.length ? `: ${done.join(', ')}` : ''}`);
  } catch (err) {
    console.error(`knowledge: ${err instanceof ConfigError ? err.message : String(err)}`);
    process.exit(1);
  }
}
