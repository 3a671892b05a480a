import { z } from 'zod';
export * from './logger.js';

/** Thrown at start when the environment does not fit an app's schema; names every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates the environment against an app's schema, or fails naming each variable and why. */
export function loadConfig<S extends z.ZodObject>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const given = env[name] === undefined ? 'not set' : 'set';
    return `  - ${name} (${given}): ${issue.message}`;
  });
  throw new ConfigError(`Invalid configuration; fix these environment variables:\n${lines.join('\n')}`);
}

const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL with protocol ${protocols.join(' or ')}`,
  );

/** Pieces that several apps share. */
/**
 * Every app connects to NATS as its own user (deploy/nats/permissions.conf says what that user may send and
 * receive); there is no anonymous access, so user and password have no defaults.
 */
export const NatsEnv = z.object({
  NATS_URL: url(['nats:', 'tls:']).default('nats://127.0.0.1:4222'),
  NATS_USER: z.string().regex(/^[a-z][a-z0-9-]*$/, "the app's NATS user name, for example identity"),
  NATS_PASSWORD: z.string().min(1, 'the password of NATS_USER'),
});
export const DatabaseEnv = z.object({ DATABASE_URL: url(['postgres:', 'postgresql:']) });
export const LogEnv = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export const KeycloakEnv = z.object({
  /** Where the gateway reaches Keycloak; tokens' issuer is KEYCLOAK_ISSUER_BASE (the pinned hostname). */
  KEYCLOAK_URL: url(['http:', 'https:']).default('http://localhost:8080'),
  KEYCLOAK_ISSUER_BASE: url(['http:', 'https:']).optional(),
});

export { z };

/**
 * The personal-data guard (`@plein/auth` findPersonalData) always checks what is written in the client intranet;
 * `GUARD_STAFF_INTRANET=true` switches it on for the staff intranet too (timelines and moderation read it).
 */
export const GuardEnv = z.object({
  GUARD_STAFF_INTRANET: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

/**
 * Runs a seed when its file is the one node started (`node services/<name>/dist/live-seed.js`, as `./plein up`
 * does), not when a test imports it: prints what it did under `name`, or why not (a config error as its message)
 * and exits 1. Every seed's script part is this one call.
 */
export async function runSeed(moduleUrl: string, name: string, seed: () => Promise<string>): Promise<void> {
  if (moduleUrl !== `file://${process.argv[1]}`) return;
  try {
    console.log(`${name}: ${await seed()}`);
  } catch (err) {
    console.error(`${name}: ${err instanceof ConfigError ? err.message : String(err)}`);
    process.exit(1);
  }
}
