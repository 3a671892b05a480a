import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { INestApplication, INestMicroservice } from '@nestjs/common';
import { testEnv, testNatsAccess } from '@plein/testing';
import { createGateway } from '../../gateway/src/bootstrap.js';
import { type GatewayConfig, loadGatewayConfig } from '../../gateway/src/gateway.config.js';
import { loadActivitiesConfig } from '../../services/activities/src/activities.config.js';
import { startActivities } from '../../services/activities/src/bootstrap.js';
import { startDocuments } from '../../services/documents/src/bootstrap.js';
import { loadDocumentsConfig } from '../../services/documents/src/documents.config.js';
import { startDirectory } from '../../services/directory/src/bootstrap.js';
import { loadDirectoryConfig } from '../../services/directory/src/directory.config.js';
import { startIdentity } from '../../services/identity/src/bootstrap.js';
import { loadIdentityConfig } from '../../services/identity/src/identity.config.js';
import { startKnowledge } from '../../services/knowledge/src/bootstrap.js';
import { loadKnowledgeConfig } from '../../services/knowledge/src/knowledge.config.js';
import { startModeration } from '../../services/moderation/src/bootstrap.js';
import { loadModerationConfig } from '../../services/moderation/src/moderation.config.js';
import { startNotifications } from '../../services/notifications/src/bootstrap.js';
import { loadNotificationsConfig } from '../../services/notifications/src/notifications.config.js';
import { startSearch } from '../../services/search/src/bootstrap.js';
import { loadSearchConfig } from '../../services/search/src/search.config.js';
import { startTimelines } from '../../services/timelines/src/bootstrap.js';
import { loadTimelinesConfig } from '../../services/timelines/src/timelines.config.js';

/** The erasure/export participants that exist in this system. */
export const SYSTEM_PARTICIPANTS =
  'identity,directory,timelines,knowledge,search,moderation,activities,notifications,documents';

/** The real services and gateways of a test, on the test PostgreSQL, NATS and Keycloak. */
export interface RunningSystem {
  identity: INestMicroservice;
  directory: INestMicroservice;
  timelines: INestMicroservice;
  search: INestMicroservice;
  knowledge: INestMicroservice;
  moderation: INestMicroservice;
  activities: INestMicroservice;
  notifications: INestMicroservice;
  documents: INestMicroservice;
  gateways: { app: INestApplication; url: string }[];
  url: string;
  close(): Promise<void>;
}

export async function startSystem(
  options: {
    gateways?: number;
    gateway?: Partial<Record<string, string>>;
    identity?: Partial<Record<string, string>>;
    search?: Partial<Record<string, string>>;
    moderation?: Partial<Record<string, string>>;
    activities?: Partial<Record<string, string>>;
    notifications?: Partial<Record<string, string>>;
    /** The documents service's (and the gateway's) storage settings, e.g. STORAGE_DIR, DOCUMENTS_MAX_BYTES. */
    documents?: Partial<Record<string, string>>;
    /** Port of the first gateway (default: any free port). Browser tests need one Keycloak allows. */
    port?: number;
  } = {},
): Promise<RunningSystem> {
  const env = testEnv();
  const base = {
    DATABASE_URL: env.databaseUrl,
    KEYCLOAK_URL: env.keycloakUrl,
    LOG_LEVEL: 'warn',
  };
  // the gateway and the documents service share one store (a folder per run unless a test gives its own)
  const storageEnv = {
    STORAGE_DIR: process.env['TEST_STORAGE_DIR'] ?? `.local/test-documents-${process.pid}`,
    TRASH_SWEEP_INTERVAL_MS: '500',
  };
  // The Keycloak sync stays off unless a test asks for it: tests about first logins need unprovisioned users.
  // Identity still has its admin access (client accounts, erasure, drift). Every service of this system takes part
  // in erasure and export.
  const identity = await startIdentity(
    loadIdentityConfig({
      KEYCLOAK_SYNC: 'off',
      KEYCLOAK_SYNC_CLIENT_SECRET: 'plein-identity-local-secret',
      ERASURE_PARTICIPANTS: SYSTEM_PARTICIPANTS,
      // the test Keycloak imported deploy/keycloak with the demo overlay (deploy/local/keycloak.sh)
      KEYCLOAK_REALM_OVERLAY_DIR: resolve(import.meta.dirname, '..', '..', 'deploy', 'seed', 'keycloak'),
      ...base,
      ...testNatsAccess('identity'),
      ...options.identity,
    }),
  );
  const directory = await startDirectory(loadDirectoryConfig({ ...base, ...testNatsAccess('directory') }));
  const timelines = await startTimelines(loadTimelinesConfig({ ...base, ...testNatsAccess('timelines') }));
  const knowledge = await startKnowledge(loadKnowledgeConfig({ ...base, ...testNatsAccess('knowledge') }));
  const moderation = await startModeration(
    loadModerationConfig({ ...base, ...testNatsAccess('moderation'), ...options.moderation }),
  );
  const activities = await startActivities(
    loadActivitiesConfig({ ...base, ...testNatsAccess('activities'), ...options.activities }),
  );
  const notifications = await startNotifications(
    loadNotificationsConfig({ ...base, ...testNatsAccess('notifications'), ...options.notifications }),
  );
  const documents = await startDocuments(
    loadDocumentsConfig({ ...base, ...storageEnv, ...testNatsAccess('documents'), ...options.documents }),
  );
  const search = await startSearch(
    loadSearchConfig({
      SEARCH_SOURCES: 'directory,timelines,knowledge,activities,documents',
      ...base,
      ...testNatsAccess('search'),
      ...options.search,
    }),
  );
  const services = [
    identity,
    directory,
    timelines,
    knowledge,
    moderation,
    activities,
    notifications,
    documents,
    search,
  ];
  const gateways: RunningSystem['gateways'] = [];
  for (let i = 0; i < (options.gateways ?? 1); i++) {
    gateways.push(
      await startTestGateway(
        {
          ...base,
          ...testNatsAccess('gateway'),
          ERASURE_PARTICIPANTS: SYSTEM_PARTICIPANTS,
          ...storageEnv,
          ...options.documents,
          PORT: '0',
          HOST: '127.0.0.1',
          ...options.gateway,
        },
        i === 0 ? options.port : undefined,
      ),
    );
  }
  return {
    identity,
    directory,
    timelines,
    search,
    knowledge,
    moderation,
    activities,
    notifications,
    documents,
    gateways,
    url: gateways[0]!.url,
    close: async () => {
      for (const g of gateways) await g.app.close();
      for (const s of services.reverse()) await s.close();
    },
  };
}

export async function startTestGateway(
  env: Record<string, string | undefined>,
  listenPort = 0,
): Promise<{ app: INestApplication; url: string }> {
  const config: GatewayConfig = loadGatewayConfig(env);
  const app = await createGateway(config);
  await app.listen(listenPort, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}` };
}
