import { ConfigError, DatabaseEnv, loadConfig } from '@plein/config';
import { migrateService } from '@plein/persistence';
import { identityDatabase } from './identity.config.js';

/** One-off migration step (start command, CI, Kubernetes Job). */
export async function migrateIdentity(databaseUrl: string): Promise<string[]> {
  return migrateService(identityDatabase(databaseUrl));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { DATABASE_URL } = loadConfig(DatabaseEnv);
    const done = await migrateIdentity(DATABASE_URL);
    console.log(`identity: ${done.length} migration(s) applied${done.length ? `: ${done.join(', ')}` : ''}`);
  } catch (err) {
    console.error(`identity: ${err instanceof ConfigError ? err.message : String(err)}`);
    process.exit(1);
  }
}
