import { ConfigError, DatabaseEnv, loadConfig } from '@plein/config';
import { migrateService } from '@plein/persistence';
import { notificationsDatabase } from './notifications.config.js';

/** One-off migration step (start command, CI, Kubernetes Job). */
export async function migrateNotifications(databaseUrl: string): Promise<string[]> {
  return migrateService(notificationsDatabase(databaseUrl));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { DATABASE_URL } = loadConfig(DatabaseEnv);
    const done = await migrateNotifications(DATABASE_URL);
    console.log(
      `notifications: ${done.length} migration(s) applied${done.length ? `: ${done.join(', ')}` : ''}`,
    );
  } catch (err) {
    console.error(`notifications: ${err instanceof ConfigError ? err.message : String(err)}`);
    process.exit(1);
  }
}
