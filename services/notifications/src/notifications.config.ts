import { DatabaseEnv, LogEnv, NatsEnv, loadConfig, z } from '@plein/config';
import { MESSAGING_ENTITIES } from '@plein/messaging';
import type { ServiceDatabase } from '@plein/persistence';
import { NOTIFICATIONS_ENTITIES } from './entities/index.js';
import { NOTIFICATIONS_MIGRATIONS } from './migrations/index.js';

export const SERVICE = 'notifications';

/**
 * The daily digest is off unless `SMTP_URL` is set (`smtp://user:pass@host:587`); `PORTAL_URL` is where the
 * portals are (the digest's links), `DIGEST_HOUR` the hour (server time, 0–23) after which each day's digest goes out.
 */
export const NotificationsEnv = DatabaseEnv.extend(NatsEnv.shape)
  .extend(LogEnv.shape)
  .extend({
    SMTP_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
    DIGEST_FROM: z.string().default('Plein <noreply@plein.local>'),
    PORTAL_URL: z.url().default('http://localhost:3000'),
    DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  });
export type NotificationsConfig = ReturnType<typeof loadNotificationsConfig>;
export const loadNotificationsConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig(NotificationsEnv, env);

export const notificationsDatabase = (databaseUrl: string): ServiceDatabase => ({
  service: SERVICE,
  databaseUrl,
  entities: [...NOTIFICATIONS_ENTITIES, ...MESSAGING_ENTITIES],
  migrations: NOTIFICATIONS_MIGRATIONS,
});
