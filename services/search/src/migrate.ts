import { ConfigError, DatabaseEnv, loadConfig } from '@plein/config';
import { migrateService } from '@plein/persistence';
import { searchDatabase } from './search.config.js';

/** One-off migration step (start command, CI, Kubernetes Job). */
export async function migrateSearch(databaseUrl: string): Promise<string[]> {
  return migrateService(searchDatabase(databaseUrl));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { DATABASE_URL } = loadConfig(DatabaseEnv);
    const done = await migrateSearch(DATABASE_URL);
    console.log(`search: ${done.length} migration(s) applied${done.length ? `: ${done.join(', ')}` : ''}`);
  } catch (err) {
    console.error(`search: ${err instanceof ConfigError ? err.message : String(err)}`);
    process.exit(1);
  }
}
