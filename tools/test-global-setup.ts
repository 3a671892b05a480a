import { resolve } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { STREAM_NAME } from '@plein/contracts';
import {
  type TestEnv,
  TEST_ENV_VARS,
  connectTestNats,
  dockerAvailable,
  recreateTestDatabase,
  startContainers,
  testEnvFromVariables,
} from '@plein/testing';
import { migrateActivities } from '../services/activities/src/migrate.js';
import { migrateDirectory } from '../services/directory/src/migrate.js';
import { migrateDocuments } from '../services/documents/src/migrate.js';
import { migrateIdentity } from '../services/identity/src/migrate.js';
import { migrateKnowledge } from '../services/knowledge/src/migrate.js';
import { migrateModeration } from '../services/moderation/src/migrate.js';
import { migrateNotifications } from '../services/notifications/src/migrate.js';
import { migrateSearch } from '../services/search/src/migrate.js';
import { migrateTimelines } from '../services/timelines/src/migrate.js';

/** Every service's migrations, run once per test run against the fresh test database. */
const MIGRATIONS: ((databaseUrl: string) => Promise<string[]>)[] = [
  migrateIdentity,
  migrateDirectory,
  migrateTimelines,
  migrateKnowledge,
  migrateModeration,
  migrateNotifications,
  migrateDocuments,
  migrateSearch,
  migrateActivities,
];

/**
 * Integration and end-to-end tests: infrastructure once per run, a fresh database, an empty stream.
 * PostgreSQL, NATS and Keycloak come from the environment (./plein test starts them), or from
 * testcontainers when a Docker engine is available, or the run stops saying what is missing.
 */
export default async function setup(): Promise<() => Promise<void>> {
  let env = testEnvFromVariables();
  let stop = async () => {};
  const missing = (['databaseUrl', 'natsUrl', 'keycloakUrl'] as const).filter((k) => !env[k]);
  if (missing.length > 0) {
    if (!(await dockerAvailable())) {
      throw new Error(
        `No test infrastructure: ${missing.join(', ')} not set (${TEST_ENV_VARS.join(', ')}) and no Docker engine ` +
          'for testcontainers. Run the tests with ./plein test, which starts PostgreSQL, NATS and Keycloak here.',
      );
    }
    const started = await startContainers(resolve(import.meta.dirname, '..'), [...missing]);
    env = { ...env, ...started.env };
    stop = started.stop;
  }
  const full = env as TestEnv;
  process.env['TEST_DATABASE_URL'] = full.databaseUrl;
  process.env['TEST_NATS_URL'] = full.natsUrl;
  process.env['KEYCLOAK_URL'] = full.keycloakUrl;

  await recreateTestDatabase(full.databaseUrl);
  for (const migrate of MIGRATIONS) await migrate(full.databaseUrl);

  // as the test-only NATS user: no app may delete the stream
  const nc = await connectTestNats();
  const jsm = await jetstreamManager(nc);
  await jsm.streams.delete(STREAM_NAME).catch(() => false);
  await nc.close();
  return stop;
}
