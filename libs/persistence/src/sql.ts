/**
 * A PostgreSQL array literal for a text[] parameter. MikroORM expands array parameters of raw
 * queries into lists, so arrays travel as one literal string (`?::text[]`).
 */
export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/**
 * Rewrites MikroORM-style `?` placeholders to PostgreSQL's `$1, $2, …`, leaving question marks inside
 * quoted literals and identifiers alone.
 */
export function toPositional(sql: string): string {
  let n = 0;
  return sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (m) => (m === '?' ? `$${++n}` : m));
}
