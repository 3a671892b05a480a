import { ConfigError, DatabaseEnv, loadConfig } from '@plein/config';
import { migrateService } from '@plein/persistence';
import { timelinesDatabase } from './timelines.config.js';

/** One-off migration step (start command, CI, Kubernetes Job). */
export async function migrateTimelines(databaseUrl: string): Promise<string[]> {
  return migrateService(timelinesDatabase(databaseUrl));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { DATABASE_URL } = loadConfig(DatabaseEnv);
    const done = await migrateTimelines(DATABASE_URL);
    console.log(`timelines: ${done.length} migration(s) applied${done.length ? `: ${done.join(', ')}` : ''}`);
  } catch (err) {
    console.error(`timelines: ${err instanceof ConfigError ? err.message : String(err)}`);
    process.exit(1);
  }
}
