import { ConfigError, DatabaseEnv, loadConfig } from '@plein/config';
import { migrateService } from '@plein/persistence';
import { moderationDatabase } from './moderation.config.js';

/** One-off migration step (start command, CI, Kubernetes Job). */
export async function migrateModeration(databaseUrl: string): Promise<string[]> {
  return migrateService(moderationDatabase(databaseUrl));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { DATABASE_URL } = loadConfig(DatabaseEnv);
    const done = await migrateModeration(DATABASE_URL);
    console.log(
      `moderation: ${done.length} migration(s) applied${done.length ? `: ${done.join(', ')}` : ''}`,
    );
  } catch (err) {
    console.error(`moderation: ${err instanceof ConfigError ? err.message : String(err)}`);
    process.exit(1);
  }
}
