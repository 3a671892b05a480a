import { ConfigError, DatabaseEnv, loadConfig } from '@plein/config';
import { migrateService } from '@plein/persistence';
import { directoryDatabase } from './directory.config.js';

/** One-off migration step (start command, CI, Kubernetes Job). */
export async function migrateDirectory(databaseUrl: string): Promise<string[]> {
  return migrateService(directoryDatabase(databaseUrl));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { DATABASE_URL } = loadConfig(DatabaseEnv);
    const done = await migrateDirectory(DATABASE_URL);
    console.log(`directory: ${done.length} migration(s) applied${done.length ? `: ${done.join(', ')}` : ''}`);
  } catch (err) {
    console.error(`directory: ${err instanceof ConfigError ? err.message : String(err)}`);
    process.exit(1);
  }
}
