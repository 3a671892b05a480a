/**
 * A PostgreSQL array literal for a text[] parameter. MikroORM expands array parameters of raw
 * queries into lists, so arrays travel as one literal string (`?::text[]`).
 */
export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/**
 * The one placeholder scanner: quoted literals and identifiers are passed over whole (a `?` or `:x` inside
 * them is text), a cast `::type` is not a name, and every placeholder outside them is handed to `replace`.
 */
const PLACEHOLDER = /'(?:[^']|'')*'|"(?:[^"]|"")*"|::|\?|:([A-Za-z_][A-Za-z0-9_]*)/g;

function rewrite(sql: string, replace: (name: string | undefined) => string): string {
  return sql.replace(PLACEHOLDER, (m: string, name: string | undefined) =>
    m === '?' || name !== undefined ? replace(name) : m,
  );
}

/**
 * Rewrites MikroORM-style `?` placeholders to PostgreSQL's `$1, $2, …`, leaving question marks inside
 * quoted literals and identifiers alone (and names: bind those first with `bindNamed`).
 */
export function toPositional(sql: string): string {
  let n = 0;
  return rewrite(sql, (name) => (name === undefined ? `$${++n}` : `:${name}`));
}

/**
 * Binds named placeholders (`:userId`) to MikroORM-style `?` ones and their values in order, so a fragment
 * written with names (the visibility filter) can be spliced into a statement with `?` parameters. A name
 * without a value is an error, not a null.
 */
export function bindNamed(fragment: { sql: string; params: Record<string, unknown> }): {
  sql: string;
  params: unknown[];
} {
  const params: unknown[] = [];
  const sql = rewrite(fragment.sql, (name) => {
    if (name === undefined) throw new Error('a fragment with named placeholders has a positional one too');
    if (!Object.hasOwn(fragment.params, name)) throw new Error(`no value for :${name}`);
    params.push(fragment.params[name]);
    return '?';
  });
  return { sql, params };
}
