/**
 * A PostgreSQL array literal for a text[] parameter. MikroORM expands array parameters of raw
 * queries into lists, so arrays travel as one literal string (`?::text[]`).
 */
export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
