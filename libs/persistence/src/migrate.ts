import { MikroORM } from '@mikro-orm/postgresql';
import { type ServiceDatabase, serviceOrmConfig } from './orm-config.js';

/**
 * Runs a service's checked-in migrations. This is a one-off step (the start command, CI, a Kubernetes Job),
 * never something replicas race at boot. A PostgreSQL advisory lock keeps two runs from overlapping.
 */
export async function migrateService(db: ServiceDatabase): Promise<string[]> {
  const orm = await MikroORM.init(serviceOrmConfig(db));
  try {
    const conn = orm.em.getConnection();
    await conn.execute(`create schema if not exists "${db.service}"`);
    const lockKey = `plein-migrate-${db.service}`;
    await conn.execute('select pg_advisory_lock(hashtext(?))', [lockKey]);
    try {
      const done = await orm.migrator.up();
      return done.map((m) => m.name);
    } finally {
      await conn.execute('select pg_advisory_unlock(hashtext(?))', [lockKey]);
    }
  } finally {
    await orm.close(true);
  }
}

/** Refuses destructive test set-up against a database whose name does not mark it as a test database. */
export function assertTestDatabase(databaseUrl: string): string {
  const name = new URL(databaseUrl).pathname.replace(/^\//, '');
  if (!/(^|_)test($|_)/.test(name)) {
    throw new Error(
      `refusing to reset database "${name}": its name must contain "test" (for example plein_test)`,
    );
  }
  return name;
}
