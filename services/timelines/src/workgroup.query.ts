import { bindNamed } from '@plein/persistence';

/**
 * A transaction-long lock on one directory team (PostgreSQL's advisory lock: MikroORM has no API for it), so
 * the team's events, arriving on five concurrent consumers, are applied one at a time. It writes nothing.
 */
export const teamLockQuery = (teamId: string) =>
  bindNamed({
    sql: `select pg_advisory_xact_lock(hashtextextended('timelines.team:' || :teamId, 0))`,
    params: { teamId },
  });
