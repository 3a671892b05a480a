import { MikroORM } from '@mikro-orm/postgresql';
import { PreparedReads, serviceOrmConfig } from '@plein/persistence';
import { testEnv } from '@plein/testing';
import { afterAll } from 'vitest';
import { MeiliSearchEngine } from '../src/engine/meili.engine.js';
import { PostgresSearchEngine } from '../src/engine/postgres.engine.js';
import { searchDatabase } from '../src/search.config.js';
import { engineContract } from './engine-contract.js';

let orm: MikroORM | undefined;
let reads: PreparedReads | undefined;
afterAll(async () => {
  await reads?.close();
  await orm?.close(true);
});

engineContract('PostgreSQL full-text', async () => {
  // Test only: the engine is driven directly here, outside the service's per-handler request context,
  // and nested calls must join the surrounding transaction as they do in the service.
  orm = await MikroORM.init({
    ...serviceOrmConfig(searchDatabase(testEnv().databaseUrl)),
    allowGlobalContext: true,
  });
  // queries on the prepared read path, as in the service
  reads = new PreparedReads({
    databaseUrl: testEnv().databaseUrl,
    max: 2,
    applicationName: 'search-contract',
  });
  return new PostgresSearchEngine(() => orm!.em, reads);
});

// The same suite against a real Meilisearch, wherever one is reachable. None can be installed on this
// machine kind (no Docker engine, no Meilisearch package); the run says so instead of pretending.
const meiliUrl = process.env['MEILI_URL'];
if (meiliUrl) {
  engineContract('Meilisearch', () =>
    Promise.resolve(
      MeiliSearchEngine.connect(meiliUrl, process.env['MEILI_API_KEY'], `plein_contract_${Date.now()}`),
    ),
  );
} else {
  console.warn(
    'search engine contract: the Meilisearch run did not execute — MEILI_URL is not set and no Meilisearch is reachable here.',
  );
}
