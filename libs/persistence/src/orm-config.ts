import { Migrator } from '@mikro-orm/migrations';
import { type EntitySchema, type Options, defineConfig } from '@mikro-orm/postgresql';
import type { Migration } from '@mikro-orm/migrations';
import type { Constructor } from '@mikro-orm/core';

export interface ServiceDatabase {
  /** The service's name; also its PostgreSQL schema. */
  service: string;
  databaseUrl: string;
  entities: EntitySchema[];
  /** Checked-in migrations, oldest first. */
  migrations: Constructor<Migration>[];
  /** Connection pool size per process. */
  poolMax?: number;
  debug?: boolean;
}

/** MikroORM configuration for one service: its own schema, explicit migrations, no global context. */
export function serviceOrmConfig(db: ServiceDatabase): Options {
  if (!/^[a-z][a-z0-9_]*$/.test(db.service)) throw new Error(`invalid service schema name ${db.service}`);
  return defineConfig({
    clientUrl: db.databaseUrl,
    schema: db.service,
    entities: db.entities,
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: {
      schema: db.service,
      tableName: 'mikro_orm_migrations',
      migrationsList: db.migrations.map((m) => ({ name: m.name, class: m })),
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      snapshotOnMigrate: false,
      silent: true,
    },
    allowGlobalContext: false,
    pool: { min: 0, max: db.poolMax ?? 10 },
    debug: db.debug ?? false,
  });
}
