import { ConfigError, DatabaseEnv, loadConfig } from '@plein/config';
import { migrateService } from '@plein/persistence';
import { activitiesDatabase } from './activities.config.js';

/** One-off migration step (start command, CI, Kubernetes Job). */
export async function migrateActivities(databaseUrl: string): Promise<string[]> {
  return migrateService(activitiesDatabase(databaseUrl));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { DATABASE_URL } = loadConfig(DatabaseEnv);
    const done = await migrateActivities(DATABASE_URL);
    console.log(
      `activities: ${done.length} migration(s) applied${done.length ? `: ${done.join(', ')}` : ''}`,
    );
  } catch (err) {
    console.error(`activities: ${err instanceof ConfigError ? err.message : String(err)}`);
    process.exit(1);
  }
}
