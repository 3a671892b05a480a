import { resolve } from 'node:path';
import { natsPassword } from './nats.js';
import type { TestEnv } from './test-env.js';

/** Whether a Docker (or compatible) engine answers, as testcontainers sees it. */
export async function dockerAvailable(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts what `missing` names with testcontainers: PostgreSQL, NATS with JetStream and Keycloak with the
 * realm imports of deploy/keycloak plus the demo overlay. Returns the URLs and a stop function.
 */
export async function startContainers(
  repoRoot: string,
  missing: (keyof TestEnv)[],
): Promise<{ env: Partial<TestEnv>; stop: () => Promise<void> }> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const started: { stop: () => Promise<unknown> }[] = [];
  const env: Partial<TestEnv> = {};
  if (missing.includes('databaseUrl')) {
    const pg = await new GenericContainer('postgres:17')
      .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust', POSTGRES_DB: 'plein_test' })
      .withExposedPorts(5432)
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
      .start();
    started.push(pg);
    env.databaseUrl = `postgres://postgres@${pg.getHost()}:${pg.getMappedPort(5432)}/plein_test`;
  }
  if (missing.includes('natsUrl')) {
    // the test configuration of deploy/nats (the apps' users and permissions, plus the test-only user)
    const passwords = Object.fromEntries(
      (['gateway', 'identity', 'directory', 'timelines', 'search', 'knowledge', 'plein-test'] as const).map(
        (u) => [`NATS_${u === 'plein-test' ? 'TEST' : u.toUpperCase()}_PASSWORD`, natsPassword(u)],
      ),
    );
    const nats = await new GenericContainer('nats:2')
      .withCopyDirectoriesToContainer([{ source: resolve(repoRoot, 'deploy/nats'), target: '/etc/nats' }])
      .withEnvironment(passwords)
      .withCommand(['-c', '/etc/nats/nats-test.conf', '-js'])
      .withExposedPorts(4222)
      .start();
    started.push(nats);
    env.natsUrl = `nats://${nats.getHost()}:${nats.getMappedPort(4222)}`;
  }
  if (missing.includes('keycloakUrl')) {
    // The issuer must be the URL the tests use, so the container's port is fixed to 8080 on the host.
    const keycloak = await new GenericContainer('quay.io/keycloak/keycloak:26.5')
      .withCommand([
        'start-dev',
        '--import-realm',
        '--hostname=http://localhost:8080',
        '--health-enabled=true',
      ])
      .withEnvironment({ KC_BOOTSTRAP_ADMIN_USERNAME: 'admin', KC_BOOTSTRAP_ADMIN_PASSWORD: 'admin' })
      .withCopyDirectoriesToContainer([
        { source: resolve(repoRoot, '.local/keycloak/import'), target: '/opt/keycloak/data/import' },
      ])
      .withExposedPorts({ container: 8080, host: 8080 })
      .withWaitStrategy(Wait.forHttp('/realms/clients', 8080).forStatusCode(200))
      .withStartupTimeout(180_000)
      .start();
    started.push(keycloak);
    env.keycloakUrl = 'http://localhost:8080';
  }
  return {
    env,
    stop: async () => {
      for (const c of started.reverse()) await c.stop();
    },
  };
}
