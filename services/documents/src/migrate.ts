import { ConfigError, DatabaseEnv, loadConfig } from '@plein/config';
import { migrateService } from '@plein/persistence';
import { documentsDatabase } from './documents.config.js';

/** One-off migration step (start command, CI, Kubernetes Job). */
export async function migrateDocuments(databaseUrl: string): Promise<string[]> {
  return migrateService(documentsDatabase(databaseUrl));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { DATABASE_URL } = loadConfig(DatabaseEnv);
    const done = await migrateDocuments(DATABASE_URL);
    console.log(`documents: ${done.length} migration(s) applied${done.length ? `: ${done.join(', ')}` : ''}`);
  } catch (err) {
    console.error(`documents: ${err instanceof ConfigError ? err.message : String(err)}`);
    process.exit(1);
  }
}
