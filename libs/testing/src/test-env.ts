/**
 * Where the tests find PostgreSQL, NATS and Keycloak. Environment variables win (the README's test command
 * sets them after starting the local servers); otherwise `startContainers()` in the global set-up starts them
 * with testcontainers when a Docker engine is there; otherwise the set-up fails with a message saying what to start.
 */
export interface TestEnv {
  databaseUrl: string;
  natsUrl: string;
  keycloakUrl: string;
}

export const TEST_ENV_VARS = ['TEST_DATABASE_URL', 'TEST_NATS_URL', 'KEYCLOAK_URL'] as const;

export function testEnvFromVariables(env: NodeJS.ProcessEnv = process.env): Partial<TestEnv> {
  return {
    ...(env['TEST_DATABASE_URL'] ? { databaseUrl: env['TEST_DATABASE_URL'] } : {}),
    ...(env['TEST_NATS_URL'] ? { natsUrl: env['TEST_NATS_URL'] } : {}),
    ...(env['KEYCLOAK_URL'] ? { keycloakUrl: env['KEYCLOAK_URL'] } : {}),
  };
}

/** The test environment as the global set-up published it (inside a test). */
export function testEnv(env: NodeJS.ProcessEnv = process.env): TestEnv {
  const found = testEnvFromVariables(env);
  if (!found.databaseUrl || !found.natsUrl || !found.keycloakUrl) {
    throw new Error(
      "The test environment is not set: run the tests with the README's test command (./plein test), " +
        `or set ${TEST_ENV_VARS.join(', ')}.`,
    );
  }
  return found as TestEnv;
}
