import { createHash } from 'node:crypto';
import pg from 'pg';
import { toPositional } from './sql.js';

export interface PreparedReadsOptions {
  databaseUrl: string;
  /** Connections of this pool (besides MikroORM's). */
  max?: number;
  /** Shown in pg_stat_activity. */
  applicationName: string;
}

/**
 * A hot read path's own small pool of connections that run named prepared statements with generic plans.
 *
 * A feed query is long (one candidate set per source, each with the visibility rule), so PostgreSQL spends
 * longer planning it (≈ 5 ms) than running it (≈ 1–3 ms). MikroORM sends unnamed statements, planned anew on
 * every call. Here each distinct statement text is prepared once per connection and, with
 * `plan_cache_mode = force_generic_plan`, planned once: the parameters (ids, arrays, cursors) vary, the shape
 * does not. Only for read statements whose plan does not depend on the values; writes and transactions stay
 * with MikroORM.
 */
export class PreparedReads {
  private readonly pool: pg.Pool;

  constructor(options: PreparedReadsOptions) {
    this.pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.max ?? 8,
      application_name: options.applicationName,
      options: '-c plan_cache_mode=force_generic_plan',
    });
    // a dropped connection must not take the process down; the query in flight fails on its own
    this.pool.on('error', () => undefined);
  }

  /** Runs `sql` (with `?` placeholders, as MikroORM's execute takes them) as a named prepared statement. */
  async query<T>(sql: string, params: readonly unknown[]): Promise<T[]> {
    const text = toPositional(sql);
    const name = `p_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    const result = await this.pool.query({ name, text, values: params as unknown[] });
    return result.rows as T[];
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
